import { ClockCircleOutlined, EyeOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  InputNumber,
  Modal,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RequestDetailView } from '../../../contract/disclosure-request-api.ts';
import { patch, post } from '../../api/client.ts';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { ActionModal } from './action-modal.tsx';
import { AttachmentsCard } from './attachments-card.tsx';
import { LettersCard } from './letters-card.tsx';
import { CLOCK_PHASE_LABELS, chinaToday, PAUSE_REASON_LABELS, STATUS_COLORS } from './request-labels.ts';
import { ReviewCasesCard } from './review-cases-card.tsx';

type Action = RequestDetailView['availableActions'][number];

/** Steps shown as the main button; the rest are grouped as secondary. */
const PRIMARY = new Set([
  'reply',
  'approve_extension',
  'receive_correction',
  'end_third_party_consultation',
  'end_agency_consultation',
  'record_fee_payment',
]);

function DeadlineCard({ request }: { request: RequestDetailView }) {
  const d = request.deadline;
  const remaining = d.remainingWorkdays;
  return (
    <Card
      size="small"
      title="答复期限"
      extra={
        request.receivedOn && (
          <Link to={`/requests/${request.id}/clock`}>
            <ClockCircleOutlined /> 计时说明
          </Link>
        )
      }
    >
      {request.status === 'not_received' ? (
        <Typography.Paragraph>
          网上提交于 {request.submittedAt?.slice(0, 10)}
          ，尚未确认收到。确认之日为收到申请之日（条例第三十一条第三项），确认后开始计时。
        </Typography.Paragraph>
      ) : (
        <Row gutter={16}>
          <Col span={12}>
            <Statistic title={d.closedOn ? '办结日期' : '届满日'} value={d.closedOn ?? d.dueOn ?? '—'} />
          </Col>
          <Col span={12}>
            {d.closedOn ? (
              <Statistic title="是否按期" value={d.closedLate ? '超期办结' : '按期办结'} />
            ) : (
              <Statistic
                title={d.overdue ? '已超期（工作日）' : '剩余工作日'}
                value={remaining === null ? '—' : Math.abs(remaining)}
                styles={{
                  content: {
                    color: d.overdue
                      ? '#cf1322'
                      : remaining !== null && remaining <= 5
                        ? '#d46b08'
                        : undefined,
                  },
                }}
              />
            )}
          </Col>
          <Col span={24} style={{ marginTop: 8 }}>
            <Space wrap>
              <Tag color={d.overdue ? 'red' : d.paused ? 'gold' : 'blue'}>{CLOCK_PHASE_LABELS[d.phase]}</Tag>
              {d.pauseReason && <Tag>{PAUSE_REASON_LABELS[d.pauseReason]}</Tag>}
              {d.extended && <Tag color="purple">已延长 {d.extensionWorkdays} 个工作日</Tag>}
              {d.correctionDueOn && <Tag>补正期限 {d.correctionDueOn}</Tag>}
              {d.feePayBy && <Tag>缴费期限 {d.feePayBy}</Tag>}
              <Typography.Text type="secondary">
                共 {d.totalWorkdays} 个工作日
                {d.elapsedWorkdays !== null ? `，已计 ${d.elapsedWorkdays} 个` : ''}
              </Typography.Text>
            </Space>
          </Col>
        </Row>
      )}
      {d.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 8 }} />
      ))}
    </Card>
  );
}

