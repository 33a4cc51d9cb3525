import { Card, Empty, InputNumber, Result, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AgencyView } from '../../../contract/agency.ts';
import type {
  DrillDownView,
  ReportSections34View,
  RequestSummaryView,
  ReviewCaseView,
} from '../../../contract/disclosure-request-api.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import './report-feed-page.css';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  OUTCOME_GROUPS,
  SECTION3_ROW_LABELS,
  SECTION4_BLOCK_LABELS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  SECTION4_COLUMNS,
} from './request-labels.ts';

type Section3Row = keyof ReportSections34View['section3'];
const COLUMNS = [...APPLICANT_TYPES, 'total'] as const;

/** Rows of table 三 in print order, with the group headings of （三）to（六）. */
function section3Rows(): { row: Section3Row | null; label: string; depth: number }[] {
  const rows: { row: Section3Row | null; label: string; depth: number }[] = [
    { row: 'new', label: SECTION3_ROW_LABELS.new, depth: 0 },
    { row: 'carried_over', label: SECTION3_ROW_LABELS.carried_over, depth: 0 },
    { row: null, label: '三、本年度办理结果', depth: 0 },
    { row: 'disclosed', label: SECTION3_ROW_LABELS.disclosed, depth: 1 },
    { row: 'partially_disclosed', label: SECTION3_ROW_LABELS.partially_disclosed, depth: 1 },
  ];
  const leaves = Object.keys(SECTION3_ROW_LABELS) as Section3Row[];
  for (const group of OUTCOME_GROUPS) {
    rows.push({ row: null, label: group.label, depth: 1 });
    for (const leaf of leaves.filter((l) => l.startsWith(`${group.key}.`))) {
      rows.push({ row: leaf, label: SECTION3_ROW_LABELS[leaf], depth: 2 });
    }
  }
  rows.push({ row: 'outcome_total', label: SECTION3_ROW_LABELS.outcome_total, depth: 1 });
  rows.push({ row: 'carried_forward', label: SECTION3_ROW_LABELS.carried_forward, depth: 0 });
  return rows;
}

function DrillDown({
  agencyId,
  year,
  section,
  row,
  column,
}: {
  agencyId: string;
  year: number;
  section: string;
  row: string;
  column: string;
}) {
  const view = useQuery<DrillDownView>(
    `/disclosure-requests/report-feed/drill-down?${new URLSearchParams({ agencyId, year: String(year), section, row, column })}`,
  );
  if (view.loading) return <Skeleton active />;
  if (!view.data) return null;
  return (
    <Card
      size="small"
      title={`${view.data.label}：${view.data.requests.length + view.data.reviewCases.length} 件`}
      data-testid="drill-down"
    >
      {view.data.section === '3' ? (
        <Table<RequestSummaryView>
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={view.data.requests}
          columns={[
            { title: '受理编号', render: (_, r) => <Link to={`/requests/${r.id}`}>{r.trackingCode}</Link> },
            { title: '申请人', dataIndex: 'applicantName' },
            { title: '申请内容', dataIndex: 'description', ellipsis: true },
            { title: '收到日期', dataIndex: 'receivedOn' },
            { title: '办结日期', dataIndex: 'closedOn', render: (v) => v ?? '—' },
            { title: '办理结果', dataIndex: 'outcomeLabel', render: (v) => v ?? '办理中' },
          ]}
        />
      ) : (
        <Table<ReviewCaseView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={view.data.reviewCases}
          columns={[
            {
              title: '受理编号',
              render: (_, c) => <Link to={`/requests/${c.requestId}`}>{c.trackingCode}</Link>,
            },
            { title: '类别', render: (_, c) => `${c.kindLabel}${c.routeLabel ? `（${c.routeLabel}）` : ''}` },
            { title: '复议机关 / 法院', dataIndex: 'body' },
            { title: '收到日期', dataIndex: 'receivedOn' },
            { title: '结果', dataIndex: 'statusLabel' },
          ]}
        />
      )}
    </Card>
  );
}

/**
 * Sections 三 and 四 computed from the requests and review cases; every figure opens the list of
 * records behind it.
 */
