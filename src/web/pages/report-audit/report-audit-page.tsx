import { FileSearchOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { AgencyView } from '../../../contract/agency.ts';
import type { AnnualReportView } from '../../../contract/annual-report-api.ts';
import {
  type AuditedFile,
  type AuditedReportFile,
  type AuditFinding,
  type ImportAuditedReport,
  PUBLISHED_CHECK_LABELS,
  SOURCE_KIND_LABELS,
} from '../../../contract/report-audit.ts';
import { describeCell } from '../../../core/annual-report/cell-access.ts';
import { REPORT_STATUS_LABELS } from '../../../core/annual-report/model.ts';
import { post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { AuditedTables } from './audited-tables.tsx';
import { tooLarge, uploadReport } from './upload-reports.ts';

interface Entry {
  key: string;
  result: AuditedFile;
  saved?: { agencyName: string; year: number };
}

const ACCEPT = '.pdf,.docx,.htm,.html,.shtml,.txt,.md,.zip';
const FORMAT_LABELS = { '2021': '2021年版', '2019': '2019年版' } as const;
const PUBLISHED_CHECK_IDS = ['sections', 'prose_figures', 'processing_fee', 'deadline', 'repeated'] as const;

const formatValue = (v: number | null) =>
  v === null ? '空' : Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));

function FindingCounts({ result }: { result: AuditedFile }) {
  if (!result.ok) return <Tag color="default">无法读取</Tag>;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (errors === 0 && warnings === 0) {
    // Rules are silent on unread cells: with some unread, "passed" would claim more than was checked.
    return result.cellsUnread > 0 ? <Tag color="cyan">未发现问题</Tag> : <Tag color="success">核对通过</Tag>;
  }
  return (
    <Space size={4}>
      {errors > 0 && <Tag color="error">{errors} 处错误</Tag>}
      {warnings > 0 && <Tag color="warning">{warnings} 处提示</Tag>}
    </Space>
  );
}

function FindingItem({
  finding,
  onHover,
}: {
  finding: AuditFinding;
  onHover: (cells: string[] | null) => void;
}) {
  const values = Object.entries(finding.values);
  return (
    <div
      role="note"
      className={`audit-finding ${finding.severity}`}
      onMouseEnter={() => onHover(finding.cells)}
      onMouseLeave={() => onHover(null)}
      data-finding={finding.id}
    >
      <Tag color={finding.severity === 'error' ? 'error' : 'warning'}>{finding.id}</Tag>
      {finding.message}
      {values.length > 0 && (
        <div className="values">
          {values
            .map(([cell, v]) =>
              cell.startsWith('previous.')
                ? `上一年度${describeCell(cell.slice('previous.'.length))} = ${formatValue(v)}`
                : `${describeCell(cell)} = ${formatValue(v)}`,
            )
            .join('；')}
        </div>
      )}
    </div>
  );
}

