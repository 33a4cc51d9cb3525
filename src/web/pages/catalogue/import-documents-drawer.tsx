import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportJobView, ImportPreviewView } from '../../../contract/catalogue.ts';
import { useSession } from '../../api/session.tsx';
import {
  DOCUMENT_FIELD_SPECS,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  uploadFile,
} from './catalogue-shared.tsx';
import { ImportJobReport, UploadProgress, useImportJob } from './import-job.tsx';

/**
 * 导入文件: an agency's old catalogue into published entries, in three steps — choose the file (the
 * server reads its head: header row, the column it would take for each field, sample rows), check
 * or change the column of each field, then import with progress and the report of rejected rows.
 */

/** A CSV's first part is enough to read its header; an XLSX must be sent whole (zip directory last). */
const CSV_PREVIEW_BYTES = 256 * 1024;
/** Characters the mapping text uses between fields: a header containing one cannot be named in it. */
const MAPPING_SEPARATORS = /[,，;；\n]/;
const HINTS = new Map<string, string>(DOCUMENT_FIELD_SPECS.map((s) => [s.field, s.hint ?? '']));

interface Props {
  open: boolean;
  agencyId: string;
  agencyName: string;
  categories: { code: string; label: string; article: string }[];
  onClose: () => void;
  onImported: () => void;
}