export function ReportFeedPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const agencies = useQuery<AgencyView[]>('/agencies');
  const agencyId = params.get('agencyId') ?? session?.agencyId ?? '';
  const year = Number(params.get('year') ?? new Date().getFullYear());
  const feed = useQuery<ReportSections34View>(
    agencyId ? `/disclosure-requests/report-feed?agencyId=${agencyId}&year=${year}` : null,
  );
  const [cell, setCell] = useState<{ section: string; row: string; column: string } | null>(null);
  const set = (next: Record<string, string>) => {
    setCell(null);
    setParams({ agencyId, year: String(year), ...next });
  };
  const clickable = (value: number | null, section: string, row: string, column: string) =>
    value ? (
      <button
        type="button"
        className={`feed-cell${cell?.section === section && cell.row === row && cell.column === column ? ' selected' : ''}`}
        onClick={() => setCell({ section, row, column })}
        aria-label={`查看 ${value} 件`}
      >
        {value}
      </button>
    ) : (
      <span className="feed-zero">{value ?? 0}</span>
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          年度报告数据（依申请公开）
        </Typography.Title>
        <Select
          aria-label="机关"
          style={{ width: 240 }}
          value={agencyId || undefined}
          onChange={(v) => set({ agencyId: v })}
          options={agencies.data?.map((a) => ({ value: a.id, label: a.name }))}
        />
        <InputNumber
          aria-label="年度"
          min={2019}
          max={2100}
          value={year}
          onChange={(v) => v && set({ year: String(v) })}
        />
        <Typography.Text type="secondary">点击数字查看对应的申请或案件</Typography.Text>
      </Space>
      {feed.error && <Result status="warning" title={feed.error.message} />}
      {feed.data && (
        <>
          <Card
            size="small"
            title={`三、收到和处理政府信息公开申请情况（${feed.data.agencyName} ${year} 年）`}
          >
            <div className="feed-table-wrap">
              <table className="feed-table">
                <thead>
                  <tr>
                    <th rowSpan={2}>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>
                    <th rowSpan={2}>自然人</th>
                    <th colSpan={5}>法人或其他组织</th>
                    <th rowSpan={2}>总计</th>
                  </tr>
                  <tr>
                    {APPLICANT_TYPES.filter((t) => t !== 'natural_person').map((t) => (
                      <th key={t}>{APPLICANT_TYPE_LABELS[t]}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {section3Rows().map(({ row, label, depth }) => (
                    <tr key={label} className={row ? '' : 'group'}>
                      <th style={{ paddingLeft: 8 + depth * 16 }} scope="row">
                        {label}
                      </th>
                      {COLUMNS.map((column) => (
                        <td key={column}>
                          {row ? clickable(feed.data!.section3[row][column], '3', row, column) : ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
          <Card size="small" title="四、政府信息公开行政复议、行政诉讼情况">
            <div className="feed-table-wrap">
              <table className="feed-table">
                <thead>
                  <tr>
                    <th colSpan={5} rowSpan={2}>
                      行政复议
                    </th>
                    <th colSpan={10}>行政诉讼</th>
                  </tr>
                  <tr>
                    {SECTION4_BLOCKS.filter((b) => b !== 'reconsideration').map((b) => (
                      <th key={b} colSpan={5}>
                        {SECTION4_BLOCK_LABELS[b]}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    {SECTION4_BLOCKS.flatMap((b) =>
                      SECTION4_COLUMNS.map((c) => <th key={`${b}-${c}`}>{SECTION4_COLUMN_LABELS[c]}</th>),
                    )}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    {SECTION4_BLOCKS.flatMap((b) =>
                      SECTION4_COLUMNS.map((c) => (
                        <td key={`${b}-${c}`}>{clickable(feed.data!.section4[b][c], '4', b, c)}</td>
                      )),
                    )}
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
          {cell ? (
            <DrillDown agencyId={agencyId} year={year} {...cell} />
          ) : (
            <Empty description="点击表中的数字查看明细" />
          )}
        </>
      )}
    </Space>
  );
}