function Findings({
  report,
  onHover,
}: {
  report: AuditedReportFile;
  onHover: (cells: string[] | null) => void;
}) {
  const rules = report.findings.filter((f) => f.kind === 'rule');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <div>
        <Typography.Text strong>表格核对（R1–R8）</Typography.Text>
        {rules.length === 0 && (
          <div className="audit-finding ok">
            {report.cellsUnread > 0 ? `未发现错误（${report.cellsUnread} 格未读出，未参与核对）` : '全部通过'}
          </div>
        )}
        {rules.map((f) => (
          <FindingItem key={`${f.id}:${f.cells.join()}`} finding={f} onHover={onHover} />
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {report.previous
            ? `R6、R7 对照${report.previous.year}年度报告：${report.previous.label}`
            : '没有该机关上一年度的报告，R6、R7 未核对'}
        </Typography.Text>
      </div>
      <div>
        <Typography.Text strong>公开文本检查</Typography.Text>
        {PUBLISHED_CHECK_IDS.map((check) => {
          const found = report.findings.filter((f) => f.kind === 'published' && f.id === check);
          const label = PUBLISHED_CHECK_LABELS[check];
          if (found.length > 0) {
            return found.map((f) => (
              <FindingItem key={`${check}:${f.cells.join()}`} finding={f} onHover={onHover} />
            ));
          }
          const proseInR8 =
            check === 'prose_figures' &&
            report.findings.some((f) => f.id === 'R8' && f.cells.some((c) => c.startsWith('prose.')));
          if (proseInR8) {
            return (
              <div key={check} className="audit-finding warning">
                {label}：见上方 R8
              </div>
            );
          }
          const skipped =
            (check === 'deadline' &&
              !report.publishedOn &&
              !report.datedOn &&
              '报告未注明发布日期或落款日期') ||
            (check === 'repeated' && !report.previous && '没有上一年度的报告可对照');
          return (
            <div key={check} className={`audit-finding ${skipped ? 'skipped' : 'ok'}`}>
              {skipped ? `${label}：${skipped}，未检查` : `✓ ${label}`}
            </div>
          );
        })}
      </div>
    </Space>
  );
}

function SavePanel({
  report,
  agencies,
  saved,
  onSaved,
}: {
  report: AuditedReportFile;
  agencies: AgencyView[] | undefined;
  saved: Entry['saved'];
  onSaved: (view: AnnualReportView) => void;
}) {
  const { message } = App.useApp();
  const [agencyId, setAgencyId] = useState<string | undefined>(report.suggestedAgency?.id);
  const [year, setYear] = useState<number | null>(report.year);
  const [saving, setSaving] = useState(false);
  const existing =
    agencyId === report.suggestedAgency?.id && year === report.year ? report.existingReport : null;

  const save = async () => {
    if (!agencyId || !year) return;
    setSaving(true);
    try {
      const body: ImportAuditedReport = {
        agencyId,
        year,
        fileName: report.file,
        source: report.source,
        tables: report.tables,
        prose: report.prose,
        provenance: report.provenance,
        unread: report.unread,
        publishedOn: report.publishedOn,
        datedOn: report.datedOn,
        warnings: report.warnings,
      };
      const view = await post<AnnualReportView>('/report-audit/imports', body);
      message.success(`已保存为${view.agencyName}${view.year}年度报告`);
      onSaved(view);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        保存后，此报告作为所选机关该年度已发布的年度报告（来源：导入已发布报告），汇总和跨年度核对（R6、R7）将使用它。
      </Typography.Text>
      <Space wrap>
        <Select
          aria-label="保存到机关"
          showSearch
          optionFilterProp="label"
          placeholder={report.agency ? `未找到“${report.agency}”，请选择机关` : '请选择机关'}
          style={{ width: 320 }}
          value={agencyId}
          onChange={setAgencyId}
          loading={!agencies}
          options={agencies?.map((a) => ({ value: a.id, label: a.name }))}
        />
        <InputNumber
          aria-label="报告年度"
          min={2008}
          max={2100}
          value={year}
          onChange={(v) => setYear(typeof v === 'number' ? v : null)}
          suffix="年度"
          style={{ width: 130 }}
        />
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!agencyId || !year}
          loading={saving}
          onClick={save}
        >
          保存为该机关的年度报告
        </Button>
      </Space>
      {existing && existing.source === 'parsed' && (
        <Alert type="info" showIcon title="该机关该年度已有一份导入的报告，保存将替换它。" />
      )}
      {existing && existing.source !== 'parsed' && (
        <Alert
          type="warning"
          showIcon
          title={`该机关该年度报告已在系统中（${REPORT_STATUS_LABELS[existing.status]}），不能用导入的报告覆盖。`}
        />
      )}
      {saved && (
        <Tag color="success">
          已保存为{saved.agencyName}
          {saved.year}年度报告
        </Tag>
      )}
    </Space>
  );
}

function ReportDetail({
  entry,
  agencies,
  onSaved,
}: {
  entry: Entry;
  agencies: AgencyView[] | undefined;
  onSaved: (view: AnnualReportView) => void;
}) {
  const [active, setActive] = useState<ReadonlySet<string>>(new Set());
  const onHover = useCallback((cells: string[] | null) => setActive(new Set(cells ?? [])), []);
  const report = entry.result;
  if (!report.ok) {
    return (
      <Card title={report.file}>
        <Alert type="error" showIcon title="无法读取此文件" description={report.error} />
      </Card>
    );
  }
  const prose = [
    { key: 'preamble', label: '开头段落', text: report.prose.preamble },
    { key: 'overview', label: '一、总体情况', text: report.prose.overview },
    { key: 'problems', label: '五、存在的主要问题及改进情况', text: report.prose.problems },
    { key: 'otherMatters', label: '六、其他需要报告的事项', text: report.prose.otherMatters },
  ].filter((p) => p.text.trim() !== '');
  return (
    <Card title={report.file} data-testid="audit-detail">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'agency', label: '机关（报告所印）', children: report.agency ?? '（未读出）' },
          { key: 'year', label: '年度', children: report.year ?? '（未读出）' },
          { key: 'format', label: '表格格式', children: FORMAT_LABELS[report.formatVersion] },
          { key: 'source', label: '文件类型', children: SOURCE_KIND_LABELS[report.source] },
          {
            key: 'cells',
            label: '单元格',
            children: (
              <span data-testid="cell-counts">
                读出 {report.cellsRead} 个，未读出 {report.cellsUnread} 个
              </span>
            ),
          },
          {
            key: 'date',
            label: '发布日期',
            children: report.publishedOn ?? (report.datedOn ? `${report.datedOn}（落款）` : '未注明'),
          },
        ]}
      />
      {report.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 8 }} />
      ))}
      <Card size="small" title="保存为机关的年度报告" style={{ marginTop: 16 }}>
        <SavePanel
          key={report.file}
          report={report}
          agencies={agencies}
          saved={entry.saved}
          onSaved={onSaved}
        />
      </Card>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16, marginTop: 16 }}>
        <Findings report={report} onHover={onHover} />
        <div>
          <div className="audit-legend">
            <span>
              <span className="swatch unread" />
              未读出（悬停查看原因）
            </span>
            <span>
              <span className="swatch error" />
              违反核对规则
            </span>
            <span>
              <span className="swatch warning" />
              提示
            </span>
            <span>悬停任一单元格可查看它在原文中的位置和文字</span>
          </div>
          <AuditedTables report={report} active={active} />
        </div>
        {prose.length > 0 && (
          <Collapse
            size="small"
            items={prose.map((p) => ({
              key: p.key,
              label: `${p.label}（读出的文字）`,
              children: <div style={{ whiteSpace: 'pre-wrap' }}>{p.text}</div>,
            }))}
          />
        )}
      </div>
    </Card>
  );
}

