import {
  App,
  Button,
  Card,
  Col,
  Empty,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AgencyView } from '../../../contract/agency.ts';
import type {
  DashboardCounts,
  DashboardItemView,
  DashboardView,
  DueDateChangeView,
} from '../../../contract/disclosure-request-api.ts';
import { post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';

const countColumns = [
  { title: '办理中', dataIndex: 'open', width: 80 },
  { title: '计时中', dataIndex: 'running', width: 80 },
  { title: '暂停计时', dataIndex: 'paused', width: 90 },
  { title: '待补正', dataIndex: 'awaitingCorrection', width: 80 },
  { title: '待确认收到', dataIndex: 'unconfirmed', width: 100 },
  {
    title: '即将到期',
    dataIndex: 'dueSoon',
    width: 90,
    render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : 0),
  },
  {
    title: '已超期',
    dataIndex: 'overdue',
    width: 80,
    render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
  },
  { title: '延期待审批', dataIndex: 'extensionAwaitingApproval', width: 100 },
];

function ItemsTable({ items, showAgency }: { items: DashboardItemView[]; showAgency: boolean }) {
  return (
    <Table<DashboardItemView>
      size="small"
      rowKey="id"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
      scroll={{ x: 800 }}
      columns={[
        {
          title: '受理编号',
          width: 170,
          render: (_, i) => <Link to={`/requests/${i.id}`}>{i.trackingCode}</Link>,
        },
        ...(showAgency ? [{ title: '机关', dataIndex: 'agencyName', width: 150 }] : []),
        { title: '申请人', dataIndex: 'applicantName', width: 120 },
        { title: '申请内容', dataIndex: 'description', ellipsis: true },
        { title: '承办人', dataIndex: 'assignedStaffName', width: 90, render: (v) => v ?? '未分配' },
        { title: '届满日', dataIndex: 'dueOn', width: 110, render: (v) => v ?? '—' },
        {
          title: '剩余',
          width: 150,
          render: (_, i) =>
            i.remainingWorkdays === null ? (
              i.statusLabel
            ) : i.overdue ? (
              <Tag color="red">超期 {-i.remainingWorkdays} 个工作日</Tag>
            ) : (
              <Tag color={i.remainingWorkdays <= 2 ? 'orange' : 'gold'}>{i.remainingWorkdays} 个工作日</Tag>
            ),
        },
      ]}
    />
  );
}

