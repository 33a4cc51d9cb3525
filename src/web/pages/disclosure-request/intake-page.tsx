import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { post } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  CHANNELS,
  chinaToday,
  DELIVERY_METHOD_LABELS,
  IDENTITY_DOCUMENT_KIND_LABELS,
  IDENTITY_DOCUMENT_KINDS,
  INFORMATION_FORM_LABELS,
} from './request-labels.ts';

interface Registered {
  id: string;
  trackingCode: string;
  secret: string;
  receivedOn: string;
  dueOn: string | null;
  repeatHintCount: number;
}

/** What fixes the receipt date for each channel (条例第三十一条). */
const RECEIPT_FIELDS: Record<string, { name: string; label: string; help: string }[]> = {
  in_person: [
    {
      name: 'handedInOn',
      label: '提交日期',
      help: '当面提交的，以提交之日为收到申请之日（第三十一条第一项）',
    },
  ],
  oral: [
    {
      name: 'handedInOn',
      label: '口头提出日期',
      help: '口头提出、由工作机构代为填写的，以提出之日为收到申请之日（第二十九条第二款）',
    },
  ],
  post: [
    {
      name: 'signedForOn',
      label: '签收日期',
      help: '邮寄的，以本机关签收之日为收到申请之日（第三十一条第二项）',
    },
    {
      name: 'confirmedOn',
      label: '与申请人确认日期（平常信函）',
      help: '平常信函等无需签收的，以当日与申请人确认之日为收到申请之日；已填签收日期的不填',
    },
  ],
  online: [
    {
      name: 'confirmedOn',
      label: '双方确认日期',
      help: '互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）',
    },
  ],
  fax: [
    {
      name: 'confirmedOn',
      label: '双方确认日期',
      help: '传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）',
    },
  ],
  email: [
    {
      name: 'confirmedOn',
      label: '双方确认日期',
      help: '电子邮件属于数据电文，以双方确认之日为收到申请之日（第三十一条第三项）',
    },
  ],
};