function AssignmentControls({ request, onChange }: { request: RequestDetailView; onChange: () => void }) {
  const { message } = App.useApp();
  const handlers = useQuery<{ id: string; displayName: string }[]>(
    request.canHandle ? '/disclosure-requests/handlers' : null,
  );
  const save = async (body: { assignedStaffId?: string; pieces?: number }) => {
    try {
      await patch(`/disclosure-requests/${request.id}/assignment`, {
        expectedVersion: request.version,
        ...body,
      });
      message.success('已保存');
      onChange();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  if (!request.canHandle) return <>{request.assignedStaffName ?? '未分配'}</>;
  return (
    <Space wrap>
      <Select
        aria-label="承办人"
        size="small"
        style={{ width: 140 }}
        placeholder="未分配"
        value={request.assignedStaffId ?? undefined}
        onChange={(assignedStaffId) => save({ assignedStaffId })}
        options={handlers.data?.map((h) => ({ value: h.id, label: h.displayName }))}
      />
      <span>件数</span>
      <InputNumber
        aria-label="件数"
        size="small"
        min={1}
        defaultValue={request.pieces}
        onBlur={(e) => {
          const pieces = Number(e.target.value);
          if (pieces && pieces !== request.pieces) void save({ pieces });
        }}
      />
    </Space>
  );
}

/** One request: the application, the clock, the steps the actor may take, letters, files and review cases. */
export function RequestDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const detail = useQuery<RequestDetailView>(`/disclosure-requests/${id}`);
  const [action, setAction] = useState<Action | null>(null);
  const [identity, setIdentity] = useState<{ identityNumber: string; phone: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmedOn, setConfirmedOn] = useState<dayjs.Dayjs | null>(null);

  if (detail.error) return <Result status="404" title="未找到该申请" subTitle={detail.error.message} />;
  if (!detail.data) return <Skeleton active />;
  const request = detail.data;

  const reveal = async () => {
    try {
      setIdentity(await post(`/disclosure-requests/${request.id}/identity`));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  const confirm = async () => {
    try {
      await post(`/disclosure-requests/${request.id}/confirm-receipt`, {
        expectedVersion: request.version,
        ...(confirmedOn ? { confirmedOn: confirmedOn.format('YYYY-MM-DD') } : {}),
      });
      message.success('已确认收到，开始计时');
      setConfirming(false);
      detail.reload();
    } catch (error) {
      Modal.error({ title: '未能确认收到', content: errorMessage(error) });
    }
  };
  const resetSecret = async () => {
    try {
      const result = await post<{ trackingCode: string; secret: string }>(
        `/disclosure-requests/${request.id}/lookup-secret`,
      );
      Modal.info({
        title: '新的查询码',
        content: `受理编号 ${result.trackingCode}，新查询码 ${result.secret}。原查询码已失效；请在核实申请人身份后告知。`,
      });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const primary = request.availableActions.filter((a) => PRIMARY.has(a.type));
  const secondary = request.availableActions.filter((a) => !PRIMARY.has(a.type));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {request.trackingCode}
        </Typography.Title>
        <Tag color={STATUS_COLORS[request.status]} data-testid="request-status">
          {request.statusLabel}
        </Tag>
        {request.outcomeLabel && <Tag color="green">{request.outcomeLabel}</Tag>}
        <Typography.Text type="secondary">{request.agencyName}</Typography.Text>
      </Space>

      {request.repeatHints.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="可能属于重复申请（条例第三十六条第六项），请核实"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {request.repeatHints.map((hint) => (
                <li key={hint.earlierId}>
                  <Link to={`/requests/${hint.earlierId}`}>{hint.earlierTrackingCode ?? '此前的申请'}</Link>：
                  {hint.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="办理">
              {request.canConfirmReceipt && (
                <Button type="primary" onClick={() => setConfirming(true)} style={{ marginRight: 8 }}>
                  确认收到申请
                </Button>
              )}
              <Space wrap>
                {primary.map((a) => (
                  <Button key={a.type} type="primary" onClick={() => setAction(a)}>
                    {a.label}
                  </Button>
                ))}
                {secondary.map((a) => (
                  <Button key={a.type} onClick={() => setAction(a)}>
                    {a.label}
                  </Button>
                ))}
              </Space>
              {!request.canHandle && (
                <Typography.Text type="secondary">
                  您可以查阅本申请；办理由本机关承办人、审核人进行。
                </Typography.Text>
              )}
              {request.canHandle && request.availableActions.length === 0 && !request.canConfirmReceipt && (
                <Typography.Text type="secondary">本申请当前没有可办理的环节。</Typography.Text>
              )}
            </Card>
            <Card size="small" title="申请内容">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="申请人">
                  {request.applicant.name}（{request.applicant.typeLabel}）
                </Descriptions.Item>
                <Descriptions.Item label={request.applicant.identityDocumentLabel}>
                  <Space>
                    <span data-testid="identity-number">
                      {identity?.identityNumber ?? request.applicant.identityNumber}
                    </span>
                    {request.canRevealIdentity && !identity && (
                      <Button size="small" type="link" icon={<EyeOutlined />} onClick={reveal}>
                        查看完整号码
                      </Button>
                    )}
                  </Space>
                </Descriptions.Item>
                {request.applicant.contactPerson && (
                  <Descriptions.Item label="联系人">{request.applicant.contactPerson}</Descriptions.Item>
                )}
                <Descriptions.Item label="联系电话">
                  {identity?.phone ?? request.applicant.phone}
                </Descriptions.Item>
                {request.applicant.email && (
                  <Descriptions.Item label="电子邮箱">{request.applicant.email}</Descriptions.Item>
                )}
                {request.applicant.postalAddress && (
                  <Descriptions.Item label="通信地址">
                    {request.applicant.postalAddress} {request.applicant.postalCode ?? ''}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="所需信息" span={2}>
                  {request.description}
                  {request.documentNumber ? `（文号：${request.documentNumber}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="载体形式">{request.formWantedLabel}</Descriptions.Item>
                <Descriptions.Item label="获取方式">{request.deliveryLabel}</Descriptions.Item>
                <Descriptions.Item label="申请渠道">{request.channelLabel}</Descriptions.Item>
                <Descriptions.Item label="收到申请日">{request.receivedOn ?? '待确认'}</Descriptions.Item>
                <Descriptions.Item label="承办人">
                  <AssignmentControls request={request} onChange={detail.reload} />
                </Descriptions.Item>
                {request.needsAssistance && (
                  <Descriptions.Item label="需要帮助">
                    申请人有阅读、视觉或听觉困难（第四十三条）
                  </Descriptions.Item>
                )}
                {request.note && <Descriptions.Item label="备注">{request.note}</Descriptions.Item>}
              </Descriptions>
              {request.canHandle && (
                <Button size="small" type="link" onClick={resetSecret} style={{ paddingLeft: 0 }}>
                  为申请人重新生成查询码
                </Button>
              )}
            </Card>
            <LettersCard request={request} onChange={detail.reload} />
            <AttachmentsCard request={request} onChange={detail.reload} />
            <ReviewCasesCard request={request} onChange={detail.reload} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <DeadlineCard request={request} />
            <Card size="small" title="办理记录（事件日志）">
              <Timeline
                items={request.events.map((event) => ({
                  key: event.seq,
                  color: event.kind === 'replied' ? 'green' : event.kind.endsWith('lapsed') ? 'gray' : 'blue',
                  title: event.on,
                  content: (
                    <>
                      <strong>{event.label}</strong>
                      {event.detail && <div>{event.detail}</div>}
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {event.actorName ?? '系统'} 登记于 {event.recordedAt.slice(0, 16).replace('T', ' ')}
                        </Typography.Text>
                      </div>
                    </>
                  ),
                }))}
              />
              {request.events.length === 0 && (
                <Typography.Text type="secondary">尚无办理记录</Typography.Text>
              )}
            </Card>
          </Space>
        </Col>
      </Row>

      <ActionModal
        request={request}
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          detail.reload();
        }}
      />
      <Modal
        open={confirming}
        title="确认收到网上提交的申请"
        onCancel={() => setConfirming(false)}
        onOk={confirm}
        destroyOnHidden
      >
        <Typography.Paragraph>
          以双方确认之日为收到申请之日（条例第三十一条第三项），确认后开始计算答复期限。申请人提交于{' '}
          {request.submittedAt?.slice(0, 10)}。
        </Typography.Paragraph>
        <DatePicker
          aria-label="确认日期"
          placeholder="今天"
          value={confirmedOn}
          onChange={setConfirmedOn}
          disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
        />
      </Modal>
    </Space>
  );
}
