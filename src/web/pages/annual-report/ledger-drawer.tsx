import { Alert, Drawer, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  LEDGER_SOURCE_LABELS,
  type LedgerSource,
  ledgerSourceOf,
} from '../../../contract/annual-report-api.ts';
import type { DecisionView, EntryView, Section2Response } from '../../../contract/catalogue.ts';
import type {
  DrillDownView,
  RequestSummaryView,
  ReviewCaseView,
} from '../../../contract/disclosure-request-api.ts';
import { describeCell, parseCellId } from '../../../core/annual-report/cell-access.ts';
import type { CellId } from '../../../core/annual-report/cells.ts';
import { useQuery } from '../../api/use-query.ts';

const DECISION_KIND_LABELS: Record<string, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
};

interface Fee {
  id: string;
  item: string;
  basis: string | null;
  amountYuan: number;
}

type Section2Ref = Section2Response['drillDown']['licensing']['decisions'];

/** The ledger's figure now against the report's; a difference means the records moved since. */
function Compare({ now, shown }: { now: number | null | undefined; shown: number | null }) {
  if (now === undefined || now === null) return null;
  if (now === shown) {
    return <Typography.Text type="secondary">台账现有 {now}，与报告一致。</Typography.Text>;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={`台账现为 ${now}，报告中为 ${shown ?? '空白'}`}
      description="台账记录在报告取数之后有变化；编辑中的报告可点“从台账取数”刷新。"
    />
  );
}

function RequestRecords({ view }: { view: DrillDownView }) {
  if (view.section === '3') {
    return (
      <Table<RequestSummaryView>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={view.requests}
        locale={{ emptyText: '没有对应的申请（该项为 0）' }}
        columns={[
          { title: '受理编号', render: (_, r) => <Link to={`/requests/${r.id}`}>{r.trackingCode}</Link> },
          { title: '申请人', dataIndex: 'applicantName' },
          { title: '申请内容', dataIndex: 'description', ellipsis: true },
          { title: '收到日期', dataIndex: 'receivedOn' },
          { title: '办理结果', dataIndex: 'outcomeLabel', render: (v) => v ?? '办理中' },
        ]}
      />
    );
  }
  return (
    <Table<ReviewCaseView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={view.reviewCases}
      locale={{ emptyText: '没有对应的行政复议、行政诉讼案件（该项为 0）' }}
      columns={[
        { title: '申请', render: (_, c) => <Link to={`/requests/${c.requestId}`}>{c.trackingCode}</Link> },
        { title: '类别', render: (_, c) => `${c.kindLabel}${c.routeLabel ? `（${c.routeLabel}）` : ''}` },
        { title: '复议机关 / 法院', dataIndex: 'body' },
        { title: '收到日期', dataIndex: 'receivedOn' },
        { title: '结果', dataIndex: 'statusLabel' },
      ]}
    />
  );
}

/** Sections 三 and 四: the requests or review cases the request fold counted in the cell. */
function RequestLedger({ agencyId, year, cell, shown }: Props) {
  const id = parseCellId(cell)!;
  const section = id.section === 'section3' ? '3' : '4';
  const params = new URLSearchParams({
    agencyId,
    year: String(year),
    section,
    row: id.row,
    column: id.column,
  });
  const view = useQuery<DrillDownView>(`/disclosure-requests/report-feed/drill-down?${params}`);
  if (view.error) return <Alert type="error" showIcon title={view.error.message} />;
  if (!view.data) return <Skeleton active />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Compare now={view.data.requests.length + view.data.reviewCases.length} shown={shown} />
      <RequestRecords view={view.data} />
      <Link to={`/request-report-feed?agencyId=${agencyId}&year=${year}`}>
        在“年度报告数据（依申请公开）”中查看第三、四部分全部数字
      </Link>
    </Space>
  );
}

