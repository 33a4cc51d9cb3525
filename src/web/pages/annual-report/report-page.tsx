import { DatabaseOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Dropdown,
  Input,
  Modal,
  Result,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type AnnualReportView,
  CELL_ORIGIN_LABELS,
  type FillFromLedgerResult,
  ledgerSourceOf,
  REPORT_EXPORT_FORMAT_LABELS,
  REPORT_EXPORT_FORMATS,
  REPORT_SOURCE_LABELS,
  type ReportAuditEntry,
} from '../../../contract/annual-report-api.ts';
import { describeCell, listCells, readCell, writeCell } from '../../../core/annual-report/cell-access.ts';
import { type CellId, type ReportTables, SECTION_TITLES } from '../../../core/annual-report/cells.ts';
import {
  draftOverviewSentences,
  overviewFactsFromTables,
} from '../../../core/annual-report/draft-overview.ts';
import type { ReportProse } from '../../../core/annual-report/model.ts';
import { type Finding, runRules } from '../../../core/annual-report/rules.ts';
import { patch, post } from '../../api/client.ts';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import type { OfficialTableKey } from '../../components/official-tables/official-tables.tsx';
import { findingKey, indexFindings } from './grid-findings.ts';
import { LedgerDrawer } from './ledger-drawer.tsx';
import { ProseEditor } from './prose-editor.tsx';
import { FindingMessages, ReportGrid } from './report-grid.tsx';
import { formatInstant, REPORT_STATUS_COLORS, REPORT_STATUS_LABELS } from './report-labels.ts';
import './report-page.css';

const PROSE_FIELDS = ['preamble', 'overview', 'problems', 'otherMatters'] as const;
type ProseField = (typeof PROSE_FIELDS)[number];

function StatusSteps({ view }: { view: AnnualReportView }) {
  const order = view.hasSupervisor
    ? (['draft', 'submitted', 'accepted', 'published'] as const)
    : (['draft', 'published'] as const);
  const at = view.status === 'returned' ? 1 : Math.max(0, (order as readonly string[]).indexOf(view.status));
  return (
    <Steps
      size="small"
      current={at}
      status={view.status === 'returned' ? 'error' : view.status === 'published' ? 'finish' : 'process'}
      items={order.map((s, i) => ({
        title: i === 1 && view.status === 'returned' ? '已退回' : REPORT_STATUS_LABELS[s],
      }))}
      style={{ maxWidth: 720 }}
    />
  );
}

function FindingsSummary({
  findings,
  blanks,
  onJump,
  onFillZeros,
}: {
  findings: readonly Finding[];
  blanks: number;
  onJump: (f: Finding) => void;
  onFillZeros?: (() => void) | undefined;
}) {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const blankNote =
    blanks > 0 ? (
      <Space wrap>
        <span>尚有 {blanks} 个单元格未填写（灰色），报送前须填写完整，没有的填0。</span>
        {onFillZeros && (
          <Button size="small" onClick={onFillZeros}>
            空白单元格填0
          </Button>
        )}
      </Space>
    ) : null;
  if (findings.length === 0) {
    return (
      <Alert
        type={blanks > 0 ? 'info' : 'success'}
        showIcon
        title={
          blanks > 0 ? '已填写的单元格核对无误（R1–R8）' : '核对通过：勾稽关系和填报规则（R1–R8）均无问题'
        }
        description={blankNote}
        data-testid="findings-summary"
      />
    );
  }
  return (
    <Alert
      type={errors.length > 0 ? 'error' : 'warning'}
      showIcon
      data-testid="findings-summary"
      title={`核对发现 ${errors.length} 处错误、${warnings.length} 处提示${errors.length > 0 ? '：存在错误的报告不能报送' : ''}`}
      description={
        <>
          {blankNote}
          <ul className="findings-list">
            {findings.map((f) => (
              <li key={findingKey(f)}>
                <Tag color={f.severity === 'error' ? 'error' : 'warning'}>{f.rule}</Tag>
                <Button type="link" size="small" className="finding-link" onClick={() => onJump(f)}>
                  {f.message}
                </Button>
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}

function AuditTrail({ entries }: { entries: ReportAuditEntry[] | undefined }) {
  if (!entries) return <Skeleton active />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        color: e.action.endsWith('returned') ? 'red' : e.action.endsWith('published') ? 'green' : 'blue',
        title: formatInstant(e.at),
        content: (
          <>
            <Typography.Text strong>{e.actorLabel}</Typography.Text> {e.summary}
            {e.reason && <div className="audit-reason">退回原因：{e.reason}</div>}
          </>
        ),
      }))}
    />
  );
}