const toDate = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/** Staff intake of letters, visits, faxes, e-mails and oral applications (条例第二十九条). */
export function IntakePage() {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const channel = Form.useWatch('channel', form) as string | undefined;
  const applicantType = Form.useWatch(['applicant', 'type'], form) as string | undefined;
  const documentKind = Form.useWatch(['applicant', 'identityDocument', 'kind'], form) as string | undefined;

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const result = await post<Registered>('/disclosure-requests', {
        ...values,
        handedInOn: toDate(values.handedInOn),
        signedForOn: toDate(values.signedForOn),
        confirmedOn: toDate(values.confirmedOn),
        needsAssistance: values.needsAssistance ?? false,
      });
      setRegistered(result);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          登记政府信息公开申请
        </Typography.Title>
      }
    >
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{
          channel: 'in_person',
          handedInOn: dayjs(chinaToday()),
          applicant: { type: 'natural_person', identityDocument: { kind: 'resident_id' } },
          formWanted: 'paper',
          delivery: 'post',
          pieces: 1,
        }}
      >
        <Typography.Title level={5}>收到申请</Typography.Title>
        <Form.Item name="channel" label="申请渠道" rules={[{ required: true }]}>
          <Radio.Group
            options={CHANNELS.map((c) => ({
              value: c,
              label: CHANNEL_LABELS[c],
            }))}
          />
        </Form.Item>
        {(RECEIPT_FIELDS[channel ?? 'in_person'] ?? []).map((field, index) => (
          <Form.Item
            key={`${channel}-${field.name}`}
            name={field.name}
            label={field.label}
            extra={field.help}
            rules={
              index === 0 && channel !== 'post' ? [{ required: true, message: `请填写${field.label}` }] : []
            }
          >
            <DatePicker style={{ width: 220 }} disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} />
          </Form.Item>
        ))}

        <Typography.Title level={5}>申请人</Typography.Title>
        <Form.Item name={['applicant', 'type']} label="申请人类型" rules={[{ required: true }]}>
          <Select
            options={Object.entries(APPLICANT_TYPE_LABELS).map(([value, label]) => ({
              value,
              label: value === 'natural_person' ? label : `法人或其他组织：${label}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name={['applicant', 'name']}
          label="姓名或名称"
          rules={[{ required: true, message: '请填写申请人姓名或名称' }]}
        >
          <Input />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name={['applicant', 'identityDocument', 'kind']}
            label="身份证明文件"
            rules={[{ required: true }]}
          >
            <Select
              style={{ width: 200 }}
              options={IDENTITY_DOCUMENT_KINDS.map((k) => ({
                value: k,
                label: IDENTITY_DOCUMENT_KIND_LABELS[k],
              }))}
            />
          </Form.Item>
          {documentKind === 'other' && (
            <Form.Item
              name={['applicant', 'identityDocument', 'documentName']}
              label="证件名称"
              rules={[{ required: true, message: '请填写证件名称' }]}
            >
              <Input style={{ width: 200 }} />
            </Form.Item>
          )}
          <Form.Item
            name={['applicant', 'identityDocument', 'number']}
            label="证件号码"
            rules={[{ required: true, message: '请填写证件号码' }]}
            extra="居民身份证、统一社会信用代码按校验码核验；保存后仅显示部分号码"
          >
            <Input style={{ width: 280 }} autoComplete="off" />
          </Form.Item>
        </Space>
        {applicantType && applicantType !== 'natural_person' && (
          <Form.Item
            name={['applicant', 'contactPerson']}
            label="联系人"
            rules={[{ required: true, message: '请填写联系人' }]}
          >
            <Input style={{ width: 240 }} />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item
            name={['applicant', 'contact', 'phone']}
            label="联系电话"
            rules={[{ required: true, message: '请填写联系电话' }]}
          >
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name={['applicant', 'contact', 'email']} label="电子邮箱">
            <Input style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name={['applicant', 'contact', 'postalAddress']} label="通信地址">
            <Input style={{ width: 420 }} />
          </Form.Item>
          <Form.Item name={['applicant', 'contact', 'postalCode']} label="邮政编码">
            <Input style={{ width: 120 }} />
          </Form.Item>
        </Space>

        <Typography.Title level={5}>所需信息</Typography.Title>
        <Form.Item
          name="description"
          label="信息名称或特征性描述"
          rules={[{ required: true, message: '请填写所需信息的名称、文号或其他特征性描述' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="documentNumber" label="文号">
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="pieces"
            label="件数（一事一申请拆分后）"
            extra="按件收费时计入本月累计（109号第四条）"
          >
            <InputNumber min={1} max={1000} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="formWanted" label="载体形式" rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={Object.entries(INFORMATION_FORM_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="delivery" label="获取方式" rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              options={Object.entries(DELIVERY_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="needsAssistance" valuePropName="checked">
          <Checkbox>申请人有阅读、视觉或听觉困难，需要帮助（第四十三条）</Checkbox>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space>
          <Button type="primary" onClick={submit} loading={saving}>
            登记
          </Button>
          <Button onClick={() => navigate('/requests')}>取消</Button>
        </Space>
      </Form>
      <Modal
        open={registered !== null}
        title="申请已登记"
        closable={false}
        maskClosable={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => registered && navigate(`/requests/${registered.id}`)}>
            查看申请
          </Button>
        }
      >
        {registered && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>
              受理编号：
              <Typography.Text strong copyable data-testid="registered-code">
                {registered.trackingCode}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph>
              查询码：
              <Typography.Text strong copyable data-testid="registered-secret">
                {registered.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph>
              收到申请日：{registered.receivedOn}；答复期限：{registered.dueOn ?? '—'}
            </Typography.Paragraph>
            <Alert
              type="info"
              showIcon
              title="查询码只显示这一次，请告知申请人或写在登记回执上。申请人凭受理编号和查询码可在门户查询办理进度。"
            />
            {registered.repeatHintCount > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`发现 ${registered.repeatHintCount} 件同一申请人的相近申请，请在详情中核实是否属于重复申请。`}
              />
            )}
          </Space>
        )}
      </Modal>
    </Card>
  );
}