function EntryRecords({ agencyId, ids }: { agencyId: string; ids: string[] }) {
  const entries = useQuery<{ entries: EntryView[]; total: number }>(
    ids.length > 0
      ? `/catalogue/entries?agencyId=${agencyId}&pageSize=500&ids=${ids.slice(0, 500).join(',')}`
      : null,
  );
  if (ids.length === 0) return <Empty description="台账中没有对应的目录条目（该项为 0）" />;
  if (entries.error) return <Alert type="error" showIcon title={entries.error.message} />;
  return (
    <Table<EntryView>
      size="small"
      rowKey="id"
      loading={entries.loading}
      dataSource={entries.data?.entries}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: '名称', dataIndex: 'title' },
        { title: '文号', dataIndex: 'documentNumber', render: (v: string | null) => v ?? '—' },
        { title: '成文日期', dataIndex: 'formedOn', width: 110 },
        { title: '索引号', dataIndex: 'indexNumber', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function DecisionRecords({ agencyId, year, kind }: { agencyId: string; year: number; kind: string }) {
  const list = useQuery<{ items: DecisionView[]; total: number }>(
    `/catalogue/decisions?agencyId=${agencyId}&kind=${kind}&year=${year}&page=1&pageSize=10`,
  );
  if (list.error) return <Alert type="error" showIcon title={list.error.message} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {list.data && list.data.total > list.data.items.length && (
        <Typography.Text type="secondary">
          以下为其中 {list.data.items.length} 条，共 {list.data.total} 条
        </Typography.Text>
      )}
      <Table<DecisionView>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        locale={{ emptyText: '台账中没有对应的决定（该项为 0）' }}
        columns={[
          { title: '决定文号', dataIndex: 'documentNumber' },
          { title: '相对人', dataIndex: 'counterpartyName', ellipsis: true },
          { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
        ]}
      />
      <Link to={`/decisions?kind=${kind}&year=${year}`}>
        在“行政决定”中查看全部{DECISION_KIND_LABELS[kind] ?? ''}决定（按类别、年度筛选）
      </Link>
    </Space>
  );
}

function FeeRecords({ agencyId, year }: { agencyId: string; year: number }) {
  const fees = useQuery<Fee[]>(`/catalogue/fees?agencyId=${agencyId}&year=${year}`);
  if (fees.error) return <Alert type="error" showIcon title={fees.error.message} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table<Fee>
        size="small"
        rowKey="id"
        loading={fees.loading}
        dataSource={fees.data}
        pagination={false}
        locale={{ emptyText: '本年度没有登记收费记录' }}
        columns={[
          { title: '收费项目', dataIndex: 'item' },
          { title: '依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
          { title: '金额（元）', dataIndex: 'amountYuan', width: 120, render: (v: number) => v.toFixed(2) },
        ]}
      />
      <Link to="/report-section2">在“年度报告第二部分”中登记或修改收费记录</Link>
    </Space>
  );
}

/** Section 二: catalogue entries, decisions or fee records, as the catalogue's fold counted them. */
function CatalogueLedger({ agencyId, year, cell, shown, source }: Props & { source: LedgerSource }) {
  const id = parseCellId(cell)!;
  const section = useQuery<Section2Response>(`/catalogue/report-section2?agencyId=${agencyId}&year=${year}`);
  if (section.error) return <Alert type="error" showIcon title={section.error.message} />;
  if (!section.data) return <Skeleton active />;
  const rows = section.data.section2 as unknown as Record<string, Record<string, number | null>>;
  const refs = section.data.drillDown as unknown as Record<string, Record<string, Section2Ref>>;
  const now = rows[id.row]?.[id.column];
  const ref = refs[id.row]?.[id.column];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Compare now={now} shown={shown} />
      {ref?.source === 'catalogue_entry' && (
        <>
          <EntryRecords agencyId={agencyId} ids={ref.ids} />
          <Link to="/catalogue">在“政府信息公开目录”中查看</Link>
        </>
      )}
      {ref?.source === 'decision' && (
        <DecisionRecords agencyId={agencyId} year={year} kind={ref.filter.kind} />
      )}
      {source === 'administrative_fee' && <FeeRecords agencyId={agencyId} year={year} />}
    </Space>
  );
}

interface Props {
  agencyId: string;
  year: number;
  cell: CellId;
  /** The value the report holds in this cell. */
  shown: number | null;
}

/**
 * The records behind a figure the ledger computed, from the drill-down routes of the catalogue and
 * request areas, with a link to the list page where they live.
 */
export function LedgerDrawer({
  cell,
  onClose,
  ...props
}: Omit<Props, 'cell'> & { cell: CellId | null; onClose: () => void }) {
  const source = cell ? ledgerSourceOf(cell) : null;
  return (
    <Drawer
      open={cell !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={
        cell && (
          <Space orientation="vertical" size={0}>
            <span>台账记录</span>
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {describeCell(cell)}
            </Typography.Text>
          </Space>
        )
      }
    >
      {cell && source && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ledger-drawer">
          <div>
            <Tag color="blue">台账生成</Tag>
            <Typography.Text>
              报告中为 <Typography.Text strong>{props.shown ?? '空白'}</Typography.Text>，由
              {LEDGER_SOURCE_LABELS[source]}计算（{props.year}年度）。
            </Typography.Text>
          </div>
          {source === 'request' || source === 'review_case' ? (
            <RequestLedger {...props} cell={cell} />
          ) : (
            <CatalogueLedger {...props} cell={cell} source={source} />
          )}
        </Space>
      )}
    </Drawer>
  );
}
