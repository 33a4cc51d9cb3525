import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TimelinessView } from '../../../contract/catalogue.ts';
import { useQuery } from '../../api/use-query.ts';
import {
  ClockTag,
  DECISION_KIND_LABELS,
  EntryStatusTag,
  useAgencyChoice,
  yearChoices,
} from './catalogue-shared.tsx';
import { EntryDrawer } from './entry-drawer.tsx';

type Item = TimelinessView['entries']['due'][number];

/** 条例第二十六条: what is due, what is late, what was published late — with the workdays. */
export function TimelinessPage() {
  const { agencyId, agency, picker } = useAgencyChoice();
  const [year, setYear] = useState(new Date().getFullYear());
  const [openId, setOpenId] = useState<string | null>(null);
  const data = useQuery<TimelinessView>(
    agencyId ? `/catalogue/timeliness?agencyId=${agencyId}&year=${year}` : null,
  );
  const summary = data.data?.entries.summary;

  const table = (title: string, items: Item[] | undefined, empty: string) => (
    <Card size="small" title={`${title}（${items?.length ?? 0}）`}>
      <Table<Item>
        rowKey="id"
        size="small"
        loading={data.loading}
        dataSource={items}
        locale={{ emptyText: empty }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '名称', dataIndex: 'title' },
          { title: '索引号', dataIndex: 'indexNumber', width: 190, render: (v: string | null) => v ?? '—' },
          { title: '成文日期', width: 110, render: (_, row) => row.clock.startsOn },
          { title: '公开时限', width: 110, render: (_, row) => row.clock.dueOn ?? '—' },
          { title: '发布日期', width: 110, render: (_, row) => row.clock.publishedOn ?? '—' },
          { title: '状态', width: 110, render: (_, row) => <EntryStatusTag status={row.status} /> },
          { title: '工作日', width: 280, render: (_, row) => <ClockTag clock={row.clock} /> },
        ]}
      />
    </Card>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            主动公开时效{agency ? ` · ${agency.name}` : ''}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            {picker}
            <Select
              aria-label="成文年度"
              value={year}
              onChange={setYear}
              options={yearChoices()}
              style={{ width: 120 }}
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起 20
          个工作日内及时公开（《条例》第二十六条）。按工作日历计算，成文之日不计入，自次一工作日起算。以下为{' '}
          {year} 年成文的条目。
        </Typography.Paragraph>
        {data.data &&
          (data.data.entries.summary.calendarMissing > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`有 ${data.data.entries.summary.calendarMissing} 个条目的期限跨入尚未导入节假日安排的年度，暂无法计算。`}
            />
          ) : null)}
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic title="待公开" value={summary?.due ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="已超期未公开"
              value={summary?.overdue ?? 0}
              styles={{ content: { color: (summary?.overdue ?? 0) > 0 ? '#cf1322' : undefined } }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="按时公开" value={summary?.publishedOnTime ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="超期公开"
              value={summary?.publishedLate ?? 0}
              styles={{ content: { color: (summary?.publishedLate ?? 0) > 0 ? '#d46b08' : undefined } }}
            />
          </Col>
        </Row>
      </Card>
      {table('已超期未公开', data.data?.entries.overdue, '没有超期未公开的条目')}
      {table('待公开（期限内）', data.data?.entries.due, '没有待公开的条目')}
      {table('超期公开', data.data?.entries.publishedLate, '没有超期公开的条目')}
      {(data.data?.decisions.length ?? 0) > 0 && (
        <Card size="small" title="行政许可、处罚、强制决定的公开时效（按决定日期起算）">
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={data.data?.decisions}
            columns={[
              {
                title: '类别',
                dataIndex: 'kind',
                render: (k: keyof typeof DECISION_KIND_LABELS) => DECISION_KIND_LABELS[k],
              },
              { title: '按时公开', render: (_, row) => row.summary.publishedOnTime },
              { title: '超期公开', render: (_, row) => row.summary.publishedLate },
              { title: '待公开', render: (_, row) => row.summary.due },
              { title: '超期未公开', render: (_, row) => row.summary.overdue },
            ]}
          />
        </Card>
      )}
      {openId && (
        <EntryDrawer entryId={openId} onClose={() => setOpenId(null)} onChanged={() => data.reload()} />
      )}
    </Space>
  );
}
