import { Alert, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ImportJobView } from '../../../contract/catalogue.ts';
import { get } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { uploadFile } from './catalogue-shared.tsx';

/** What the console shows of an import (decisions or documents) while it runs and after. */

const PHASE_LABELS: Record<ImportJobView['phase'], string> = {
  reading: '读取并逐行校验',
  checking: '核对重复和已导入的记录',
  committing: '写入',
  done: '完成',
};

/** The import's progress and report, as the job row tells it. */
export function ImportJobReport({ job }: { job: ImportJobView }) {
  const percent =
    job.status !== 'running'
      ? 100
      : job.phase === 'reading'
        ? Math.min(99, Math.round((job.bytesRead / Math.max(1, job.byteSize)) * 95))
        : job.phase === 'checking'
          ? 96
          : 98;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'}
        aria-label="导入进度"
      />
      <Typography.Text>
        {job.fileName}：{PHASE_LABELS[job.phase]}，已读取 {job.rowsRead} 行
        {job.errorCount > 0 ? `，发现 ${job.errorCount} 处问题` : ''}
      </Typography.Text>
      {job.status === 'succeeded' && <Alert type="success" showIcon title={job.message} />}
      {job.status === 'failed' && (
        <>
          <Alert type="error" showIcon title={job.message} />
          {job.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              dataSource={job.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              aria-label="未通过校验的行"
              columns={[
                { title: '行', dataIndex: 'line', width: 70, render: (v?: number) => v ?? '—' },
                { title: '列', dataIndex: 'column', width: 110, render: (v?: string) => v ?? '—' },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Space>
  );
}

/**
 * Starts an import by uploading its file, then polls the job until it ends; `onFinished` runs once
 * when it does (lists to reload).
 */
export function useImportJob(onFinished: (job: ImportJobView) => void) {
  const { session } = useSession();
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = setTimeout(() => {
      get<ImportJobView>(`/catalogue/imports/${job.id}`)
        .then((next) => {
          setJob(next);
          if (next.status !== 'running') finished.current(next);
        })
        .catch(() => undefined);
    }, 700);
    return () => clearTimeout(timer);
  }, [job]);

  /** Uploads `file` to POST /catalogue/imports with `query`; errors are the caller's to show. */
  const start = async (query: URLSearchParams, file: File): Promise<void> => {
    if (!session) return;
    setJob(null);
    setUploadPercent(0);
    try {
      const started = await uploadFile<ImportJobView>(
        `/catalogue/imports?${query}`,
        file,
        session.csrfToken,
        setUploadPercent,
      );
      setJob(started);
      if (started.status !== 'running') finished.current(started);
    } finally {
      setUploadPercent(null);
    }
  };

  return {
    job,
    setJob,
    uploadPercent,
    start,
    busy: uploadPercent !== null || job?.status === 'running',
  };
}

export function UploadProgress({ percent }: { percent: number | null }) {
  if (percent === null) return null;
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text>上传中</Typography.Text>
      <Progress percent={percent} aria-label="上传进度" />
    </div>
  );
}
