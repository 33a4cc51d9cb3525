import {
  ATTACHMENT_KIND_LABELS,
  type AttachmentKind,
  type PublicRequestStatusView,
} from '../../contract/disclosure-request-api.ts';
import { type OutcomeCode, outcomeLabel } from '../../core/annual-report/index.ts';
import {
  CLOCK_PHASE_LABELS,
  computeDeadline,
  explainDeadline,
  REQUEST_EVENT_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestStatus,
  renderExplanationText,
} from '../../core/disclosure-request/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { DisclosureRequestRecord } from '../../db/repositories/disclosure-request.repository.ts';
import { createRepositories, type Repositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { calendarOf } from './request-access.ts';
import { isLookupSecretValid, todayOf } from './request-fold.ts';
import { describeEvent } from './request-view.ts';

/** The same answer for an unknown code and a wrong secret: the lookup reveals nothing. */
const NOT_FOUND = '受理编号或查询码不正确，请核对回执上的信息';

async function requireByCodeAndSecret(
  repos: Repositories,
  trackingCode: string,
  secret: string,
): Promise<DisclosureRequestRecord> {
  const record = await repos.disclosureRequests.findByTrackingCode(trackingCode.trim().toUpperCase());
  if (!record || !isLookupSecretValid(record.trackingCode, secret, record.lookupSecretHash)) {
    throw new DomainError('not_found', NOT_FOUND);
  }
  return record;
}

/** 张三 → 张*；北京某某律师事务所 stays whole (an organisation's name is not private). */
function maskPersonName(name: string, applicantType: string): string {
  if (applicantType !== 'natural_person') return name;
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * The applicant's view of their request on the portal, by tracking code and secret: state, due date,
 * the 计时说明 in plain Chinese, the steps taken, and the documents issued to them. No staff names.
 */
export async function lookUpRequest(
  deps: AppDeps,
  input: { trackingCode: string; secret: string },
): Promise<PublicRequestStatusView> {
  const repos = createRepositories(deps.db);
  const record = await requireByCodeAndSecret(repos, input.trackingCode, input.secret);
  const [stored, attachments, calendar] = await Promise.all([
    repos.disclosureRequests.listEvents(record.id),
    repos.disclosureRequests.listAttachments(record.id),
    calendarOf(repos),
  ]);
  const events = stored.map((s) => s.event);
  const today = todayOf(deps);
  const deadline = computeDeadline(events, calendar, today);
  const received = record.status !== 'not_received';
  const outcome = record.outcome as OutcomeCode | null;
  return {
    trackingCode: record.trackingCode,
    agencyName: record.agencyName,
    applicantName: maskPersonName(record.applicantName, record.applicantType),
    submittedAt: record.submittedAt ? record.submittedAt.toISOString() : null,
    receivedOn: record.receivedOn,
    status: record.status as RequestStatus,
    statusLabel: received
      ? REQUEST_STATUS_LABELS[record.status as RequestStatus]
      : '已提交，等待行政机关确认收到',
    dueOn: deadline.dueOn,
    remainingWorkdays: deadline.remainingWorkdays,
    paused: deadline.paused,
    phaseLabel: CLOCK_PHASE_LABELS[deadline.phase],
    overdue: deadline.overdue,
    outcomeLabel: outcome ? outcomeLabel(outcome) : null,
    closedOn: record.closedOn,
    events: stored
      // Internal steps (the extension request before the head of office decides) are not the applicant's.
      .filter((s) => s.event.kind !== 'extension_requested' && s.event.kind !== 'extension_refused')
      .map((s) => {
        const detail = describeEvent(s.event, true);
        return {
          on: s.event.on,
          label: `${REQUEST_EVENT_KIND_LABELS[s.event.kind]}${detail ? `：${detail}` : ''}`,
        };
      }),
    explanationText: received ? renderExplanationText(explainDeadline(events, calendar, today)) : null,
    documents: attachments
      .filter((a) => a.visibleToApplicant)
      .map((a) => ({
        id: a.id,
        fileName: a.fileName,
        kindLabel: ATTACHMENT_KIND_LABELS[a.kind as AttachmentKind],
        sizeBytes: a.sizeBytes,
      })),
  };
}

/** A document issued to the applicant, downloaded from the portal with the same code and secret. */
export async function getPublicDocument(
  deps: AppDeps,
  input: { trackingCode: string; secret: string; attachmentId: string },
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const repos = createRepositories(deps.db);
  const record = await requireByCodeAndSecret(repos, input.trackingCode, input.secret);
  const attachment = await repos.disclosureRequests.findAttachment(record.id, input.attachmentId);
  const visible = attachment?.visibleToApplicant === true ? attachment : undefined;
  if (!visible) throw new DomainError('not_found', '未找到该文件');
  return { fileName: visible.fileName, mediaType: visible.mediaType, content: visible.content };
}
