import { DeleteOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { EntryDetail, EntryView } from '../../../contract/catalogue.ts';
import { api, get, patch, post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import {
  ClockTag,
  DOCUMENT_TYPE_LABELS,
  ENTRY_ACTION_LABELS,
  EntryStatusTag,
  findCategory,
  LINK_KIND_LABELS,
  uploadFile,
  VALIDITIES,
  VALIDITY_LABELS,
} from './catalogue-shared.tsx';
import { EntryForm, type EntryFormValues, toEntryInput, toFormValues } from './entry-form.tsx';

type Action = EntryDetail['actions'][number];

const ACTION_PATHS: Record<Action, string> = {
  submit_for_review: 'submit',
  approve: 'approve',
  return_to_draft: 'return',
  withdraw: 'withdraw',
};

function slug(indexNumber: string): string {
  return indexNumber.replaceAll('/', '~');
}

export function EntryDrawer({
  entryId,
  onClose,
  onChanged,
}: {
  entryId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { can, session } = useSession();
  const { message } = App.useApp();
  const detail = useQuery<EntryDetail>(`/catalogue/entries/${entryId}`);
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<Action | 'validity' | 'link' | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [candidates, setCandidates] = useState<EntryView[]>([]);
  const [form] = Form.useForm<EntryFormValues>();
  const [actionForm] = Form.useForm();

  const data = detail.data;
  const entry = data?.entry;
  const refresh = () => {
    detail.reload();
    onChanged();
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      message.success(done);
      setAction(null);
      setEditing(false);
      refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const saveEdit = async () => {
    const values = await form.validateFields();
    await run(
      () => patch(`/catalogue/entries/${entryId}`, { ...toEntryInput(values), version: entry!.version }),
      '已保存',
    );
  };

  const confirmAction = async () => {
    if (!entry || !action) return;
    const values = await actionForm.validateFields();
    if (action === 'validity') {
      await run(
        () =>
          post(`/catalogue/entries/${entryId}/validity`, {
            version: entry.version,
            validity: values.validity,
            validityChangedOn: values.validityChangedOn
              ? values.validityChangedOn.format('YYYY-MM-DD')
              : null,
            repealedBy: values.repealedBy ?? null,
          }),
        '有效性已变更',
      );
      return;
    }
    if (action === 'link') {
      await run(
        () =>
          post(`/catalogue/entries/${entryId}/links`, {
            interpretationId: values.interpretationId,
            kind: values.kind,
          }),
        '已关联',
      );
      return;
    }
    await run(
      () =>
        post(`/catalogue/entries/${entryId}/${ACTION_PATHS[action]}`, { version: entry.version, ...values }),
      `${ENTRY_ACTION_LABELS[action]}：已完成`,
    );
  };

  const upload = async (file: File) => {
    if (!session) return false;
    setUploadPercent(0);
    try {
      await uploadFile(
        `/catalogue/entries/${entryId}/attachments?fileName=${encodeURIComponent(file.name)}`,
        file,
        session.csrfToken,
        setUploadPercent,
      );
      message.success(`已上传 ${file.name}`);
      refresh();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '上传失败');
    } finally {
      setUploadPercent(null);
    }
    return false;
  };

  const searchCandidates = async (text: string) => {
    if (!entry) return;
    const result = await get<{ entries: EntryView[] }>(
      `/catalogue/entries?agencyId=${entry.agencyId}&pageSize=20${text ? `&text=${encodeURIComponent(text)}` : ''}`,
    );
    setCandidates(result.entries.filter((e) => e.id !== entryId && e.status !== 'withdrawn'));
  };

  const isDraft = entry?.status === 'draft';
  const canEdit = can('catalogue.edit');
  const category = entry ? findCategory(entry.category) : undefined;

  return (
    <Drawer open size="large" title={entry?.title ?? '目录条目'} onClose={onClose} destroyOnHidden>
      {!data || !entry ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <EntryStatusTag status={entry.status} />
            <ClockTag clock={data.clock} />
            {entry.status === 'published' && entry.indexNumber && (
              <a
                href={`/agencies/${data.agencyCode}/catalogue/${slug(entry.indexNumber)}`}
                target="_blank"
                rel="noreferrer"
              >
                <LinkOutlined /> 门户页面
              </a>
            )}
          </Space>
          {entry.reviewNote && entry.status === 'draft' && (
            <Alert type="warning" showIcon title={`审查意见：${entry.reviewNote}`} />
          )}
          {entry.status === 'withdrawn' && (
            <Alert
              type="warning"
              showIcon
              title={`已于 ${entry.withdrawnOn} 撤回：${entry.withdrawalReason}`}
            />
          )}
          <Space wrap>
            {data.actions.map((a) => (
              <Button
                key={a}
                type={a === 'approve' ? 'primary' : 'default'}
                danger={a === 'withdraw'}
                onClick={() => {
                  actionForm.resetFields();
                  setAction(a);
                }}
              >
                {ENTRY_ACTION_LABELS[a]}
              </Button>
            ))}
            {isDraft && canEdit && !editing && (
              <Button
                onClick={() => {
                  form.setFieldsValue(toFormValues(entry));
                  setEditing(true);
                }}
              >
                编辑
              </Button>
            )}
            {entry.status === 'published' && canEdit && (
              <Button
                onClick={() => {
                  actionForm.setFieldsValue({
                    validity: entry.validity,
                    repealedBy: entry.repealedBy ?? undefined,
                  });
                  setAction('validity');
                }}
              >
                变更有效性
              </Button>
            )}
          </Space>

          {editing ? (
            <>
              <EntryForm form={form} categories={data.categories} />
              <Space>
                <Button type="primary" loading={busy} onClick={saveEdit}>
                  保存
                </Button>
                <Button onClick={() => setEditing(false)}>取消</Button>
              </Space>
            </>
          ) : (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="索引号">{entry.indexNumber ?? '公开时生成'}</Descriptions.Item>
              <Descriptions.Item label="名称">{entry.title}</Descriptions.Item>
              <Descriptions.Item label="内容概述">{entry.summary ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="发布机构">{entry.issuingAgencyName}</Descriptions.Item>
              <Descriptions.Item label="文号">{entry.documentNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="成文日期">{entry.formedOn}</Descriptions.Item>
              <Descriptions.Item label="发布日期">{entry.publishedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="公开时限">
                {data.clock.dueOn
                  ? `${data.clock.dueOn}（成文后第 20 个工作日）`
                  : (data.clock.message ?? '—')}
              </Descriptions.Item>
              <Descriptions.Item label="公开类别">
                {category ? `${category.article}：${category.label}` : entry.category}
              </Descriptions.Item>
              <Descriptions.Item label="体裁">{DOCUMENT_TYPE_LABELS[entry.documentType]}</Descriptions.Item>
              <Descriptions.Item label="主题分类">{entry.topic ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="有效性">
                {VALIDITY_LABELS[entry.validity]}
                {entry.validityChangedOn ? `（${entry.validityChangedOn}）` : ''}
                {entry.repealedBy ? `，废止依据：${entry.repealedBy}` : ''}
              </Descriptions.Item>
              {entry.body && (
                <Descriptions.Item label="正文">
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {entry.body}
                  </Typography.Paragraph>
                </Descriptions.Item>
              )}
            </Descriptions>
          )}

          <div>
            <Typography.Title level={5}>附件</Typography.Title>
            <List
              size="small"
              dataSource={data.attachments}
              locale={{ emptyText: '无附件' }}
              renderItem={(a) => (
                <List.Item
                  actions={
                    isDraft && canEdit
                      ? [
                          <Button
                            key="delete"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={`删除 ${a.fileName}`}
                            onClick={() =>
                              run(
                                () => api('DELETE', `/catalogue/entries/${entryId}/attachments/${a.id}`),
                                '已删除附件',
                              )
                            }
                          />,
                        ]
                      : []
                  }
                >
                  <a href={`/api/catalogue/entries/${entryId}/attachments/${a.id}`}>
                    <PaperClipOutlined /> {a.fileName}
                  </a>
                  <Typography.Text type="secondary">{(a.byteSize / 1024).toFixed(0)} KB</Typography.Text>
                </List.Item>
              )}
            />
            {isDraft && canEdit && (
              <Upload
                beforeUpload={upload}
                showUploadList={false}
                accept=".pdf,.ofd,.doc,.docx,.xls,.xlsx,.wps,.jpg,.jpeg,.png,.txt,.zip"
              >
                <Button icon={<UploadOutlined />} loading={uploadPercent !== null} style={{ marginTop: 8 }}>
                  {uploadPercent !== null ? `上传中 ${uploadPercent}%` : '上传附件'}
                </Button>
              </Upload>
            )}
          </div>

          <div>
            <Typography.Title level={5}>政策解读与图解</Typography.Title>
            <List
              size="small"
              dataSource={data.links}
              locale={{ emptyText: '无关联' }}
              renderItem={(l) => (
                <List.Item
                  actions={
                    canEdit && l.direction === 'interpreted_by'
                      ? [
                          <Button
                            key="unlink"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label="取消关联"
                            onClick={() =>
                              run(
                                () => api('DELETE', `/catalogue/entries/${entryId}/links/${l.id}`),
                                '已取消关联',
                              )
                            }
                          />,
                        ]
                      : []
                  }
                >
                  <Space>
                    <Tag>{l.direction === 'interpreted_by' ? LINK_KIND_LABELS[l.kind] : '所解读的文件'}</Tag>
                    {l.title}
                  </Space>
                </List.Item>
              )}
            />
            {canEdit && entry.status !== 'withdrawn' && (
              <Button
                style={{ marginTop: 8 }}
                onClick={() => {
                  actionForm.resetFields();
                  actionForm.setFieldsValue({ kind: 'policy_interpretation' });
                  void searchCandidates('');
                  setAction('link');
                }}
              >
                关联解读或图解
              </Button>
            )}
          </div>
        </Space>
      )}

      <Modal
        open={action !== null}
        title={
          action === 'validity'
            ? '变更有效性'
            : action === 'link'
              ? '关联政策解读或图解'
              : action
                ? ENTRY_ACTION_LABELS[action]
                : ''
        }
        onCancel={() => setAction(null)}
        onOk={confirmAction}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={actionForm} layout="vertical">
          {action === 'submit_for_review' && (
            <Typography.Paragraph>
              提交后由审核人进行保密审查；审查通过即公开并生成索引号。提交后不能再修改内容。
            </Typography.Paragraph>
          )}
          {action === 'approve' && (
            <>
              <Typography.Paragraph>
                确认该信息不涉及国家秘密、商业秘密、个人隐私等不应公开的内容（《条例》第十四、十五条），公开后生成索引号，发布日期为今天。
              </Typography.Paragraph>
              <Form.Item name="note" label="审查意见（可选）">
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {action === 'return_to_draft' && (
            <Form.Item name="note" label="审查意见" rules={[{ required: true, message: '请写明退回原因' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {action === 'withdraw' && (
            <Form.Item
              name="reason"
              label="撤回理由"
              rules={[{ required: true, min: 2, message: '请填写撤回理由' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {action === 'validity' && (
            <>
              <Form.Item name="validity" label="有效性" rules={[{ required: true }]}>
                <Select options={VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  actionForm.getFieldValue('validity') !== 'in_force' && (
                    <Form.Item name="validityChangedOn" label="失效或废止日期" rules={[{ required: true }]}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  actionForm.getFieldValue('validity') === 'repealed' && (
                    <Form.Item name="repealedBy" label="废止依据" rules={[{ required: true }]}>
                      <Input />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </>
          )}
          {action === 'link' && (
            <>
              <Form.Item
                name="interpretationId"
                label="解读条目"
                rules={[{ required: true, message: '请选择条目' }]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: (text) => void searchCandidates(text) }}
                  options={candidates.map((c) => ({ value: c.id, label: c.title }))}
                  placeholder="输入名称查找"
                />
              </Form.Item>
              <Form.Item name="kind" label="关联类型" rules={[{ required: true }]}>
                <Select
                  options={Object.entries(LINK_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}
