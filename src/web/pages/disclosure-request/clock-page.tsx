import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { ClockExplanationView } from '../../../contract/disclosure-request-api.ts';
import { useQuery } from '../../api/use-query.ts';
import './clock-page.css';
import { chineseDate } from './request-labels.ts';

/**
 * 计时说明, printable: the receipt rule, each counted workday, each excluded period and why, the rest
 * days skipped, the extension, and the conclusion, all from the same fold as the due date.
 */
export function ClockPage() {
  const { id } = useParams();
  const view = useQuery<ClockExplanationView>(`/disclosure-requests/${id}/clock`);
  if (view.error) return <Result status="404" title="无法显示计时说明" subTitle={view.error.message} />;
  if (!view.data) return <Skeleton active />;
  const { explanation: e, trackingCode, agencyName, text } = view.data;
  return (
    <Card className="clock-page">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Link to={`/requests/${id}`}>返回申请</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        计时说明
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {agencyName} · 受理编号 {trackingCode} · 计算日 {chineseDate(e.today)}
      </Typography.Paragraph>
      {e.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
      ))}
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="当前状态">{e.phaseLabel}</Descriptions.Item>
        {e.receipt && (
          <Descriptions.Item label="收到申请">
            {chineseDate(e.receipt.receivedOn)}（{e.receipt.weekday}），{e.receipt.channelLabel}。
            {e.receipt.rule}。
          </Descriptions.Item>
        )}
        {e.earlierClocks.map((c) => (
          <Descriptions.Item key={c.startedOn} label="此前计时">
            {chineseDate(c.startedOn)}起：{c.note}
          </Descriptions.Item>
        ))}
        {e.clockStart && (
          <Descriptions.Item label="起算">
            {chineseDate(e.clockStart.on)}（{e.clockStart.weekday}）{e.clockStart.label}。
            {e.clockStart.citation}。{e.dayOneRule}。
          </Descriptions.Item>
        )}
        <Descriptions.Item label="答复期限">
          {e.periodWorkdays} 个工作日{e.extension ? ` + 延长 ${e.extension.workdays} 个工作日` : ''}，共{' '}
          {e.totalWorkdays} 个工作日
        </Descriptions.Item>
        {e.extension && (
          <Descriptions.Item label="延长">
            {chineseDate(e.extension.grantedOn)}经工作机构负责人同意延长 {e.extension.workdays}{' '}
            个工作日；原届满日 {chineseDate(e.baseDueOn)}。{e.extension.citation}。
          </Descriptions.Item>
        )}
        <Descriptions.Item label="届满日">
          <strong data-testid="clock-due-on">
            {e.dueOn
              ? chineseDate(e.dueOn)
              : e.phase === 'stopped_for_correction'
                ? '收到补正后的申请之日起重新计算'
                : '—'}
          </strong>
          {e.paused && e.dueOn ? '（暂停计时中，届满日随暂停时间顺延）' : ''}
        </Descriptions.Item>
        <Descriptions.Item label="结论">
          {e.phase === 'stopped_for_correction'
            ? `已告知申请人补正，计时停止；补正期限至${chineseDate(e.correctionDueOn)}。收到补正后的申请之日起重新计算答复期限，此前已计的工作日不再计入（第三十条）`
            : e.closedOn
              ? `已于${chineseDate(e.closedOn)}办结${e.closedLate === null ? '' : e.closedLate ? '，超过答复期限' : '，未超过答复期限'}`
              : e.overdue
                ? `已超过答复期限 ${-(e.remainingWorkdays ?? 0)} 个工作日`
                : `已计 ${e.elapsedWorkdays ?? 0} 个工作日，剩余 ${e.remainingWorkdays ?? '—'} 个工作日`}
        </Descriptions.Item>
      </Descriptions>

      {e.excludedPeriods.length > 0 && (
        <>
          <Typography.Title level={5}>不计入答复期限的期间</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(p) => `${p.reason}-${p.startedOn}`}
            dataSource={e.excludedPeriods}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '事由', dataIndex: 'label', width: 140 },
              { title: '开始', dataIndex: 'startedOn', width: 110 },
              { title: '结束', width: 110, render: (_, p) => p.endedOn ?? '尚未结束' },
              {
                title: '不计入的工作日',
                render: (_, p) =>
                  `${p.excludedWorkdays} 个：${p.excludedDays.map((d) => d.date.slice(5)).join('、') || '无'}`,
              },
              { title: '依据', dataIndex: 'citation' },
            ]}
          />
        </>
      )}

      <Typography.Title level={5}>计入答复期限的工作日</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="date"
        dataSource={e.countedDays}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '序号', dataIndex: 'n', width: 70, render: (n) => `第${n}个` },
          { title: '日期', dataIndex: 'date', width: 120 },
          { title: '星期', dataIndex: 'weekday', width: 80 },
          {
            title: '说明',
            render: (_, d) => (
              <Space size={4} wrap>
                {d.isMakeupWorkday && <Tag color="orange">{d.makeupFor}调休上班</Tag>}
                {d.date === e.dueOn && <Tag color="red">届满日</Tag>}
                {d.beyondDue && <Tag color="red">超过期限</Tag>}
                {d.afterClosure && <Tag>办结时未用</Tag>}
                {!d.passed && !d.afterClosure && <Tag>尚未到来</Tag>}
              </Space>
            ),
          },
        ]}
      />

      {e.restDays.length > 0 && (
        <>
          <Typography.Title level={5}>跳过的周末和法定节假日</Typography.Title>
          <ul>
            {e.restDays.map((run) => (
              <li key={run.from}>
                {run.from === run.to ? run.from : `${run.from} 至 ${run.to}`}：
                {run.type === 'holiday' ? `${run.name ?? '法定节假日'}放假` : '周末'}，{run.days} 天
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="no-print">
        <summary>纯文本（可复制存档）</summary>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{text}</pre>
      </details>
    </Card>
  );
}
