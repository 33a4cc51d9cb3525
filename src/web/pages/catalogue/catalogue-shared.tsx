import { Select, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AgencyView } from '../../../contract/agency.ts';
import type { PublicationClockView } from '../../../contract/catalogue.ts';
import {
  CLOCK_STATUS_LABELS,
  type ClockStatus,
  ENTRY_STATUS_LABELS,
  type EntryStatus,
} from '../../../core/catalogue/index.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';

export {
  CLOCK_STATUS_LABELS,
  categoryShortLabel,
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  DECISION_KINDS,
  DOCUMENT_FIELD_SPECS,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  ENTRY_ACTION_LABELS,
  ENTRY_STATUS_LABELS,
  ENTRY_STATUSES,
  findCategory,
  LINK_KIND_LABELS,
  VALIDITIES,
  VALIDITY_LABELS,
} from '../../../core/catalogue/index.ts';

const STATUS_COLORS: Record<EntryStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  published: 'success',
  withdrawn: 'warning',
};

export function EntryStatusTag({ status }: { status: EntryStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ENTRY_STATUS_LABELS[status]}</Tag>;
}

const CLOCK_COLORS: Record<ClockStatus, string> = {
  due: 'blue',
  overdue: 'red',
  published_on_time: 'green',
  published_late: 'orange',
  calendar_missing: 'default',
};

/** 第二十六条 clock in one line: status, then the workdays that matter for it. */
export function ClockTag({ clock }: { clock: PublicationClockView }) {
  const status = clock.status as ClockStatus;
  let detail = '';
  if (status === 'due') detail = `剩 ${clock.workdaysRemaining} 个工作日（${clock.dueOn} 前）`;
  if (status === 'overdue') detail = `超期 ${clock.workdaysLate} 个工作日`;
  if (status === 'published_on_time') detail = `用时 ${clock.workdaysTaken} 个工作日`;
  if (status === 'published_late')
    detail = `用时 ${clock.workdaysTaken} 个工作日，超期 ${clock.workdaysLate}`;
  return (
    <span title={clock.message ?? undefined}>
      <Tag color={CLOCK_COLORS[status]}>{CLOCK_STATUS_LABELS[status]}</Tag>
      {detail}
    </span>
  );
}

/** The agency the page works on: the actor's own, or one of those in its scope. */
export function useAgencyChoice() {
  const { session } = useSession();
  const agencies = useQuery<AgencyView[]>('/agencies');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  useEffect(() => {
    if (!agencyId && session) setAgencyId(session.agencyId);
  }, [agencyId, session]);
  const agency = useMemo(
    () => agencies.data?.find((a) => a.id === agencyId) ?? null,
    [agencies.data, agencyId],
  );
  const picker =
    (agencies.data?.length ?? 0) > 1 ? (
      <Select
        aria-label="选择机关"
        style={{ minWidth: 240 }}
        value={agencyId ?? undefined}
        onChange={setAgencyId}
        options={agencies.data?.map((a) => ({ value: a.id, label: a.name }))}
        showSearch={{ optionFilterProp: 'label' }}
      />
    ) : null;
  return { agencyId, agency, picker };
}

export function yearChoices(from = 2019): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - from + 2 }, (_, i) => now + 1 - i).map((y) => ({
    value: y,
    label: `${y} 年`,
  }));
}

/** Raw-body upload with progress (XMLHttpRequest: fetch cannot report upload progress). */
export function uploadFile<T>(
  path: string,
  file: Blob,
  csrfToken: string,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: { error?: { message?: string } } | undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new Error(body?.error?.message ?? `上传失败（${xhr.status}）`));
    };
    xhr.onerror = () => reject(new Error('网络错误，上传失败'));
    xhr.send(file);
  });
}
