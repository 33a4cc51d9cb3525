import { Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { auditActionLabel } from '../../../core/audit/index.ts';
import { useQuery } from '../../api/use-query.ts';

interface AuditRow {
  id: number;
  at: string;
  actorLabel: string;
  agencyName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  oldValue: unknown;
  newValue: unknown;
}

function changedFields(oldValue: unknown, newValue: unknown): string {
  if (!oldValue || !newValue || typeof oldValue !== 'object' || typeof newValue !== 'object') return '';
  const before = oldValue as Record<string, unknown>;
  const after = newValue as Record<string, unknown>;
  return Object.keys(after)
    .filter(
      (key) =>
        !['version', 'updatedAt'].includes(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    )
    .map((key) => `${key}：${JSON.stringify(before[key]) ?? '—'} → ${JSON.stringify(after[key])}`)
    .join('；');
}

export function AuditLogPage() {
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const log = useQuery<AuditRow[]>(`/audit-log?page=${page}&pageSize=${pageSize}`);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          操作日志
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        每一次修改都记录在此：谁、何时、做了什么、由何值改为何值。日志只增不改。
      </Typography.Paragraph>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={log.data}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: (page - 1) * pageSize + (log.data?.length ?? 0) + (log.data?.length === pageSize ? 1 : 0),
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            width: 180,
            render: (v: string) => new Date(v).toLocaleString('zh-CN'),
          },
          { title: '操作人', dataIndex: 'actorLabel', width: 160 },
          { title: '机关', dataIndex: 'agencyName', width: 180, render: (v) => v ?? '—' },
          { title: '操作', dataIndex: 'action', width: 180, render: (v: string) => auditActionLabel(v) },
          { title: '变更', render: (_, row) => changedFields(row.oldValue, row.newValue) || '—' },
        ]}
      />
    </Card>
  );
}
