import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { FeeQuoteView, RequestDetailView } from '../../../contract/disclosure-request-api.ts';
import { get, post } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import {
  CONSULTATION_RESULT_LABELS,
  chinaToday,
  OUTCOME_CODES,
  OUTCOME_GROUPS,
  outcomeLabel,
} from './request-labels.ts';

type ActionType = RequestDetailView['availableActions'][number]['type'];

const toDate = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The outcomes a reply can have, grouped as section 三 groups them (the lapses have their own steps). */
const OUTCOME_OPTIONS = [
  { label: '予以公开', options: [{ value: 'disclosed', label: outcomeLabel('disclosed') }] },
  {
    label: '部分公开',
    options: [{ value: 'partially_disclosed', label: outcomeLabel('partially_disclosed') }],
  },
  ...OUTCOME_GROUPS.map((group) => ({
    label: group.label,
    options: OUTCOME_CODES.filter(
      (code) =>
        code.startsWith(`${group.key}.`) && code !== 'other.correction_lapsed' && code !== 'other.fee_lapsed',
    ).map((code) => ({ value: code, label: outcomeLabel(code) })),
  })),
];

function FeeFields({ request }: { request: RequestDetailView }) {
  const form = Form.useFormInstance();
  const method = Form.useWatch('method', form) as 'per_page' | 'per_piece' | undefined;
  const [quote, setQuote] = useState<FeeQuoteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compute = async () => {
    const { pages, pieces } = form.getFieldsValue(['pages', 'pieces']);
    const query =
      method === 'per_piece'
        ? `method=per_piece&pieces=${pieces ?? request.pieces}`
        : `method=per_page&pages=${pages ?? 0}`;
    try {
      const result = await get<FeeQuoteView>(`/disclosure-requests/${request.id}/fee-quote?${query}`);
      setQuote(result);
      setError(null);
      form.setFieldValue('amountYuan', result.quote.amountYuan);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <Form.Item
        name="method"
        label="计收方式"
        rules={[{ required: true }]}
        extra="按件、按量只能选一种，不得同时适用（109号第三条）"
      >
        <Radio.Group
          onChange={() => setQuote(null)}
          options={[
            { value: 'per_page', label: '按量计收（按页）' },
            { value: 'per_piece', label: '按件计收（本月累计）' },
          ]}
        />
      </Form.Item>
      <Space align="end">
        {method === 'per_piece' ? (
          <Form.Item name="pieces" label="本次件数" initialValue={request.pieces}>
            <InputNumber min={1} />
          </Form.Item>
        ) : (
          <Form.Item name="pages" label="提供的页数">
            <InputNumber min={0} />
          </Form.Item>
        )}
        <Form.Item>
          <Button onClick={compute}>计算</Button>
        </Form.Item>
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      {quote && (
        <div data-testid="fee-quote" style={{ marginBottom: 12 }}>
          {quote.earlierPiecesThisMonth !== null && (
            <Typography.Paragraph type="secondary">
              该申请人本月此前在本机关已申请 {quote.earlierPiecesThisMonth} 件。
            </Typography.Paragraph>
          )}
          <Table
            size="small"
            pagination={false}
            rowKey={(t) => `${t.from}-${t.to}`}
            dataSource={quote.quote.tiers}
            columns={[
              { title: '区间', render: (_, t) => (t.from === t.to ? `第${t.from}` : `第${t.from}–${t.to}`) },
              { title: '数量', dataIndex: 'count' },
              { title: '单价（元）', dataIndex: 'unitYuan' },
              { title: '小计（元）', dataIndex: 'subtotal' },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  合计
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1}>
                  <strong>{quote.quote.amountYuan}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </div>
      )}
      <Form.Item
        name="amountYuan"
        label="收费金额（元）"
        rules={[{ required: true, message: '请先计算收费金额' }]}
      >
        <InputNumber min={0} readOnly style={{ width: 160 }} />
      </Form.Item>
    </>
  );
}

function ActionFields({ type, request }: { type: ActionType; request: RequestDetailView }) {
  switch (type) {
    case 'request_correction':
      return (
        <>
          <Form.Item
            name="items"
            label="需要补正的事项（每行一项）"
            rules={[{ required: true, message: '请列明需要补正的事项' }]}
            extra="补正应当一次性告知（第三十条）"
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="correctBy"
            label="补正期限"
            rules={[{ required: true, message: '请给出合理的补正期限' }]}
          >
            <DatePicker />
          </Form.Item>
        </>
      );
    case 'receive_correction':
      return (
        <Form.Item name="lateReason" label="逾期理由（逾期补正且有正当理由时填写）">
          <Input.TextArea rows={2} />
        </Form.Item>
      );
    case 'start_third_party_consultation':
    case 'start_agency_consultation':
      return (
        <>
          <Form.Item
            name="parties"
            label={
              type === 'start_third_party_consultation'
                ? '被征求意见的第三方（每行一个）'
                : '被征求意见的机关（每行一个）'
            }
            rules={[{ required: true, message: '请填写被征求意见方' }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="deliveredOn"
            label="征求意见书送达日期（已知时填写）"
            extra="对方的 15 个工作日自送达之日起算"
          >
            <DatePicker />
          </Form.Item>
        </>
      );
    case 'end_third_party_consultation':
    case 'end_agency_consultation':
      return (
        <Form.Item name="result" label="意见" rules={[{ required: true, message: '请选择征求意见结果' }]}>
          <Radio.Group
            options={Object.entries(CONSULTATION_RESULT_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item
            name="workdays"
            label="延长工作日数"
            initialValue={20}
            rules={[{ required: true }]}
            extra="最长 20 个工作日，一次为限（第三十三条第二款）"
          >
            <InputNumber min={1} max={20} />
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请说明延期理由' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'approve_extension':
      return (
        <Form.Item name="workdays" label="同意延长的工作日数（默认为申请的天数）">
          <InputNumber min={1} max={20} />
        </Form.Item>
      );
    case 'refuse_extension':
    case 'withdraw':
      return (
        <Form.Item
          name="reason"
          label={type === 'withdraw' ? '撤回理由' : '不同意的理由'}
          rules={type === 'withdraw' ? [] : [{ required: true, message: '请说明理由' }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      );
    case 'issue_fee_notice':
      return <FeeFields request={request} />;
    case 'record_fee_payment':
      return (
        <Form.Item name="amountYuan" label="缴费金额（元）" rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
      );
    case 'reply':
      return (
        <Form.Item
          name="outcome"
          label="办理结果"
          rules={[{ required: true, message: '请选择办理结果' }]}
          extra="每件申请只计一种办理结果；区分处理的只计“部分公开”"
        >
          <Select showSearch optionFilterProp="label" options={OUTCOME_OPTIONS} aria-label="办理结果" />
        </Form.Item>
      );
    case 'reopen':
      return (
        <>
          <Form.Item
            name="reviewCaseId"
            label="纠正原答复的复议或诉讼案件"
            rules={[{ required: true, message: '请选择案件' }]}
          >
            <Select
              options={request.reviewCases
                .filter((c) => c.result === 'corrected')
                .map((c) => ({
                  value: c.id,
                  label: `${c.kindLabel} ${c.body} ${c.caseNumber ?? ''}（${c.decidedOn} 结果纠正）`,
                }))}
            />
          </Form.Item>
          <Form.Item name="replyWithinWorkdays" label="重新答复期限（工作日）" initialValue={20}>
            <InputNumber min={1} max={60} />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}

/** One handling step: the form the step needs, the date it took effect, sent with the version seen. */
export function ActionModal({
  request,
  action,
  onClose,
  onDone,
}: {
  request: RequestDetailView;
  action: { type: ActionType; label: string } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    const { on, correctBy, deliveredOn, items, parties, pages, pieces, ...rest } = values;
    const body: Record<string, unknown> = { type: action.type, ...rest, on: toDate(on) };
    if (action.type === 'request_correction')
      Object.assign(body, { items: lines(items), correctBy: toDate(correctBy) });
    if (action.type === 'start_third_party_consultation')
      Object.assign(body, { parties: lines(parties), deliveredOn: toDate(deliveredOn) ?? null });
    if (action.type === 'start_agency_consultation')
      Object.assign(body, { agencies: lines(parties), deliveredOn: toDate(deliveredOn) ?? null });
    const feeBasis =
      action.type === 'issue_fee_notice'
        ? values.method === 'per_piece'
          ? { method: 'per_piece', pieces: pieces ?? request.pieces }
          : { method: 'per_page', pages: pages ?? 0 }
        : undefined;
    setSaving(true);
    try {
      await post(`/disclosure-requests/${request.id}/actions`, {
        expectedVersion: request.version,
        action: body,
        ...(feeBasis ? { feeBasis } : {}),
      });
      message.success(`已${action.label}`);
      onDone();
    } catch (error) {
      Modal.error({ title: `未能${action.label}`, content: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action?.label}
      onCancel={onClose}
      onOk={submit}
      okText="确定"
      confirmLoading={saving}
      destroyOnHidden
      width={620}
    >
      {action && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            method: 'per_page',
            ...(action.type === 'record_fee_payment' ? { amountYuan: request.feeAmountYuan } : {}),
          }}
        >
          <ActionFields type={action.type} request={request} />
          <Form.Item
            name="on"
            label="办理日期"
            extra="此环节实际发生的日期，不填为今天；不能晚于今天，也不能早于上一环节"
          >
            <DatePicker placeholder="今天" disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
