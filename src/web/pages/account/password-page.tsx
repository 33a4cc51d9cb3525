import { App, Button, Card, Form, Input, Typography } from 'antd';
import { post } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';

export function PasswordPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    try {
      await post('/auth/password', values);
      message.success('密码已修改');
      form.resetFields();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          修改密码
        </Typography.Title>
      }
      style={{ maxWidth: 520 }}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          rules={[{ required: true, message: '请输入新密码' }]}
          extra="至少 10 位，须同时包含字母和数字，且不含用户名。"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
