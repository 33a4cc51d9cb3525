import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RequestListView, RequestSummaryView } from '../../../contract/disclosure-request-api.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { APPLICANT_TYPE_LABELS, REQUEST_STATUS_LABELS, STATUS_COLORS } from './request-labels.ts';

const PAGE_SIZE = 20;

/** 依申请公开 list: open requests first, by due date; filters by state, handler and words. */
export function RequestsPage() {
  const { can, session } = useSession();
  const navigate = useNavigate();
  const [scope, setScope] = useState<'open' | 'all' | 'mine'>('open');
  const [status, setStatus] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String((page - 1) * PAGE_SIZE) });
  if (scope === 'open') params.set('open', 'true');
  if (scope === 'mine') params.set('mine', 'true');
  if (status) params.set('status', status);
  if (search) params.set('search', search);
  const list = useQuery<RequestListView>(`/disclosure-requests?${params}`);
  const isHandler = session?.roles.some((r) => r === 'clerk' || r === 'reviewer') ?? false;

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          依申请公开
        </Typography.Title>
      }
      extra={
        can('case.handle') &&
        isHandler && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')}>
            登记申请
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={scope}
          onChange={(v) => {
            setScope(v as typeof scope);
            setPage(1);
          }}
          options={[
            { value: 'open', label: '办理中' },
            { value: 'mine', label: '我承办的' },
            { value: 'all', label: '全部' },
          ]}
        />
        <Select
          allowClear
          placeholder="按状态筛选"
          style={{ width: 200 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={Object.entries(REQUEST_STATUS_LABELS).map(([value, label]) => ({
            value,
            label: value === 'not_received' ? '网上提交，待确认收到' : label,
          }))}
          aria-label="按状态筛选"
        />
        <Input.Search
          allowClear
          placeholder="受理编号、申请人或申请内容"
          style={{ width: 280 }}
          onSearch={(v) => {
            setSearch(v.trim());
            setPage(1);
          }}
          aria-label="搜索申请"
        />
      </Space>
      <Table<RequestSummaryView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.rows}
        scroll={{ x: 1250 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => `共 ${total} 件`,
          hideOnSinglePage: true,
        }}
        columns={[
          {
            title: '受理编号',
            dataIndex: 'trackingCode',
            width: 170,
            render: (code: string, r) => <Link to={`/requests/${r.id}`}>{code}</Link>,
          },
          {
            title: '申请人',
            width: 170,
            render: (_, r) => (
              <>
                {r.applicantName}
                <div style={{ color: '#666', fontSize: 12 }}>{APPLICANT_TYPE_LABELS[r.applicantType]}</div>
              </>
            ),
          },
          {
            title: '申请内容',
            dataIndex: 'description',
            width: 280,
            ellipsis: true,
            render: (text: string, r) => (
              <>
                {r.hasRepeatHints && (
                  <Tooltip title="可能属于重复申请，请在详情中核实">
                    <WarningOutlined style={{ color: '#d46b08', marginRight: 6 }} aria-label="可能重复" />
                  </Tooltip>
                )}
                {text}
              </>
            ),
          },
          {
            title: '状态',
            width: 170,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                {r.paused && <Tag>暂停计时</Tag>}
              </Space>
            ),
          },
          { title: '收到日期', dataIndex: 'receivedOn', width: 110, render: (v) => v ?? '—' },
          {
            title: '答复期限',
            width: 120,
            render: (_, r) =>
              r.closedOn ? <span style={{ color: '#666' }}>{r.closedOn} 办结</span> : (r.dueOn ?? '—'),
          },
          {
            title: '办理结果',
            dataIndex: 'outcomeLabel',
            width: 160,
            ellipsis: true,
            render: (v) => v ?? '—',
          },
          { title: '承办人', dataIndex: 'assignedStaffName', width: 100, render: (v) => v ?? '未分配' },
          ...(session && list.data?.rows.some((r) => r.agencyId !== session.agencyId)
            ? [{ title: '机关', dataIndex: 'agencyName', width: 160 }]
            : []),
        ]}
      />
    </Card>
  );
}
