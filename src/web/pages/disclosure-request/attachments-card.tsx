import { App, Button, Card, Checkbox, Select, Space, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import type { AttachmentView, RequestDetailView } from '../../../contract/disclosure-request-api.ts';
import { post } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';

const MAX_BYTES = 10 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Files of the request: the applicant's material, the disclosed information, the issued letters. */
export function AttachmentsCard({ request, onChange }: { request: RequestDetailView; onChange: () => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<'disclosed_information' | 'applicant_file'>('disclosed_information');
  const [visible, setVisible] = useState(true);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      message.error('附件超过 10 MB，请压缩或分开上传');
      return;
    }
    setBusy(true);
    try {
      await post(`/disclosure-requests/${request.id}/attachments`, {
        kind,
        fileName: file.name,
        mediaType: file.type || 'application/octet-stream',
        contentBase64: await toBase64(file),
        visibleToApplicant: kind === 'disclosed_information' && visible,
      });
      message.success('已上传');
      onChange();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Card title="附件" size="small">
      {request.canHandle && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="附件类别"
            value={kind}
            onChange={setKind}
            style={{ width: 180 }}
            options={[
              { value: 'disclosed_information', label: '公开的政府信息' },
              { value: 'applicant_file', label: '申请人提交的材料' },
            ]}
          />
          {kind === 'disclosed_information' && (
            <Checkbox checked={visible} onChange={(e) => setVisible(e.target.checked)}>
              申请人可在门户下载
            </Checkbox>
          )}
          <input
            ref={input}
            type="file"
            hidden
            onChange={(e) => upload(e.target.files?.[0])}
            aria-label="选择文件"
          />
          <Button onClick={() => input.current?.click()} loading={busy}>
            上传文件（10 MB 以内）
          </Button>
        </Space>
      )}
      <Table<AttachmentView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={request.attachments}
        locale={{ emptyText: '暂无附件' }}
        columns={[
          {
            title: '文件',
            render: (_, a) => (
              <a href={`/api/disclosure-requests/${request.id}/attachments/${a.id}`}>{a.fileName}</a>
            ),
          },
          { title: '类别', dataIndex: 'kindLabel', width: 140 },
          { title: '大小', width: 90, render: (_, a) => `${Math.max(1, Math.round(a.sizeBytes / 1024))} KB` },
          {
            title: '申请人可见',
            width: 100,
            render: (_, a) => (a.visibleToApplicant ? <Tag color="green">是</Tag> : <Tag>否</Tag>),
          },
          { title: '备注', dataIndex: 'note', render: (v) => v ?? '—' },
          {
            title: '上传',
            width: 160,
            render: (_, a) => `${a.uploadedByName ?? '申请人'} ${a.uploadedAt.slice(0, 10)}`,
          },
        ]}
      />
    </Card>
  );
}