/** The workflow steps that ask for confirmation (and a reason or a date) in a dialog first. */
type Step = '从台账取数' | '退回' | '发布';

/** A step's dialog: its form as children; OK runs the step and closes the dialog when it succeeds. */
function StepDialog({
  title,
  okText,
  danger = false,
  okDisabled = false,
  open,
  loading,
  onClose,
  onOk,
  children,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  okDisabled?: boolean;
  open: boolean;
  loading: boolean;
  onClose: () => void;
  onOk: () => Promise<boolean>;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      okText={okText}
      okButtonProps={{ danger, disabled: okDisabled }}
      confirmLoading={loading}
      onOk={async () => {
        if (await onOk()) onClose();
      }}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}

/** The authoring page: the report as a document, its tables as the official grid, its workflow. */
export function ReportPage() {
  const { id } = useParams();
  const { message, modal } = App.useApp();
  const loaded = useQuery<AnnualReportView>(`/annual-reports/${id}`);
  const audit = useQuery<ReportAuditEntry[]>(`/annual-reports/${id}/audit`);
  const [view, setView] = useState<AnnualReportView>();
  const [tables, setTables] = useState<ReportTables>();
  const [prose, setProse] = useState<ReportProse>();
  const [dirtyCells, setDirtyCells] = useState<Set<CellId>>(new Set());
  const [dirtyProse, setDirtyProse] = useState<Set<ProseField>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [publishedOn, setPublishedOn] = useState('');
  const [ledgerCell, setLedgerCell] = useState<CellId | null>(null);
  const [overwriteManual, setOverwriteManual] = useState(false);
  const [ledgerResult, setLedgerResult] = useState<FillFromLedgerResult | null>(null);

  const adopt = useCallback((next: AnnualReportView) => {
    setView(next);
    setTables(next.tables);
    setProse(next.prose);
    setDirtyCells(new Set());
    setDirtyProse(new Set());
  }, []);
  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data, adopt]);

  // The same rules as the server, live on every keystroke (R6/R7 with last year's report).
  const findings = useMemo(
    () =>
      tables && prose && view
        ? runRules({
            tables,
            ...(view.previous ? { previous: view.previous.tables } : {}),
            agencyLevel: view.agencyLevel,
            prose,
          })
        : [],
    [tables, prose, view],
  );
  const spanning = useMemo(() => indexFindings(findings).spanning, [findings]);
  const blanks = useMemo(
    () =>
      tables
        ? listCells(tables)
            .filter((c) => c.value === null)
            .map((c) => c.cell)
        : [],
    [tables],
  );

  if (loaded.error) {
    return (
      <Result status="404" title="未找到该年度报告" extra={<Link to="/annual-reports">返回年度报告</Link>} />
    );
  }
  if (!view || !tables || !prose) return <Skeleton active />;

  const editable = view.allowedActions.includes('edit');
  const dirty = dirtyCells.size > 0 || dirtyProse.size > 0;
  const can = (action: AnnualReportView['allowedActions'][number]) => view.allowedActions.includes(action);

  const setCell = (cell: CellId, value: number | null) => {
    const next = structuredClone(tables);
    writeCell(next, cell, value);
    setTables(next);
    setDirtyCells((d) => new Set(d).add(cell));
  };
  const fillZeros = () => {
    const next = structuredClone(tables);
    for (const cell of blanks) writeCell(next, cell, 0);
    setTables(next);
    setDirtyCells((d) => new Set([...d, ...blanks]));
  };
  const setProseField = (field: ProseField, value: string) => {
    setProse({ ...prose, [field]: value });
    setDirtyProse((d) => new Set(d).add(field));
  };
  const cellInfo = (cell: CellId) => {
    if (dirtyCells.has(cell)) return '本次修改，尚未保存';
    const entry = view.cellEntries[cell];
    if (!entry) return editable ? '尚未填写' : undefined;
    return `${CELL_ORIGIN_LABELS[entry.origin]}：${entry.enteredByLabel}，${formatInstant(entry.enteredAt)}`;
  };
  const isComputed = (cell: CellId) => !dirtyCells.has(cell) && view.cellEntries[cell]?.origin === 'computed';
  const canFill = editable && view.source === 'authored';
  // Cells the ledger could compute that a person typed: a refresh keeps them unless asked.
  const manualLedgerCells = Object.entries(view.cellEntries).filter(
    ([cell, entry]) => entry.origin === 'manual' && ledgerSourceOf(cell) !== null,
  ).length;
  const proseFindings = (field: ProseField) => findings.filter((f) => f.cells.includes(`prose.${field}`));

  const save = async (): Promise<AnnualReportView> => {
    let current = view;
    if (dirtyCells.size > 0) {
      current = await patch<AnnualReportView>(`/annual-reports/${view.id}/cells`, {
        version: current.version,
        cells: [...dirtyCells].map((cell) => ({ cell, value: readCell(tables, cell) ?? null })),
      });
    }
    if (dirtyProse.size > 0) {
      current = await patch<AnnualReportView>(`/annual-reports/${view.id}/prose`, {
        version: current.version,
        prose: Object.fromEntries([...dirtyProse].map((f) => [f, prose[f]])),
      });
    }
    return current;
  };

  const run = async (
    label: string,
    work: () => Promise<AnnualReportView>,
    done: string | (() => string),
  ): Promise<boolean> => {
    setBusy(label);
    try {
      adopt(await work());
      audit.reload();
      message.success(typeof done === 'string' ? done : done());
      return true;
    } catch (error) {
      modal.error({ title: `${label}未成功`, content: errorMessage(error), width: 640 });
      loaded.reload();
      return false;
    } finally {
      setBusy(null);
    }
  };

  const transition =
    (action: string, body: object = {}) =>
    async () => {
      const current = dirty ? await save() : view;
      return post<AnnualReportView>(`/annual-reports/${view.id}/${action}`, {
        version: current.version,
        ...body,
      });
    };

  const fillFromLedger = () => {
    let changed = 0;
    return run(
      '从台账取数',
      async () => {
        const current = dirty ? await save() : view;
        const result = await post<FillFromLedgerResult>(`/annual-reports/${view.id}/fill-from-ledger`, {
          version: current.version,
          overwriteManual,
        });
        changed = result.changed.length;
        setLedgerResult(result);
        setOverwriteManual(false);
        return result.report;
      },
      () =>
        changed > 0
          ? `已从台账取数，更新 ${changed} 个单元格`
          : '报告已是台账的最新数据，没有需要更新的单元格',
    );
  };

  const grid = (section: OfficialTableKey) => (
    <ReportGrid
      tables={tables}
      findings={findings}
      editable={editable}
      onChange={setCell}
      cellInfo={cellInfo}
      isComputed={isComputed}
      onOpenLedger={setLedgerCell}
      sections={[section]}
    />
  );

  const jumpTo = (finding: Finding) => {
    const cell = finding.cells.find((c) => !c.startsWith('previous.') && !c.startsWith('prose.'));
    const target = cell
      ? document.querySelector<HTMLElement>(`[data-cell="${cell}"]`)
      : document.querySelector<HTMLElement>(`[data-prose="${finding.cells[0]?.slice(6)}"]`);
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target?.querySelector('input')?.focus();
  };

  const insertDraft = () => {
    const draft = draftOverviewSentences(overviewFactsFromTables(tables));
    const apply = () =>
      setProseField('overview', prose.overview.trim() ? `${draft}\n\n${prose.overview}` : draft);
    if (!prose.overview.trim()) return apply();
    modal.confirm({
      title: '插入根据表格生成的草稿',
      content: `将在现有文字之前插入：${draft}`,
      okText: '插入',
      onOk: apply,
      width: 640,
    });
  };

  const exportItems = REPORT_EXPORT_FORMATS.map((format) => ({
    key: format,
    label: (
      <a href={`/api/annual-reports/${view.id}/export?format=${format}`} download>
        {REPORT_EXPORT_FORMAT_LABELS[format]}
      </a>
    ),
  }));

  const section = (i: number) => (
    <Typography.Title level={4} className="report-heading">
      {SECTION_TITLES[i]}
    </Typography.Title>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} className="report-page">
      <Card className="report-status-bar" size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              <Link to="/annual-reports">年度报告</Link>
              <Typography.Text type="secondary">/</Typography.Text>
              <Typography.Text strong>{view.title}</Typography.Text>
              <Tag color={REPORT_STATUS_COLORS[view.status]} data-testid="report-status">
                {REPORT_STATUS_LABELS[view.status]}
              </Tag>
              <Tag>{REPORT_SOURCE_LABELS[view.source]}</Tag>
              {dirty && <Tag color="orange">有未保存的修改</Tag>}
            </Space>
            <Space wrap>
              {canFill && (
                <Button
                  icon={<DatabaseOutlined />}
                  loading={busy === '从台账取数'}
                  onClick={() => setDialog('从台账取数')}
                >
                  从台账取数
                </Button>
              )}
              {editable && (
                <Button
                  icon={<SaveOutlined />}
                  disabled={!dirty}
                  loading={busy === '保存'}
                  onClick={() => run('保存', save, '已保存')}
                >
                  保存
                </Button>
              )}
              {can('submit') && (
                <Button
                  type="primary"
                  loading={busy === '报送'}
                  onClick={() => run('报送', transition('submit'), '已报送上级机关审核')}
                >
                  报送审核
                </Button>
              )}
              {can('accept') && (
                <Button
                  type="primary"
                  loading={busy === '审核'}
                  onClick={() => run('审核', transition('accept'), '已审核通过')}
                >
                  审核通过
                </Button>
              )}
              {can('return') && (
                <Button danger onClick={() => setDialog('退回')}>
                  退回修改
                </Button>
              )}
              {can('publish') && (
                <Button type="primary" onClick={() => setDialog('发布')}>
                  发布
                </Button>
              )}
              <Dropdown menu={{ items: exportItems }} disabled={dirty}>
                <Button icon={<DownloadOutlined />}>导出</Button>
              </Dropdown>
            </Space>
          </Space>
          <StatusSteps view={view} />
        </Space>
      </Card>

      {view.status === 'returned' && view.returnReason && (
        <Alert
          type="warning"
          showIcon
          title={`${view.returnedByLabel ?? '上级机关'}于 ${formatInstant(view.returnedAt)} 退回`}
          description={`退回原因：${view.returnReason}`}
        />
      )}

      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="发布期限">{view.deadline}（条例第四十九条）</Descriptions.Item>
          <Descriptions.Item label="发布日期">{view.publishedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="对照上年">
            {view.previous
              ? `${view.previous.year}年度报告（${REPORT_STATUS_LABELS[view.previous.status]}）`
              : '系统中没有上一年度报告，R6、R7 不核对'}
          </Descriptions.Item>
          {view.submittedAt && (
            <Descriptions.Item label="报送">
              {view.submittedByLabel} {formatInstant(view.submittedAt)}
            </Descriptions.Item>
          )}
          {view.acceptedAt && (
            <Descriptions.Item label="审核通过">
              {view.acceptedByLabel} {formatInstant(view.acceptedAt)}
            </Descriptions.Item>
          )}
          {view.publishedAt && (
            <Descriptions.Item label="发布">
              {view.publishedByLabel} {formatInstant(view.publishedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {ledgerResult && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setLedgerResult(null) }}
          data-testid="ledger-result"
          title={
            ledgerResult.changed.length > 0
              ? `从台账取数：更新 ${ledgerResult.changed.length} 个单元格`
              : '从台账取数：报告已是台账的最新数据'
          }
          description={
            ledgerResult.keptManual.length + ledgerResult.notes.length > 0 && (
              <ul className="findings-list">
                {ledgerResult.keptManual.map((k) => (
                  <li key={k.cell}>
                    保留人工填报：{describeCell(k.cell)} 为 {k.value ?? '空白'}（台账为 {k.ledger}）
                  </li>
                ))}
                {ledgerResult.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )
          }
        />
      )}

      <FindingsSummary
        findings={findings}
        blanks={blanks.length}
        onJump={jumpTo}
        onFillZeros={editable ? fillZeros : undefined}
      />

      <Card className="report-document">
        <Typography.Title level={3} className="report-title">
          {view.title}
        </Typography.Title>
        {(editable || prose.preamble.trim() !== '') && (
          <div data-prose="preamble">
            <ProseEditor
              label="开头段落"
              value={prose.preamble}
              editable={editable}
              onChange={(v) => setProseField('preamble', v)}
              findings={proseFindings('preamble')}
              placeholder="开头段落（可选）"
            />
          </div>
        )}
        {section(0)}
        <div data-prose="overview">
          <ProseEditor
            label={SECTION_TITLES[0]}
            value={prose.overview}
            editable={editable}
            onChange={(v) => setProseField('overview', v)}
            findings={proseFindings('overview')}
            extra={
              editable && (
                <Space wrap>
                  <Button size="small" onClick={insertDraft}>
                    插入根据表格生成的草稿
                  </Button>
                  <Typography.Text type="secondary">
                    段落之间空一行；**文字** 表示加粗；“（一）”等小标题另起一行。
                  </Typography.Text>
                </Space>
              )
            }
          />
        </div>
        {spanning.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <FindingMessages findings={spanning} />
          </div>
        )}
        {section(1)}
        <Typography.Paragraph type="secondary" className="grid-legend">
          {editable
            ? '在单元格中直接输入数字（没有的填0），回车移到下一行；核对结果随输入即时显示在各行右侧。'
            : '表格只读。'}
          鼠标停留可查看填报人和时间。
        </Typography.Paragraph>
        <div className="cell-legend" data-testid="cell-legend">
          <span>
            <span className="legend-swatch computed">
              <span className="legend-mark">账</span>
            </span>
            台账生成（浅蓝底）：由政府信息公开目录、行政决定、收费记录、依申请公开的申请和复议诉讼案件计算；
            {editable ? '鼠标移到单元格上，点击右上角“账”' : '点击单元格'}查看对应的台账记录
          </span>
          <span>
            <span className="legend-swatch manual" />
            人工填报{editable ? '（改动台账生成的数字即记为人工填报）' : ''}
          </span>
        </div>
        {grid('section2')}
        {section(2)}
        {grid('section3')}
        {section(3)}
        {grid('section4')}
        {section(4)}
        <div data-prose="problems">
          <ProseEditor
            label={SECTION_TITLES[4]}
            value={prose.problems}
            editable={editable}
            onChange={(v) => setProseField('problems', v)}
            findings={proseFindings('problems')}
          />
        </div>
        {section(5)}
        <div data-prose="otherMatters">
          <ProseEditor
            label={SECTION_TITLES[5]}
            value={prose.otherMatters}
            editable={editable}
            onChange={(v) => setProseField('otherMatters', v)}
            findings={proseFindings('otherMatters')}
            placeholder="如：信息处理费收取情况（国办函〔2020〕109号）、人大代表建议和政协提案办理情况等"
          />
        </div>
      </Card>

      <Card title="操作记录" size="small">
        <AuditTrail entries={audit.data} />
      </Card>

      <LedgerDrawer
        agencyId={view.agencyId}
        year={view.year}
        cell={ledgerCell}
        shown={ledgerCell ? (readCell(tables, ledgerCell) ?? null) : null}
        onClose={() => setLedgerCell(null)}
      />
      <StepDialog
        title="从台账取数"
        okText="取数"
        open={dialog === '从台账取数'}
        loading={busy === '从台账取数'}
        onClose={() => setDialog(null)}
        onOk={fillFromLedger}
      >
        <Typography.Paragraph>
          按{view.year}
          年度的台账重新计算第二、三、四部分：第二部分取自政府信息公开目录、行政决定和收费记录，第三、四部分取自依申请公开的申请和行政复议、行政诉讼案件。取得的数字记为“台账生成”。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          台账无法计算的单元格（如没有登记收费记录时的收费金额）保持不变。上年结转与上一年度报告的“结转下年度继续办理”保持一致（R6）。
          {dirty && ' 未保存的修改将先保存。'}
        </Typography.Paragraph>
        {manualLedgerCells > 0 && (
          <Checkbox checked={overwriteManual} onChange={(e) => setOverwriteManual(e.target.checked)}>
            人工填报的 {manualLedgerCells} 个单元格也改为台账数据（默认保留）
          </Checkbox>
        )}
      </StepDialog>
      <StepDialog
        title="退回修改"
        okText="退回"
        danger
        okDisabled={reason.trim().length < 2}
        open={dialog === '退回'}
        loading={busy === '退回'}
        onClose={() => setDialog(null)}
        onOk={async () => {
          const done = await run('退回', transition('return', { reason }), '已退回');
          if (done) setReason('');
          return done;
        }}
      >
        <Input.TextArea
          aria-label="退回原因"
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="请写明需要修改的内容，报告单位将看到这段文字"
        />
      </StepDialog>
      <StepDialog
        title="发布年度报告"
        okText="发布"
        open={dialog === '发布'}
        loading={busy === '发布'}
        onClose={() => setDialog(null)}
        onOk={() => run('发布', transition('publish', publishedOn ? { publishedOn } : {}), '已发布')}
      >
        <Typography.Paragraph>
          发布后报告只读，发布日期将与条例第四十九条规定的期限（{view.deadline}）比对。
        </Typography.Paragraph>
        <Space>
          <span>发布日期</span>
          <input
            type="date"
            aria-label="发布日期"
            value={publishedOn}
            onChange={(e) => setPublishedOn(e.target.value)}
          />
          <Typography.Text type="secondary">不填为今天</Typography.Text>
        </Space>
      </StepDialog>
    </Space>
  );
}