/** 办理看板: what is due soon and what is overdue, per agency and per clerk. */
export function DisclosureDashboardPage() {
  const { session, can } = useSession();
  const { message } = App.useApp();
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const [dueSoon, setDueSoon] = useState(5);
  const agencies = useQuery<AgencyView[]>('/agencies');
  const params = new URLSearchParams({ dueSoonWorkdays: String(dueSoon) });
  if (agencyId) params.set('agencyId', agencyId);
  const dashboard = useQuery<DashboardView>(`/disclosure-requests/dashboard?${params}`);
  const data = dashboard.data;
  const multiAgency = (data?.byAgency.length ?? 0) > 1 || session?.roles.includes('supervisor');

  const acknowledge = async (changes: DueDateChangeView[]) => {
    try {
      await post('/disclosure-requests/due-date-changes/acknowledge', { ids: changes.map((c) => c.id) });
      message.success('已确认');
      dashboard.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const totals = data?.totals;
  const stat = (title: string, key: keyof DashboardCounts, color?: string) => (
    <Col xs={12} md={6} lg={3}>
      <Card size="small">
        <Statistic
          title={title}
          value={totals?.[key] ?? 0}
          loading={dashboard.loading}
          styles={{ content: color && totals?.[key] ? { color } : {} }}
        />
      </Card>
    </Col>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          办理看板
        </Typography.Title>
        <Space wrap>
          {(agencies.data?.length ?? 0) > 1 && (
            <Select
              allowClear
              aria-label="机关"
              placeholder="全部可见机关"
              style={{ width: 240 }}
              value={agencyId}
              onChange={setAgencyId}
              options={agencies.data?.map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
          <span>即将到期：剩余</span>
          <InputNumber
            aria-label="即将到期的工作日数"
            min={1}
            max={20}
            value={dueSoon}
            onChange={(v) => v && setDueSoon(v)}
          />
          <span>个工作日以内</span>
        </Space>
      </Space>
      {data && data.missingCalendarYears.length > 0 && (
        <Card size="small" style={{ borderColor: '#ff4d4f' }}>
          工作日历缺少 {data.missingCalendarYears.join('、')} 年的节假日安排，部分申请的期限无法计算。
          {can('calendar.manage') ? <Link to="/calendar"> 前往导入</Link> : '请联系系统管理员导入。'}
        </Card>
      )}
      <Row gutter={[12, 12]}>
        {stat('办理中', 'open')}
        {stat('已超期', 'overdue', '#cf1322')}
        {stat('即将到期', 'dueSoon', '#d46b08')}
        {stat('暂停计时', 'paused')}
        {stat('待补正', 'awaitingCorrection')}
        {stat('待确认收到', 'unconfirmed', '#722ed1')}
        {stat('延期待审批', 'extensionAwaitingApproval')}
        {stat('计时中', 'running')}
      </Row>
      {data && data.dueDateChanges.length > 0 && (
        <Card
          size="small"
          title="工作日历调整后答复期限发生变化的申请"
          extra={
            can('case.handle') && (
              <Button size="small" onClick={() => acknowledge(data.dueDateChanges)}>
                全部标记为已知悉
              </Button>
            )
          }
        >
          <Table<DueDateChangeView>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={data.dueDateChanges}
            columns={[
              {
                title: '受理编号',
                render: (_, c) => <Link to={`/requests/${c.requestId}`}>{c.trackingCode}</Link>,
              },
              { title: '机关', dataIndex: 'agencyName' },
              { title: '承办人', dataIndex: 'assignedStaffName', render: (v) => v ?? '未分配' },
              { title: '调整年度', dataIndex: 'calendarYear' },
              { title: '原届满日', dataIndex: 'oldDueOn', render: (v) => v ?? '—' },
              { title: '新届满日', dataIndex: 'newDueOn', render: (v) => <strong>{v ?? '—'}</strong> },
              {
                title: '调整时间',
                dataIndex: 'changedAt',
                render: (v: string) => v.slice(0, 16).replace('T', ' '),
              },
            ]}
          />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card size="small" title={`已超期（${data?.overdue.length ?? 0}）`}>
            <ItemsTable items={data?.overdue ?? []} showAgency={Boolean(multiAgency)} />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card size="small" title={`即将到期（${data?.dueSoon.length ?? 0}）`}>
            <ItemsTable items={data?.dueSoon ?? []} showAgency={Boolean(multiAgency)} />
          </Card>
        </Col>
        {(data?.unconfirmed.length ?? 0) > 0 && (
          <Col xs={24} xxl={12}>
            <Card size="small" title="网上提交、待确认收到">
              <ItemsTable items={data?.unconfirmed ?? []} showAgency={Boolean(multiAgency)} />
            </Card>
          </Col>
        )}
        {(data?.awaitingApproval.length ?? 0) > 0 && (
          <Col xs={24} xxl={12}>
            <Card size="small" title="延期待审核人审批">
              <ItemsTable items={data?.awaitingApproval ?? []} showAgency={Boolean(multiAgency)} />
            </Card>
          </Col>
        )}
      </Row>
      {multiAgency && (
        <Card size="small" title="按机关">
          <Table
            size="small"
            rowKey="agencyId"
            pagination={false}
            dataSource={data?.byAgency}
            scroll={{ x: 900 }}
            columns={[{ title: '机关', dataIndex: 'agencyName', width: 200 }, ...countColumns]}
          />
        </Card>
      )}
      <Card size="small" title="按承办人">
        <Table
          size="small"
          rowKey={(r) => `${r.agencyName}:${r.staffId ?? '-'}`}
          pagination={false}
          dataSource={data?.byClerk}
          scroll={{ x: 900 }}
          columns={[
            { title: '承办人', dataIndex: 'staffName', width: 120 },
            ...(multiAgency ? [{ title: '机关', dataIndex: 'agencyName', width: 180 }] : []),
            ...countColumns,
          ]}
        />
      </Card>
    </Space>
  );
}
