import { Alert, Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { AgencyView } from '../../../contract/agency.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../../labels.ts';

interface CalendarYears {
  years: { year: number; source: string; loadedAt: string }[];
}

export function DashboardPage() {
  const { session, can } = useSession();
  const agency = useQuery<AgencyView>(session ? `/agencies/${session.agencyId}` : null);
  const agencies = useQuery<AgencyView[]>(can('agency.read') ? '/agencies' : null);
  const calendar = useQuery<CalendarYears>(can('calendar.read') ? '/calendar?year=1999' : null);
  const thisYear = new Date().getFullYear();
  const covered = new Set(calendar.data?.years.map((y) => y.year) ?? []);
  const nextYear = thisYear + 1;
  const month = new Date().getMonth() + 1;

  return (
    <>
      <Typography.Title level={3}>工作台</Typography.Title>
      {calendar.data && !covered.has(thisYear) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`工作日历缺少 ${thisYear} 年的节假日安排，涉及本年度的法定期限无法计算。`}
          description={
            can('calendar.manage') ? <Link to="/calendar">前往工作日历导入</Link> : '请联系系统管理员导入。'
          }
        />
      )}
      {calendar.data && covered.has(thisYear) && !covered.has(nextYear) && month >= 10 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${nextYear} 年节假日安排尚未导入。`}
          description={`国务院办公厅通常在 11 月发布下一年度安排；到期日落入 ${nextYear} 年的期限将无法计算，请在通知发布后及时导入。`}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title="本单位">
            {agency.loading || !agency.data ? (
              <Skeleton active />
            ) : (
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label="名称">{agency.data.name}</Descriptions.Item>
                <Descriptions.Item label="类别">
                  {AGENCY_LEVEL_LABELS[agency.data.level]}
                  {AGENCY_KIND_LABELS[agency.data.kind]}
                </Descriptions.Item>
                <Descriptions.Item label="代码">{agency.data.code}</Descriptions.Item>
                <Descriptions.Item label="公开工作机构">
                  {agency.data.disclosureOffice ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label="办公时间">{agency.data.officeHours ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="联系电话">{agency.data.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="公开指南">
                  <a href={`/agencies/${agency.data.code}`} target="_blank" rel="noreferrer">
                    在门户查看
                  </a>
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="概况">
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title="可见机关" value={agencies.data?.length ?? 0} loading={agencies.loading} />
              </Col>
              <Col span={12}>
                <Statistic
                  title="日历已覆盖"
                  value={covered.size ? `${Math.min(...covered)}–${Math.max(...covered)}` : '—'}
                  loading={calendar.loading}
                />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
    </>
  );
}
