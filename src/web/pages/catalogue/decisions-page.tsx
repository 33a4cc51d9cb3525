import { InboxOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DecisionView, ImportJobView } from '../../../contract/catalogue.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import {
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  DECISION_KINDS,
  useAgencyChoice,
  yearChoices,
} from './catalogue-shared.tsx';
import { ImportJobReport, UploadProgress, useImportJob } from './import-job.tsx';

interface DecisionList {
  items: DecisionView[];
  total: number;
  totalIsCapped: boolean;
  categories: { kind: DecisionView['kind']; matterCategory: string | null; count: number }[];
}

/** 行政许可、处罚、强制决定: bulk import with progress and a report, and the list (section 二's drill-down). */
export function DecisionsPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const { agencyId, agency, picker } = useAgencyChoice();
  const [searchParams] = useSearchParams();
  const [kind, setKind] = useState<string | undefined>(searchParams.get('kind') ?? undefined);
  const [year, setYear] = useState<number | undefined>(
    searchParams.get('year') ? Number(searchParams.get('year')) : undefined,
  );
  const [text, setText] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<DecisionView | null>(null);
  const [defaultKind, setDefaultKind] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState('');

  const params = new URLSearchParams({ page: String(page), pageSize: '20' });
  if (agencyId) params.set('agencyId', agencyId);
  if (kind) params.set('kind', kind);
  if (year) params.set('year', String(year));
  if (text) params.set('text', text);
  const list = useQuery<DecisionList>(agencyId ? `/catalogue/decisions?${params}` : null);
  const jobs = useQuery<ImportJobView[]>(agencyId ? `/catalogue/imports?agencyId=${agencyId}` : null);

  const { job, setJob, uploadPercent, start, busy } = useImportJob(() => {
    list.reload();
    jobs.reload();
  });

  const startImport = async (file: File) => {
    if (!agencyId) return false;
    const query = new URLSearchParams({ agencyId, fileName: file.name });
    if (defaultKind) query.set('kind', defaultKind);
    if (mapping.trim()) query.set('mapping', mapping.trim());
    await start(query, file).catch((error: unknown) =>
      message.error(error instanceof Error ? error.message : '上传失败'),
    );
    return false;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {can('catalogue.import') && (
        <Card
          title={
            <Typography.Title level={4} style={{ margin: 0 }}>
              导入行政决定{agency ? ` · ${agency.name}` : ''}
            </Typography.Title>
          }
          extra={picker}
        >
          <Typography.Paragraph type="secondary">
            支持 CSV（UTF-8 或 GBK）和 XLSX。必需的列：
            {DECISION_FIELD_SPECS.filter((s) => s.required)
              .map((s) => s.label)
              .join('、')}
            ；列名可用常见写法（如“行政许可决定文书号”），也可指定列映射。整个文件逐行校验，
            <Typography.Text strong>没有任何问题才写入（全部或全不）</Typography.Text>
            ；同一文件重复导入不会重复添加。
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              aria-label="统一的决定类别"
              allowClear
              placeholder="文件无“决定类别”列时的类别"
              style={{ width: 260 }}
              value={defaultKind}
              onChange={setDefaultKind}
              options={DECISION_KINDS.map((k) => ({ value: k, label: DECISION_KIND_LABELS[k] }))}
            />
            <Input
              aria-label="列映射"
              placeholder="列映射（可选）：文号=许可证编号,决定日期=发证日期"
              style={{ width: 420 }}
              value={mapping}
              onChange={(e) => setMapping(e.target.value)}
            />
          </Space>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            beforeUpload={startImport}
            showUploadList={false}
            disabled={busy}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入 CSV / XLSX 文件开始导入</p>
          </Upload.Dragger>
          <UploadProgress percent={uploadPercent} />
          {job && (
            <div style={{ marginTop: 12 }}>
              <ImportJobReport job={job} />
            </div>
          )}
        </Card>
      )}

      <Card title="行政许可、行政处罚、行政强制决定" extra={!can('catalogue.import') && picker}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="决定类别"
            allowClear
            placeholder="全部类别"
            style={{ width: 140 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={DECISION_KINDS.map((k) => ({ value: k, label: DECISION_KIND_LABELS[k] }))}
          />
          <Select
            aria-label="决定年度"
            allowClear
            placeholder="决定年度"
            style={{ width: 130 }}
            value={year}
            onChange={(v) => {
              setYear(v);
              setPage(1);
            }}
            options={yearChoices()}
          />
          <Input.Search
            aria-label="文号或相对人"
            placeholder="文号或行政相对人名称"
            allowClear
            style={{ width: 280 }}
            onSearch={(v) => {
              setText(v || undefined);
              setPage(1);
            }}
          />
        </Space>
        {list.data && list.data.categories.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }}>
            {list.data.categories.map((c) => (
              <Tag key={`${c.kind}-${c.matterCategory}`}>
                {DECISION_KIND_LABELS[c.kind]} · {c.matterCategory ?? '未分类'}：{c.count}
              </Tag>
            ))}
          </Space>
        )}
        <Table<DecisionView>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: 1000 }}
          onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => (list.data?.totalIsCapped ? `${total} 条以上` : `共 ${total} 条`),
            onChange: setPage,
          }}
          columns={[
            { title: '文号', dataIndex: 'documentNumber', width: 210 },
            { title: '决定名称', dataIndex: 'title' },
            { title: '行政相对人', dataIndex: 'counterpartyName', width: 240 },
            {
              title: '类别',
              dataIndex: 'kind',
              width: 100,
              render: (k: DecisionView['kind']) => DECISION_KIND_LABELS[k],
            },
            { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
            {
              title: '公示日期',
              dataIndex: 'publishedOn',
              width: 110,
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      </Card>

      {(jobs.data?.length ?? 0) > 0 && (
        <Card size="small" title="导入记录">
          <Table<ImportJobView>
            rowKey="id"
            size="small"
            dataSource={jobs.data}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[
              {
                title: '开始时间',
                dataIndex: 'startedAt',
                width: 170,
                render: (v: string) => new Date(v).toLocaleString('zh-CN'),
              },
              { title: '文件', dataIndex: 'fileName' },
              { title: '操作人', dataIndex: 'startedByLabel', width: 160 },
              {
                title: '结果',
                width: 110,
                render: (_, j) =>
                  j.status === 'running' ? (
                    <Tag color="processing">进行中</Tag>
                  ) : j.status === 'succeeded' ? (
                    <Tag color="success">成功</Tag>
                  ) : (
                    <Tag color="error">未导入</Tag>
                  ),
              },
              { title: '说明', dataIndex: 'message' },
              {
                title: '',
                width: 80,
                render: (_, j) => (
                  <Button type="link" onClick={() => setJob(j)}>
                    报告
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}

      <Drawer open={open !== null} title={open?.title} onClose={() => setOpen(null)} size="large">
        {open && (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="决定类别">{DECISION_KIND_LABELS[open.kind]}</Descriptions.Item>
            <Descriptions.Item label="文号">{open.documentNumber}</Descriptions.Item>
            <Descriptions.Item label="事项名称">{open.matterName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="事项类别">{open.matterCategory ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="行政相对人">{open.counterpartyName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{open.counterpartyCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="决定内容">{open.content ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="依据">{open.basis ?? '—'}</Descriptions.Item>
            {open.amountYuan !== null && (
              <Descriptions.Item label="罚没金额（元）">{open.amountYuan.toFixed(2)}</Descriptions.Item>
            )}
            <Descriptions.Item label="决定日期">{open.decidedOn}</Descriptions.Item>
            <Descriptions.Item label="有效期">
              {open.validFrom ?? '—'} 至 {open.validUntil ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="公示日期">{open.publishedOn ?? '—'}</Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </Space>
  );
}
