import type { RequestDetailView } from '../../contract/disclosure-request-api.ts';
import { outcomeLabel } from '../../core/annual-report/index.ts';
import {
  availableActions,
  CHANNEL_LABELS,
  type Channel,
  computeDeadline,
  DELIVERY_METHOD_LABELS,
  type DeliveryMethod,
  foldRequest,
  IDENTITY_DOCUMENT_KIND_LABELS,
  type IdentityDocumentKind,
  INFORMATION_FORM_LABELS,
  type InformationForm,
  REQUEST_ACTION_LABELS,
  type RequestActionType,
  type RequestState,
} from '../../core/disclosure-request/index.ts';
import { maskIdNumber, maskPhone } from '../../core/shared/masking.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { calendarOf, requireRequest, type StoredRepeatHint } from './request-access.ts';
import { todayOf } from './request-fold.ts';
import {
  applicantTypeLabel,
  toAttachmentView,
  toEventView,
  toLetterView,
  toReviewCaseView,
  toSummaryView,
} from './request-view.ts';

const HANDLER_ROLES = ['clerk', 'reviewer'] as const;

/** Whether the actor handles cases of this agency (not a supervisor looking down the tree). */
export function isHandlerOf(actor: Actor, agencyId: string): boolean {
  return (
    actor.agencyId === agencyId && actor.roles.some((r) => (HANDLER_ROLES as readonly string[]).includes(r))
  );
}

/**
 * The table allows a step in a state; some steps are then refused by a statutory guard that the
 * state already decides (one correction notice, one extension, one fee notice; no extension or fee
 * notice once the period has run out, 第三十三条). Those are not offered, so that the console shows
 * only what can succeed.
 */
function isOffered(state: RequestState, overdue: boolean, action: RequestActionType): boolean {
  switch (action) {
    case 'request_correction':
      return state.correction === null;
    case 'request_extension':
      return !overdue && (state.extension.status === 'none' || state.extension.status === 'refused');
    case 'approve_extension':
      return !overdue && state.extension.status === 'requested';
    case 'refuse_extension':
      return state.extension.status === 'requested';
    case 'issue_fee_notice':
      return !overdue && state.fee === null;
    default:
      return true;
  }
}

/**
 * One request as the console shows it: the application (personal data masked), the event log, the
 * clock as of today, what the actor may do next, its files, letters and review cases.
 */
export async function getRequest(
  deps: AppDeps,
  input: { actor: Actor; requestId: string },
): Promise<RequestDetailView> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const repos = createRepositories(deps.db);
  const record = await requireRequest(repos, actor, input.requestId);
  const [stored, attachments, letters, reviewCases, calendar] = await Promise.all([
    repos.disclosureRequests.listEvents(record.id),
    repos.disclosureRequests.listAttachments(record.id),
    repos.disclosureRequests.listLetters(record.id),
    repos.reviewCases.listByRequest(record.id),
    calendarOf(repos),
  ]);
  const events = stored.map((s) => s.event);
  const state = foldRequest(events);
  const deadline = computeDeadline(events, calendar, todayOf(deps));
  const handler = isHandlerOf(actor, record.agencyId);
  const actions = handler
    ? availableActions(state, actor.roles).filter((a) => isOffered(state, deadline.overdue, a))
    : [];
  return {
    ...toSummaryView(record),
    applicant: {
      type: record.applicantType as RequestDetailView['applicant']['type'],
      typeLabel: applicantTypeLabel(record.applicantType),
      name: record.applicantName,
      identityDocumentKind: record.identityDocumentKind as IdentityDocumentKind,
      identityDocumentLabel:
        record.identityDocumentName ??
        IDENTITY_DOCUMENT_KIND_LABELS[record.identityDocumentKind as IdentityDocumentKind],
      identityNumber: maskIdNumber(record.identityNumber),
      contactPerson: record.contactPerson,
      phone: maskPhone(record.phone),
      email: record.email,
      postalAddress: record.postalAddress,
      postalCode: record.postalCode,
    },
    documentNumber: record.documentNumber,
    formWanted: record.formWanted as InformationForm,
    formWantedLabel: INFORMATION_FORM_LABELS[record.formWanted as InformationForm],
    delivery: record.delivery as DeliveryMethod,
    deliveryLabel: DELIVERY_METHOD_LABELS[record.delivery as DeliveryMethod],
    needsAssistance: record.needsAssistance,
    pieces: record.pieces,
    channelLabel: CHANNEL_LABELS[record.channel as Channel],
    note: record.note,
    repeatHints: (record.repeatHints ?? []) as StoredRepeatHint[],
    deadline,
    events: stored.map(toEventView),
    availableActions: actions
      .filter((type) => type !== 'receive')
      .map((type) => ({ type, label: REQUEST_ACTION_LABELS[type] })),
    feeAmountYuan: state.fee?.amountYuan ?? null,
    canConfirmReceipt: handler && state.status === 'not_received',
    canHandle: handler,
    canRevealIdentity: handler,
    attachments: attachments.map(toAttachmentView),
    letters: letters.map(toLetterView),
    reviewCases: reviewCases.map(toReviewCaseView),
    replyEvents: stored
      .filter(
        (s) =>
          s.event.kind === 'replied' || s.event.kind === 'correction_lapsed' || s.event.kind === 'fee_lapsed',
      )
      .map((s) => ({
        seq: s.seq,
        on: s.event.on,
        outcomeLabel:
          s.event.kind === 'replied'
            ? outcomeLabel(s.event.payload.outcome)
            : s.event.kind === 'fee_lapsed'
              ? outcomeLabel('other.fee_lapsed')
              : outcomeLabel('other.correction_lapsed'),
      })),
  };
}