/**
 * 已发布年度报告核查: a supervising office drops the reports its agencies published (files or a ZIP),
 * sees each one's tables as read with what could not be read and what breaks a rule, and keeps a
 * report as the agency's report for the year.
 */
export function ReportAuditPage() {
  const { session } = useSession();
  const agencies = useQuery<AgencyView[]>('/agencies');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(null);
  const queue = useRef<File[]>([]);
  const running = useRef(false);
  const counter = useRef(0);
  const sortedAgencies = useMemo(
    () => agencies.data && [...agencies.data].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')),
    [agencies.data],
  );

  const add = useCallback((results: AuditedFile[]) => {
    const added = results.map((result) => ({ key: `${++counter.current}`, result }));
    setEntries((current) => [...current, ...added]);
    setSelected((current) => current ?? added[0]?.key ?? null);
  }, []);

  const run = useCallback(async () => {
    if (running.current || !session) return;
    running.current = true;
    let done = 0;
    try {
      while (queue.current.length > 0) {
        const file = queue.current.shift()!;
        setProgress({ done, total: done + queue.current.length + 1, current: file.name });
        const refused = tooLarge(file);
        if (refused) {
          add([{ ok: false, file: file.name, error: refused }]);
        } else {
          try {
            add((await uploadReport(file, session.csrfToken)).files);
          } catch (error) {
            add([{ ok: false, file: file.name, error: errorMessage(error) }]);
          }
        }
        done++;
      }
    } finally {
      running.current = false;
      setProgress(null);
    }
  }, [add, session]);

  const enqueue = (files: File[]) => {
    queue.current.push(...files);
    void run();
  };

  const current = entries.find((e) => e.key === selected) ?? null;
  const readable = entries.filter((e) => e.result.ok).length;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <FileSearchOutlined />
            已发布年度报告核查
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          上传各机关已发布的政府信息公开工作年度报告（PDF、DOCX、网页、文本，或打包为
          ZIP），系统逐格读出表格，
          标出读不出的单元格和违反核对规则（R1–R8）之处，并检查正文。只读不存：确认无误后可保存为机关该年度的年度报告。
        </Typography.Paragraph>
        <Upload.Dragger
          multiple
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file, list) => {
            if (file === list[0]) enqueue(list as File[]);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将报告文件拖到此处</p>
          <p className="ant-upload-hint">可一次选择多个文件或一个 ZIP 压缩包；单个文件不超过 20 MB</p>
        </Upload.Dragger>
        {progress && (
          <div style={{ marginTop: 12 }} data-testid="audit-progress">
            <Typography.Text>
              正在读取 {progress.done + 1}/{progress.total}：{progress.current}
            </Typography.Text>
            <Progress percent={Math.round((progress.done / progress.total) * 100)} status="active" />
          </div>
        )}
      </Card>

      {entries.length > 0 && (
        <Card
          title={`核查结果（${entries.length} 个文件，${readable} 个可读）`}
          extra={
            <Button
              onClick={() => {
                setEntries([]);
                setSelected(null);
              }}
            >
              清空
            </Button>
          }
        >
          <Table<Entry>
            className="audit-results"
            rowKey="key"
            size="small"
            dataSource={entries}
            pagination={entries.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 900 }}
            rowClassName={(e) => (e.key === selected ? 'selected-row' : '')}
            onRow={(e) => ({ onClick: () => setSelected(e.key), style: { cursor: 'pointer' } })}
            columns={[
              { title: '文件', key: 'file', render: (_, e) => e.result.file, ellipsis: true },
              {
                title: '机关',
                key: 'agency',
                width: 220,
                render: (_, e) => (e.result.ok ? (e.result.agency ?? '（未读出）') : '—'),
              },
              {
                title: '年度',
                key: 'year',
                width: 80,
                render: (_, e) => (e.result.ok ? (e.result.year ?? '—') : '—'),
              },
              {
                title: '读出／未读出',
                key: 'cells',
                width: 120,
                render: (_, e) => (e.result.ok ? `${e.result.cellsRead}／${e.result.cellsUnread}` : '—'),
              },
              {
                title: '核对',
                key: 'findings',
                width: 180,
                render: (_, e) => <FindingCounts result={e.result} />,
              },
              {
                title: '保存',
                key: 'saved',
                width: 110,
                render: (_, e) =>
                  e.saved ? <Tag color="success">已保存</Tag> : e.result.ok ? '未保存' : '—',
              },
            ]}
          />
        </Card>
      )}

      {current ? (
        <ReportDetail
          key={current.key}
          entry={current}
          agencies={sortedAgencies}
          onSaved={(view) =>
            setEntries((all) =>
              all.map((e) =>
                e.key === current.key ? { ...e, saved: { agencyName: view.agencyName, year: view.year } } : e,
              ),
            )
          }
        />
      ) : (
        entries.length === 0 && <Empty description="尚未上传报告" />
      )}
    </Space>
  );
}