export function ImportDocumentsDrawer({
  open,
  agencyId,
  agencyName,
  categories,
  onClose,
  onImported,
}: Props) {
  const { session } = useSession();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [reading, setReading] = useState(false);
  const [columns, setColumns] = useState<Record<string, string | undefined>>({});
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [documentType, setDocumentType] = useState<string | undefined>(undefined);
  const imports = useImportJob((job: ImportJobView) => {
    if (job.status === 'succeeded') onImported();
  });

  const reset = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setColumns({});
    setCategory(undefined);
    setDocumentType(undefined);
    imports.setJob(null);
  };

  const choose = async (chosen: File) => {
    if (!session) return false;
    setReading(true);
    try {
      const isCsv = chosen.name.toLowerCase().endsWith('.csv');
      const query = new URLSearchParams({ agencyId, target: 'documents', fileName: chosen.name });
      const head = await uploadFile<ImportPreviewView>(
        `/catalogue/imports/preview?${query}`,
        isCsv ? chosen.slice(0, CSV_PREVIEW_BYTES) : chosen,
        session.csrfToken,
        () => undefined,
      );
      setFile(chosen);
      setPreview(head);
      setColumns(Object.fromEntries(head.fields.map((f) => [f.field, f.header ?? undefined])));
      setStep(1);
    } catch (error) {
      message.error(error instanceof Error ? error.message : '无法读取文件');
    } finally {
      setReading(false);
    }
    return false;
  };

  const guessed = new Map(preview?.fields.map((f) => [f.field, f.header]) ?? []);
  const missing =
    preview?.fields.filter(
      (f) =>
        f.required &&
        !columns[f.field] &&
        !(f.field === 'category' && category) &&
        !(f.field === 'documentType' && documentType),
    ) ?? [];

  const startImport = async () => {
    if (!file || !preview) return;
    const parts: string[] = [];
    for (const f of preview.fields) {
      const chosen = columns[f.field];
      const guess = guessed.get(f.field) ?? null;
      if (chosen && chosen !== guess && !MAPPING_SEPARATORS.test(chosen)) parts.push(`${f.field}=${chosen}`);
      // A guessed column the person set aside: read from none.
      if (!chosen && guess) parts.push(`${f.field}=`);
    }
    const query = new URLSearchParams({ agencyId, target: 'documents', fileName: file.name });
    if (parts.length > 0) query.set('mapping', parts.join(','));
    if (!columns.category && category) query.set('category', category);
    if (!columns.documentType && documentType) query.set('documentType', documentType);
    setStep(2);
    await imports.start(query, file).catch((error: unknown) => {
      message.error(error instanceof Error ? error.message : '上传失败');
      setStep(1);
    });
  };

  const headerOptions = [...new Set(preview?.headers.filter((h) => h.trim() !== '') ?? [])].map((h) => ({
    value: h,
    label: h,
  }));
  const job = imports.job;

  return (
    <Drawer
      open={open}
      size={980}
      title={`导入文件 · ${agencyName}`}
      onClose={() => {
        if (!imports.busy) reset();
        onClose();
      }}
      destroyOnHidden
      extra={
        <a href={`/api/catalogue/imports/template?agencyId=${agencyId}&target=documents`} download>
          <DownloadOutlined /> 下载导入模板（XLSX）
        </a>
      }
    >
      <Steps
        current={step}
        status={
          step === 2 && job?.status === 'failed'
            ? 'error'
            : step === 2 && job?.status === 'succeeded'
              ? 'finish'
              : 'process'
        }
        style={{ marginBottom: 24 }}
        items={[{ title: '选择文件' }, { title: '核对列' }, { title: '导入' }]}
      />

      {step === 0 && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            把本机关原有的政府信息公开目录（规范性文件、政策文件、通知公告、政策解读等）导入为
            <Typography.Text strong>已公开</Typography.Text>
            的条目，保留原成文日期和发布日期，公开时效和年度报告第二部分按这些日期计算。支持 CSV（UTF-8 或
            GBK）和 XLSX（读取第一个工作表）。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            整个文件逐行校验，<Typography.Text strong>没有任何问题才写入（全部或全不）</Typography.Text>
            ；按文号（无文号时按标题和成文日期）识别同一文件，重复导入不会重复添加。原索引号符合本机关规则且未被占用的沿用，否则按规则重新编号。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            beforeUpload={choose}
            showUploadList={false}
            disabled={reading}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{reading ? '正在读取表头……' : '点击或拖入 CSV / XLSX 文件'}</p>
          </Upload.Dragger>
        </Space>
      )}

      {step === 1 && preview && file && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>
            {file.name}：
            {preview.format === 'xlsx'
              ? 'XLSX 工作簿'
              : `CSV（${preview.encoding === 'gb18030' ? 'GBK' : 'UTF-8'}）`}
            ，表头在第 {preview.headerLine ?? '—'} 行。请核对每一项取自哪一列。
          </Typography.Text>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={preview.fields}
            aria-label="列映射"
            columns={[
              {
                title: '目录字段',
                dataIndex: 'label',
                width: 130,
                render: (label: string, f) => (
                  <Space size={4}>
                    <Typography.Text strong={f.required}>{label}</Typography.Text>
                    {f.required && <Tag color="red">必填</Tag>}
                  </Space>
                ),
              },
              {
                title: '文件中的列',
                width: 300,
                render: (_, f) => (
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Select
                      aria-label={`${f.label}取自的列`}
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: '100%' }}
                      placeholder={f.required ? '请选择' : '不导入'}
                      value={columns[f.field]}
                      onChange={(value?: string) => setColumns({ ...columns, [f.field]: value })}
                      options={headerOptions}
                    />
                    {f.field === 'category' && !columns.category && (
                      <Select
                        aria-label="统一的类别"
                        placeholder="或：全部行使用同一类别"
                        style={{ width: '100%' }}
                        value={category}
                        onChange={setCategory}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={categories.map((c) => ({ value: c.code, label: c.label }))}
                      />
                    )}
                    {f.field === 'documentType' && !columns.documentType && (
                      <Select
                        aria-label="统一的文种"
                        placeholder="或：全部行使用同一文种"
                        style={{ width: '100%' }}
                        value={documentType}
                        onChange={setDocumentType}
                        options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
                      />
                    )}
                  </Space>
                ),
              },
              {
                title: '说明',
                render: (_, f) => (
                  <Typography.Text type="secondary">{HINTS.get(f.field) ?? ''}</Typography.Text>
                ),
              },
            ]}
          />
          {preview.sampleRows.length > 0 && (
            <>
              <Typography.Text type="secondary">文件的前 {preview.sampleRows.length} 行：</Typography.Text>
              <Table
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                aria-label="文件的前几行"
                rowKey={(_, i) => String(i)}
                dataSource={preview.sampleRows.map((cells) => ({ cells }))}
                columns={preview.headers.map((h, i) => ({
                  title: h || `第 ${i + 1} 列`,
                  key: String(i),
                  ellipsis: true,
                  width: 160,
                  render: (_: unknown, row: { cells: string[] }) => row.cells[i] ?? '',
                }))}
              />
            </>
          )}
          {missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`还需指定：${missing.map((f) => f.label).join('、')}`}
              description="必填的字段须取自文件中的一列（类别、文种也可为全部行指定同一值）。"
            />
          )}
          <Space>
            <Button onClick={reset}>重新选择文件</Button>
            <Button type="primary" disabled={missing.length > 0} onClick={startImport}>
              开始导入
            </Button>
          </Space>
        </Space>
      )}

      {step === 2 && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <UploadProgress percent={imports.uploadPercent} />
          {job && <ImportJobReport job={job} />}
          {job && job.status !== 'running' && (
            <Space>
              {job.status === 'failed' && <Button onClick={() => setStep(1)}>返回核对列</Button>}
              <Button onClick={reset}>导入另一个文件</Button>
              <Button
                type="primary"
                onClick={() => {
                  reset();
                  onClose();
                }}
              >
                完成
              </Button>
            </Space>
          )}
        </Space>
      )}
    </Drawer>
  );
}
