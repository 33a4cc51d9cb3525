import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  LETTER_KIND_LABELS,
  type LetterKind,
  type LetterView,
  type RequestDetailView,
} from '../../../contract/disclosure-request-api.ts';
import { patch, post } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { OUTCOME_CODES, outcomeLabel } from './request-labels.ts';

/** The letter the request's state calls for, offered first. */
function suggestedKind(request: RequestDetailView): LetterKind {
  switch (request.status) {
    case 'awaiting_correction':
      return 'correction_notice';
    case 'third_party_consultation':
      return 'third_party_consultation';
    case 'awaiting_fee_payment':
      return 'fee_notice';
    case 'replied':
    case 'lapsed':
    case 'withdrawn':
      return 'reply';
    default:
      return request.deadline.extended ? 'extension_notice' : 'receipt';
  }
}

/** Letters drafted from versioned templates, edited, then issued as DOCX and archived with the request. */
export function LettersCard({ request, onChange }: { request: RequestDetailView; onChange: () => void }) {
  const { message } = App.useApp();
  const [chosenKind, setKind] = useState<LetterKind | null>(null);
  const kind = chosenKind ?? suggestedKind(request);
  const [outcome, setOutcome] = useState<string | undefined>();
  const [editing, setEditing] = useState<LetterView | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const draft = async () => {
    setBusy(true);
    try {
      const letter = await post<LetterView>(`/disclosure-requests/${request.id}/letters`, {
        kind,
        ...(kind === 'reply' && outcome ? { outcome } : {}),
      });
      onChange();
      form.setFieldsValue({ title: letter.title, body: letter.body });
      setEditing(letter);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const save = async (andIssue: boolean) => {
    if (!editing) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      const saved = await patch<LetterView>(`/disclosure-requests/${request.id}/letters/${editing.id}`, {
        expectedVersion: editing.version,
        ...values,
      });
      if (andIssue) {
        await post(`/disclosure-requests/${request.id}/letters/${editing.id}/issue`, {
          expectedVersion: saved.version,
        });
        message.success('已出具并归档');
        setEditing(null);
      } else {
        setEditing(saved);
        message.success('草稿已保存');
      }
      onChange();
    } catch (error) {
      Modal.error({ title: andIssue ? '未能出具' : '未能保存', content: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="文书" size="small">
      {request.canHandle && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="文书类别"
            value={kind}
            onChange={setKind}
            style={{ width: 200 }}
            options={Object.entries(LETTER_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
          {kind === 'reply' && request.status !== 'replied' && (
            <Select
              aria-label="答复的办理结果"
              placeholder="办理结果"
              value={outcome}
              onChange={setOutcome}
              style={{ width: 260 }}
              options={OUTCOME_CODES.map((code) => ({ value: code, label: outcomeLabel(code) }))}
            />
          )}
          <Button onClick={draft} loading={busy}>
            按模板起草
          </Button>
        </Space>
      )}
      <List
        size="small"
        dataSource={request.letters}
        locale={{ emptyText: '尚无文书' }}
        renderItem={(letter) => (
          <List.Item
            actions={[
              letter.status === 'issued' && letter.attachmentId ? (
                <a
                  key="download"
                  href={`/api/disclosure-requests/${request.id}/attachments/${letter.attachmentId}`}
                >
                  下载 DOCX
                </a>
              ) : request.canHandle ? (
                <Button
                  key="edit"
                  type="link"
                  onClick={() => {
                    form.setFieldsValue({ title: letter.title, body: letter.body });
                    setEditing(letter);
                  }}
                >
                  编辑
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  {letter.title}
                  {letter.status === 'issued' ? <Tag color="green">已出具</Tag> : <Tag>草稿</Tag>}
                </Space>
              }
              description={`模板 ${letter.templateKey} 第 ${letter.templateVersion} 版 · ${
                letter.issuedAt
                  ? `${letter.issuedByName ?? ''} 出具于 ${letter.issuedAt.slice(0, 10)}`
                  : `${letter.createdByName ?? ''} 起草`
              }`}
            />
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={`编辑文书：${editing?.kindLabel ?? ''}`}
        onCancel={() => setEditing(null)}
        width={820}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => setEditing(null)}>
            关闭
          </Button>,
          <Button key="save" onClick={() => save(false)} loading={busy}>
            保存草稿
          </Button>,
          <Button key="issue" type="primary" onClick={() => save(true)} loading={busy}>
            出具并归档
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">
          “（请填写……）”处须补全或删除后才能出具。出具后生成
          DOCX，连同模板版本归档，申请人可在门户下载（征询第三方的函除外）。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="title" label="标题" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label="正文（每行一段）" rules={[{ required: true }]}>
            <Input.TextArea rows={16} aria-label="文书正文" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
