import { Alert, Card, Empty, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProactiveProposalView } from '../../../contract/disclosure-request-api.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';

/** 第四十四条: information several applicants asked for, proposed for proactive disclosure. */
export function ProactiveProposalsPage() {
  const { session } = useSession();
  const [minApplicants, setMinApplicants] = useState(3);
  const proposals = useQuery<ProactiveProposalView[]>(
    session
      ? `/disclosure-requests/proactive-proposals?agencyId=${session.agencyId}&minApplicants=${minApplicants}`
      : null,
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        建议主动公开
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，可以纳入主动公开的范围（条例第四十四条）。以下为近两年内申请内容相近的申请分组，仅供参考。"
      />
      <Space>
        <span>至少</span>
        <InputNumber
          aria-label="至少几个申请人"
          min={2}
          max={20}
          value={minApplicants}
          onChange={(v) => v && setMinApplicants(v)}
        />
        <span>个不同申请人</span>
      </Space>
      <Card size="small">
        <List
          loading={proposals.loading}
          dataSource={proposals.data}
          locale={{ emptyText: <Empty description="暂无建议" /> }}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{p.representativeDescription}</span>
                    <Tag color="red">{p.applicantCount} 个申请人</Tag>
                    <Tag>{p.requestIds.length} 件申请</Tag>
                    {p.disclosedCount > 0 && <Tag color="green">已公开 {p.disclosedCount} 件</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>
                      {p.firstReceivedOn} 至 {p.lastReceivedOn}。{p.reason}
                    </div>
                    <div>
                      {p.requests.map((r) => (
                        <Link key={r.id} to={`/requests/${r.id}`} style={{ marginRight: 12 }}>
                          {r.trackingCode}
                        </Link>
                      ))}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
