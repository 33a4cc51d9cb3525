import type { DisclosureApplication } from '../../contract/disclosure-request.ts';
import { createWorkdayCalendar, type WorkdayCalendar } from '../../core/calendar/index.ts';
import {
  findPossibleRepeats,
  type PossibleRepeat,
  REQUEST_EVENT_KIND_LABELS,
  type RequestEvent,
} from '../../core/disclosure-request/index.ts';
import { DomainError, ERROR_MESSAGES, isDomainError } from '../../core/shared/domain-error.ts';
import { addDays, type LocalDate, localDateInChina } from '../../core/shared/local-date.ts';
import { maskIdNumber, maskPhone } from '../../core/shared/masking.ts';
import type { Actor } from '../../core/staff/index.ts';
import type {
  DisclosureRequestFields,
  DisclosureRequestRecord,
  StoredRequestEvent,
} from '../../db/repositories/disclosure-request.repository.ts';
import { createRepositories, isUniqueViolation, type Repositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/**
 * The calendar read through the transaction's own repositories. On PGlite a transaction holds the only
 * connection, so nothing inside it may go through `deps.db`; and a calendar import running at the
 * same time is either wholly seen or not at all.
 */
export async function calendarOf(repos: Repositories): Promise<WorkdayCalendar> {
  const [years, days] = await Promise.all([repos.calendar.listYears(), repos.calendar.listDays()]);
  return createWorkdayCalendar(
    years.map((y) => y.year),
    days,
  );
}

/** A request the actor may see, or not_found (ids of other agencies' requests reveal nothing). */
export async function requireRequest(
  repos: Repositories,
  actor: Actor,
  requestId: string,
): Promise<DisclosureRequestRecord> {
  const record = await repos.disclosureRequests.findById(requestId);
  if (!record) throw new DomainError('not_found', '未找到该政府信息公开申请');
  await requireAgencyInScope(repos, actor, record.agencyId);
  return record;
}

export interface LoadedRequest {
  record: DisclosureRequestRecord;
  stored: StoredRequestEvent[];
  events: RequestEvent[];
}

/** Loads a request for a change, refusing at once when it moved on since the clerk looked at it. */
export async function loadForChange(
  repos: Repositories,
  actor: Actor,
  requestId: string,
  expectedVersion: number | undefined,
): Promise<LoadedRequest> {
  const record = await requireRequest(repos, actor, requestId);
  const stored = await repos.disclosureRequests.listEvents(requestId);
  if (expectedVersion !== undefined && record.version !== expectedVersion) {
    throw conflictError(stored.at(-1));
  }
  return { record, stored, events: stored.map((s) => s.event) };
}

function conflictError(latest: StoredRequestEvent | undefined): DomainError {
  const what = latest
    ? `${latest.actorName ?? '其他工作人员'}已登记“${REQUEST_EVENT_KIND_LABELS[latest.event.kind]}”（${latest.event.on}）`
    : '其他工作人员已修改了该申请';
  return new DomainError(
    'conflict',
    `该申请刚刚已被他人办理：${what}。您的操作未保存，请刷新页面查看最新办理情况后再操作。`,
  );
}

/**
 * Runs a change of one request; a concurrent writer that got there first surfaces as the closed
 * `conflict` error with a Chinese message naming what the other person did. On PostgreSQL the loser
 * is stopped by the (request_id, seq) unique index or the version check; on PGlite transactions are
 * serial and the loser is stopped by the version check.
 */
export async function withConflictCheck<T>(
  deps: AppDeps,
  requestId: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const lost = isUniqueViolation(error) || (isDomainError(error) && error.code === 'conflict');
    if (!lost) throw error;
    if (isDomainError(error) && error.message !== ERROR_MESSAGES.conflict) throw error;
    const latest = await createRepositories(deps.db).disclosureRequests.latestEvent(requestId);
    throw conflictError(latest);
  }
}

/** The application fields as stored, from the form the applicant or the clerk filled in. */
export function applicationFields(
  application: DisclosureApplication,
): Omit<
  DisclosureRequestFields,
  | 'agencyId'
  | 'trackingCode'
  | 'lookupSecretHash'
  | 'channel'
  | 'submittedAt'
  | 'note'
  | 'assignedStaffId'
  | 'repeatHints'
  | 'pieces'
> {
  const { applicant } = application;
  const document = applicant.identityDocument;
  return {
    applicantType: applicant.type,
    applicantName: applicant.name,
    identityDocumentKind: document.kind,
    identityDocumentName: document.kind === 'other' ? document.documentName : null,
    identityNumber: document.number,
    contactPerson: applicant.contactPerson ?? null,
    phone: applicant.contact.phone,
    email: applicant.contact.email ?? null,
    postalAddress: applicant.contact.postalAddress ?? null,
    postalCode: applicant.contact.postalCode ?? null,
    description: application.description,
    documentNumber: application.documentNumber ?? null,
    formWanted: application.formWanted,
    delivery: application.delivery,
    needsAssistance: application.needsAssistance ?? false,
  };
}

/** What the audit log keeps of an application: no full document or phone number, ever. */
export function auditedApplication(fields: ReturnType<typeof applicationFields> & { trackingCode: string }) {
  return {
    trackingCode: fields.trackingCode,
    applicantType: fields.applicantType,
    applicantName: fields.applicantName,
    identityDocumentKind: fields.identityDocumentKind,
    identityNumber: maskIdNumber(fields.identityNumber),
    phone: maskPhone(fields.phone),
    description: fields.description,
    formWanted: fields.formWanted,
    delivery: fields.delivery,
  };
}

export type StoredRepeatHint = PossibleRepeat & { earlierTrackingCode: string | null };

/**
 * 第三十六条第六项 hint at intake: earlier applications of the same applicant to the same agency for
 * much the same information. Stored with the request for the handler; never a decision.
 */
export async function findRepeatHints(
  repos: Repositories,
  input: {
    agencyId: string;
    identityNumber: string;
    applicantName: string;
    description: string;
    on: LocalDate;
    excludeId?: string;
  },
): Promise<StoredRepeatHint[]> {
  const earlier = await repos.disclosureRequests.listRepeatCandidates({
    agencyId: input.agencyId,
    identityNumber: input.identityNumber,
    applicantName: input.applicantName,
    since: addDays(input.on, -365),
    excludeId: input.excludeId,
  });
  const codes = new Map(earlier.map((e) => [e.id, e.trackingCode]));
  const hints = findPossibleRepeats(
    {
      id: input.excludeId ?? 'new',
      applicantName: input.applicantName,
      applicantIdNumber: input.identityNumber,
      description: input.description,
      receivedOn: input.on,
    },
    earlier.map((e) => ({
      id: e.id,
      applicantName: e.applicantName,
      applicantIdNumber: e.identityNumber,
      description: e.description,
      receivedOn: e.receivedOn ?? localDateInChina(e.submittedAt ?? e.createdAt),
      outcome: (e.outcome ?? null) as never,
    })),
  );
  return hints.map((hint) => ({ ...hint, earlierTrackingCode: codes.get(hint.earlierId) ?? null }));
}
