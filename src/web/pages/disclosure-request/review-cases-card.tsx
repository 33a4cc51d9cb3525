import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { RequestDetailView, ReviewCaseView } from '../../../contract/disclosure-request-api.ts';
import { post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { errorMessage } from '../../components/errors.ts';
import { chinaToday, LITIGATION_ROUTE_LABELS, REVIEW_RESULT_LABELS } from './request-labels.ts';

/** 行政复议 and 行政诉讼 against this request: child cases of the reply they contest (section 四). */
export function ReviewCasesCard({ request, onChange }: { request: RequestDetailView; onChange: () => void }) {
  const { message } = App.useApp();
  const { session } = useSession();
  const [opening, setOpening] = useState(false);
  const [deciding, setDeciding] = useState<ReviewCaseView | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [decision] = Form.useForm();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const route = Form.useWatch('route', form) as string | undefined;
  const isReviewer = session?.roles.includes('reviewer') ?? false;

  const open = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await post(`/disclosure-requests/${request.id}/review-cases`, {
        ...values,
        route: values.kind === 'litigation' ? values.route : null,
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
      });
      message.success('已登记');
      setOpening(false);
      onChange();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const decide = async () => {
    if (!deciding) return;
    const values = await decision.validateFields();
    setBusy(true);
    try {
      const result = await post<{ reopened: boolean }>(`/review-cases/${deciding.id}/decision`, {
        expectedVersion: deciding.version,
        result: values.result,
        decidedOn: values.decidedOn.format('YYYY-MM-DD'),
        ...(values.replyWithinWorkdays ? { replyWithinWorkdays: values.replyWithinWorkdays } : {}),
      });
      message.success(result.reopened ? '已登记结果，申请已重新进入办理（新的答复期限）' : '已登记结果');
      setDeciding(null);
      onChange();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="行政复议、行政诉讼"
      size="small"
      extra={
        request.canHandle && (
          <Button size="small" onClick={() => setOpening(true)}>
            登记案件
          </Button>
        )
      }
    >
      <Table<ReviewCaseView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={request.reviewCases}
        locale={{ emptyText: '无' }}
        columns={[
          { title: '类别', render: (_, c) => `${c.kindLabel}${c.routeLabel ? `（${c.routeLabel}）` : ''}` },
          { title: '复议机关 / 法院', dataIndex: 'body' },
          { title: '案号', dataIndex: 'caseNumber', render: (v) => v ?? '—' },
          { title: '针对', dataIndex: 'subjectLabel' },
          { title: '收到日期', dataIndex: 'receivedOn' },
          {
            title: '结果',
            render: (_, c) => (
              <Tag color={c.result === 'corrected' ? 'red' : c.result ? 'green' : 'blue'}>
                {c.statusLabel}
                {c.decidedOn ? ` ${c.decidedOn}` : ''}
              </Tag>
            ),
          },
          {
            title: '',
            render: (_, c) =>
              request.canHandle &&
              !c.result && (
                <Button
                  type="link"
                  onClick={() => {
                    decision.resetFields();
                    setDeciding(c);
                  }}
                >
                  登记结果
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={opening}
        title="登记行政复议或行政诉讼"
        onCancel={() => setOpening(false)}
        onOk={open}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ kind: 'reconsideration', subject: 'reply', receivedOn: dayjs(chinaToday()) }}
        >
          <Form.Item name="kind" label="类别">
            <Radio.Group
              options={[
                { value: 'reconsideration', label: '行政复议' },
                { value: 'litigation', label: '行政诉讼' },
              ]}
            />
          </Form.Item>
          {kind === 'litigation' && (
            <Form.Item name="route" label="起诉方式" rules={[{ required: true, message: '请选择起诉方式' }]}>
              <Radio.Group
                options={Object.entries(LITIGATION_ROUTE_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          )}
          {kind === 'litigation' && route === 'after_reconsideration' && (
            <Form.Item name="reconsiderationCaseId" label="此前的行政复议案件（本机关登记的）">
              <Select
                allowClear
                options={request.reviewCases
                  .filter((c) => c.kind === 'reconsideration')
                  .map((c) => ({ value: c.id, label: `${c.body} ${c.caseNumber ?? ''} ${c.statusLabel}` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="subject" label="针对">
            <Radio.Group
              options={[
                { value: 'reply', label: '答复（办理结果）' },
                { value: 'failure_to_reply', label: '未按期答复' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="body"
            label={kind === 'litigation' ? '受理法院' : '复议机关'}
            rules={[{ required: true, message: '请填写' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="caseNumber" label="案号">
            <Input />
          </Form.Item>
          <Form.Item
            name="receivedOn"
            label="本机关收到复议申请书副本或起诉状副本之日"
            rules={[{ required: true }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="countedInReport"
            label="计入本机关年度报告"
            initialValue={true}
            extra="复议机关作为共同被告的，只由原行政行为机关统计"
          >
            <Radio.Group
              options={[
                { value: true, label: '计入' },
                { value: false, label: '不计入（本机关为复议机关、共同被告）' },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={deciding !== null}
        title="登记复议决定或裁判结果"
        onCancel={() => setDeciding(null)}
        onOk={decide}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={decision}
          layout="vertical"
          preserve={false}
          initialValues={{ decidedOn: dayjs(chinaToday()) }}
        >
          <Form.Item name="result" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
            <Radio.Group
              options={Object.entries(REVIEW_RESULT_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="decidedOn" label="决定或裁判日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="replyWithinWorkdays"
            label="结果纠正时：重新答复期限（工作日）"
            extra={
              isReviewer
                ? '结果纠正的，登记后申请即重新进入办理，按此期限重新计时'
                : '结果纠正的，由审核人在申请中“重新答复”'
            }
          >
            <InputNumber min={1} max={60} placeholder="20" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
