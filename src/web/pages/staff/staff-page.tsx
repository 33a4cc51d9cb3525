import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AgencyView } from '../../../contract/agency.ts';
import type { StaffView } from '../../../contract/staff.ts';
import { patch, post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { STAFF_ROLE_LABELS } from '../../labels.ts';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; staff: StaffView }
  | { kind: 'password'; staff: StaffView }
  | null;

export function StaffPage() {
  const { session, can } = useSession();
  const { message } = App.useApp();
  const staff = useQuery<StaffView[]>('/staff');
  const agencies = useQuery<AgencyView[]>('/agencies');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const canManage = can('staff.manage');
  const isSystemAdmin = session?.roles.includes('system_admin') ?? false;
  const grantable = Object.entries(STAFF_ROLE_LABELS).filter(
    ([role]) => isSystemAdmin || (role !== 'system_admin' && role !== 'supervisor'),
  );

  const open = (next: Dialog) => {
    form.resetFields();
    if (next?.kind === 'edit') form.setFieldsValue(next.staff);
    if (next?.kind === 'create') form.setFieldsValue({ agencyId: session?.agencyId, roles: ['clerk'] });
    setDialog(next);
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (dialog?.kind === 'create') await post('/staff', values);
      if (dialog?.kind === 'edit') {
        await patch(`/staff/${dialog.staff.id}`, { ...values, version: dialog.staff.version });
      }
      if (dialog?.kind === 'password') await post(`/staff/${dialog.staff.id}/password`, values);
      message.success('已保存');
      setDialog(null);
      staff.reload();
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
          账号管理
        </Typography.Title>
      }
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
            新建账号
          </Button>
        )
      }
    >
      <Table<StaffView>
        rowKey="id"
        loading={staff.loading}
        dataSource={staff.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '所属机关', dataIndex: 'agencyName' },
          {
            title: '角色',
            render: (_, s) => s.roles.map((r) => <Tag key={r}>{STAFF_ROLE_LABELS[r]}</Tag>),
          },
          { title: '联系电话', dataIndex: 'phone', render: (v) => v ?? '—' },
          {
            title: '状态',
            render: (_, s) =>
              !s.isActive ? (
                <Tag color="default">已停用</Tag>
              ) : s.isLocked ? (
                <Tag color="orange">已锁定</Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          {
            title: '操作',
            render: (_, s) =>
              canManage && (
                <Space>
                  <Button type="link" onClick={() => open({ kind: 'edit', staff: s })}>
                    编辑
                  </Button>
                  <Button type="link" onClick={() => open({ kind: 'password', staff: s })}>
                    重置密码
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        title={
          dialog?.kind === 'create'
            ? '新建账号'
            : dialog?.kind === 'edit'
              ? `编辑账号：${dialog.staff.username}`
              : '重置密码'
        }
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={save}
        okText="保存"
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'create' && (
            <>
              <Form.Item name="agencyId" label="所属机关" rules={[{ required: true, message: '请选择机关' }]}>
                <Select options={agencies.data?.map((a) => ({ value: a.id, label: a.name }))} />
              </Form.Item>
              <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </>
          )}
          {dialog?.kind !== 'password' && (
            <>
              <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
                <Select mode="multiple" options={grantable.map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              {dialog?.kind === 'create' && (
                <Form.Item name="phone" label="联系电话">
                  <Input />
                </Form.Item>
              )}
            </>
          )}
          {dialog?.kind === 'edit' && (
            <Form.Item name="isActive" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'password') && (
            <Form.Item
              name={dialog.kind === 'create' ? 'password' : 'newPassword'}
              label={dialog.kind === 'create' ? '初始密码' : '新密码'}
              rules={[{ required: true, message: '请设置密码' }]}
              extra="至少 10 位，须同时包含字母和数字。"
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
