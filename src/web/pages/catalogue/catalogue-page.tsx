import { PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { EntryView, PublicationClockView } from '../../../contract/catalogue.ts';
import { api, post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import {
  ClockTag,
  categoryShortLabel,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  ENTRY_STATUS_LABELS,
  ENTRY_STATUSES,
  EntryStatusTag,
  useAgencyChoice,
  yearChoices,
} from './catalogue-shared.tsx';
import { EntryDrawer } from './entry-drawer.tsx';
import { EntryForm, type EntryFormValues, toEntryInput } from './entry-form.tsx';
import { ImportDocumentsDrawer } from './import-documents-drawer.tsx';

type Row = EntryView & { clock: PublicationClockView };

interface Settings {
  agencyId: string;
  pattern: string;
  isDefault: boolean;
  example: string | null;
  categories: { code: string; label: string; article: string }[];
}

/** 政府信息公开目录: drafts, 保密审查, publication with 索引号, withdrawal; the 20-workday clock per entry. */
export function CataloguePage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const { agencyId, agency, picker } = useAgencyChoice();
  const [filters, setFilters] = useState<{
    status?: string;
    year?: number;
    documentType?: string;
    text?: string;
  }>({});
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editingRule, setEditingRule] = useState(false);
  const [importing, setImporting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<EntryFormValues>();
  const [ruleForm] = Form.useForm<{ pattern: string }>();

  const params = new URLSearchParams({ page: String(page), pageSize: '20' });
  if (agencyId) params.set('agencyId', agencyId);
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const list = useQuery<{ entries: Row[]; total: number }>(agencyId ? `/catalogue/entries?${params}` : null);
  const settings = useQuery<Settings>(agencyId ? `/catalogue/settings?agencyId=${agencyId}` : null);

  const create = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await post<EntryView>('/catalogue/entries', { agencyId, ...toEntryInput(values) });
      message.success('已保存为草稿');
      setCreating(false);
      list.reload();
      setOpenId(created.id);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const saveRule = async () => {
    const values = await ruleForm.validateFields();
    setSaving(true);
    try {
      await api('PUT', `/catalogue/settings/index-number-rule?agencyId=${agencyId}`, values);
      message.success('索引号规则已更新，之后公开的条目按新规则编号');
      setEditingRule(false);
      settings.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            政府信息公开目录{agency ? ` · ${agency.name}` : ''}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            {picker}
            {can('catalogue.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} disabled={!agencyId}>
                导入文件
              </Button>
            )}
            {can('catalogue.edit') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ documentType: 'notice', validity: 'in_force' });
                  setCreating(true);
                }}
              >
                新建条目
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={filters.status}
            onChange={(status) => {
              setFilters({ ...filters, status });
              setPage(1);
            }}
            options={ENTRY_STATUSES.map((s) => ({ value: s, label: ENTRY_STATUS_LABELS[s] }))}
          />
          <Select
            aria-label="成文年度"
            allowClear
            placeholder="成文年度"
            style={{ width: 130 }}
            value={filters.year}
            onChange={(year) => {
              setFilters({ ...filters, year });
              setPage(1);
            }}
            options={yearChoices()}
          />
          <Select
            aria-label="体裁"
            allowClear
            placeholder="全部体裁"
            style={{ width: 160 }}
            value={filters.documentType}
            onChange={(documentType) => {
              setFilters({ ...filters, documentType });
              setPage(1);
            }}
            options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
          />
          <Input.Search
            aria-label="名称、文号或索引号"
            placeholder="名称、文号或索引号"
            allowClear
            style={{ width: 260 }}
            onSearch={(text) => {
              setFilters({ ...filters, text });
              setPage(1);
            }}
          />
        </Space>
        <Table<Row>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.entries}
          scroll={{ x: 1400 }}
          onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 条`,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: '索引号', dataIndex: 'indexNumber', width: 200, render: (v: string | null) => v ?? '—' },
            {
              title: '名称',
              dataIndex: 'title',
              width: 360,
              render: (title: string, row) => (
                <Button
                  type="link"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                  onClick={() => setOpenId(row.id)}
                >
                  {title}
                </Button>
              ),
            },
            {
              title: '文号',
              dataIndex: 'documentNumber',
              width: 170,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: '类别',
              dataIndex: 'category',
              width: 150,
              render: (c: string) => categoryShortLabel(c),
            },
            { title: '成文日期', dataIndex: 'formedOn', width: 110 },
            {
              title: '发布日期',
              dataIndex: 'publishedOn',
              width: 110,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 110,
              render: (s: Row['status']) => <EntryStatusTag status={s} />,
            },
            {
              title: '公开时效（第二十六条）',
              dataIndex: 'clock',
              width: 260,
              render: (clock: PublicationClockView) => <ClockTag clock={clock} />,
            },
          ]}
        />
      </Card>

      {settings.data && (
        <Card
          size="small"
          title="索引号规则"
          extra={
            can('catalogue.manage') && (
              <Button
                icon={<SettingOutlined />}
                onClick={() => {
                  ruleForm.setFieldsValue({ pattern: settings.data!.pattern });
                  setEditingRule(true);
                }}
              >
                修改规则
              </Button>
            )
          }
        >
          <Typography.Paragraph style={{ margin: 0 }}>
            规则 <Typography.Text code>{settings.data.pattern}</Typography.Text>
            {settings.data.isDefault ? '（全国统一格式：组织机构代码/年份-流水号）' : ''}，下一个编号形如{' '}
            <Typography.Text strong>{settings.data.example ?? '—'}</Typography.Text>
            。索引号在审查通过公开时生成，全局唯一，条目撤回后也不再使用。
          </Typography.Paragraph>
        </Card>
      )}

      <Modal
        title="新建目录条目"
        open={creating}
        width={760}
        onCancel={() => setCreating(false)}
        onOk={create}
        okText="保存草稿"
        confirmLoading={saving}
        destroyOnHidden
      >
        <EntryForm form={form} categories={settings.data?.categories ?? []} />
      </Modal>

      <Modal
        title="索引号规则"
        open={editingRule}
        onCancel={() => setEditingRule(false)}
        onOk={saveRule}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          占位符：{'{org}'} 9 位组织机构代码，{'{org-}'} 带连字符的组织机构代码，{'{uscc}'} 统一社会信用代码，
          {'{yyyy}'} 年份，{'{mm}'} 月份（流水号按月重排），{'{seq:5}'} 5 位流水号。
        </Typography.Paragraph>
        <Form form={ruleForm} layout="vertical">
          <Form.Item name="pattern" label="规则" rules={[{ required: true, message: '请填写规则' }]}>
            <Input placeholder="{org}/{yyyy}-{seq:5}" />
          </Form.Item>
        </Form>
      </Modal>

      {agencyId && (
        <ImportDocumentsDrawer
          open={importing}
          agencyId={agencyId}
          agencyName={agency?.name ?? ''}
          categories={settings.data?.categories ?? []}
          onClose={() => setImporting(false)}
          onImported={() => list.reload()}
        />
      )}

      {openId && (
        <EntryDrawer entryId={openId} onClose={() => setOpenId(null)} onChanged={() => list.reload()} />
      )}
    </Space>
  );
}
