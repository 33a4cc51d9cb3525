import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AgencyView } from '../../../contract/agency.ts';
import { patch, post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../../labels.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; agency: AgencyView } | null;

const FIELDS: { name: keyof AgencyView; label: string; multiline?: boolean }[] = [
  { name: 'address', label: '办公地址' },
  { name: 'postalCode', label: '邮政编码' },
  { name: 'officeHours', label: '办公时间' },
  { name: 'phone', label: '联系电话' },
  { name: 'fax', label: '传真' },
  { name: 'email', label: '电子邮箱' },
  { name: 'website', label: '网站' },
  { name: 'disclosureOffice', label: '政府信息公开工作机构' },
  { name: 'guideIntro', label: '指南补充说明', multiline: true },
];

export function AgenciesPage() {
  const { session, can } = useSession();
  const { message } = App.useApp();
  const agencies = useQuery<AgencyView[]>('/agencies');
  const [editing, setEditing] = useState<Editing>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const isSystemAdmin = session?.roles.includes('system_admin') ?? false;
  const canCreate = isSystemAdmin || can('agency.create_child');
  const nameById = new Map(agencies.data?.map((a) => [a.id, a.name]));

  const open = (next: Editing) => {
    setEditing(next);
    form.resetFields();
    if (next?.mode === 'edit') form.setFieldsValue(next.agency);
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (editing?.mode === 'edit') {
        const changes: Record<string, unknown> = { version: editing.agency.version };
        for (const [key, value] of Object.entries(values)) {
          if (value !== (editing.agency as Record<string, unknown>)[key]) changes[key] = value ?? '';
        }
        await patch(`/agencies/${editing.agency.id}`, changes);
      } else {
        await post('/agencies', values);
      }
      message.success('已保存');
      setEditing(null);
      agencies.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const canEdit = (agency: AgencyView) =>
    can('agency.manage') && (isSystemAdmin || agency.id === session?.agencyId);

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          机关管理
        </Typography.Title>
      }
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create' })}>
            新建机关
          </Button>
        )
      }
    >
      <Table<AgencyView>
        rowKey="id"
        loading={agencies.loading}
        dataSource={agencies.data}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '层级与类别',
            render: (_, a) => (
              <Space>
                <Tag>{AGENCY_LEVEL_LABELS[a.level]}</Tag>
                {AGENCY_KIND_LABELS[a.kind]}
              </Space>
            ),
          },
          { title: '上级机关', render: (_, a) => (a.parentId ? (nameById.get(a.parentId) ?? '—') : '—') },
          { title: '代码', dataIndex: 'code' },
          {
            title: '操作',
            render: (_, a) => (
              <Space>
                <a href={`/agencies/${a.code}`} target="_blank" rel="noreferrer">
                  公开指南
                </a>
                {canEdit(a) && (
                  <Button type="link" onClick={() => open({ mode: 'edit', agency: a })}>
                    编辑
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        title={editing?.mode === 'edit' ? `编辑：${editing.agency.name}` : '新建机关'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={560}
        extra={
          <Button type="primary" loading={saving} onClick={save}>
            保存
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="机关全称" rules={[{ required: true, message: '请填写机关全称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="shortName" label="简称">
            <Input />
          </Form.Item>
          <Form.Item
            name="code"
            label="统一社会信用代码或组织机构代码"
            rules={[{ required: true, message: '请填写代码' }]}
            extra="18 位统一社会信用代码或 9 位组织机构代码，系统会核对校验位。"
          >
            <Input disabled={editing?.mode === 'edit' && !isSystemAdmin} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item
              name="level"
              label="层级"
              rules={[{ required: true, message: '请选择层级' }]}
              style={{ flex: 1 }}
            >
              <Select
                disabled={editing?.mode === 'edit' && !isSystemAdmin}
                options={Object.entries(AGENCY_LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item
              name="kind"
              label="类别"
              rules={[{ required: true, message: '请选择类别' }]}
              style={{ flex: 1 }}
            >
              <Select
                options={Object.entries(AGENCY_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="parentId" label="上级机关">
            <Select
              allowClear
              disabled={editing?.mode === 'edit' && !isSystemAdmin}
              options={agencies.data?.map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
          {FIELDS.map((field) => (
            <Form.Item key={field.name} name={field.name} label={field.label}>
              {field.multiline ? <Input.TextArea rows={4} /> : <Input />}
            </Form.Item>
          ))}
        </Form>
      </Drawer>
    </Card>
  );
}
