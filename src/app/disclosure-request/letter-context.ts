import type { OutcomeCode } from '../../core/annual-report/index.ts';
import {
  CHANNEL_LABELS,
  type Channel,
  computeDeadline,
  type DeliveryMethod,
  foldRequest,
  type InformationForm,
  type RequestEvent,
} from '../../core/disclosure-request/index.ts';
import { quoteProcessingFee } from '../../core/fees/index.ts';
import type { LocalDate } from '../../core/shared/local-date.ts';
import type { DisclosureRequestRecord } from '../../db/repositories/disclosure-request.repository.ts';
import type { Repositories } from '../../db/repositories/index.ts';
import type { LetterContext } from '../../export/letters/index.ts';
import { earlierPiecesThisMonth } from './quote-request-fee.ts';
import { calendarOf } from './request-access.ts';

export type FeeBasis = { method: 'per_page'; pages: number } | { method: 'per_piece'; pieces: number };

const lastOf = <K extends RequestEvent['kind']>(events: readonly RequestEvent[], kind: K) =>
  events.filter((e): e is Extract<RequestEvent, { kind: K }> => e.kind === kind).at(-1);

/**
 * The facts a letter template needs, read from the request, its event log and the agency. The
 * 行政复议机关 is the government above the agency (本级人民政府 of a department, the next government
 * up for a government), which the agency tree gives.
 */
export async function buildLetterContext(
  repos: Repositories,
  record: DisclosureRequestRecord,
  events: readonly RequestEvent[],
  today: LocalDate,
  options: { outcome?: OutcomeCode | undefined; feeBasis?: FeeBasis | undefined },
): Promise<LetterContext> {
  const [agency, ancestors, calendar] = await Promise.all([
    repos.agencies.findById(record.agencyId),
    repos.agencies.listAncestors(record.agencyId),
    calendarOf(repos),
  ]);
  const state = foldRequest(events);
  const deadline = computeDeadline(events, calendar, today);
  const government = ancestors.find((a) => a.kind === 'government');
  const extensionAsked = lastOf(events, 'extension_requested');
  const consultation = lastOf(events, 'third_party_consultation_started');
  const feeNotice = lastOf(events, 'fee_notice_issued');
  let feeReasons: string[] | null = null;
  const basis = options.feeBasis;
  if (basis) {
    const quote =
      basis.method === 'per_page'
        ? quoteProcessingFee({ method: 'per_page', pages: basis.pages })
        : quoteProcessingFee({
            method: 'per_piece',
            pieces: basis.pieces,
            earlierPiecesThisMonth: await earlierPiecesThisMonth(repos, record),
          });
    feeReasons = quote.reasons;
  }
  const objected = events.some(
    (e) => e.kind === 'third_party_consultation_ended' && e.payload.result === 'objected',
  );
  return {
    today,
    agency: {
      name: record.agencyName,
      disclosureOffice: agency?.disclosureOffice ?? null,
      address: agency?.address ?? null,
      phone: agency?.phone ?? null,
      reconsiderationBody: government?.name ?? null,
    },
    request: {
      trackingCode: record.trackingCode,
      applicantName: record.applicantName,
      contactPerson: record.contactPerson,
      description: record.description,
      documentNumber: record.documentNumber,
      channelLabel: CHANNEL_LABELS[record.channel as Channel],
      formWanted: record.formWanted as InformationForm,
      delivery: record.delivery as DeliveryMethod,
      receivedOn: state.receivedOn,
      dueOn: deadline.dueOn,
    },
    correction: state.correction
      ? {
          requestedOn: state.correction.requestedOn,
          items: state.correction.items,
          correctBy: state.correction.correctBy,
        }
      : undefined,
    extension:
      state.extension.status !== 'none'
        ? {
            workdays: state.extension.grantedWorkdays ?? state.extension.requestedWorkdays ?? 0,
            dueOn: state.extension.status === 'granted' ? deadline.dueOn : null,
            reason: extensionAsked?.payload.reason ?? null,
          }
        : undefined,
    fee: feeNotice
      ? {
          method: feeNotice.payload.method,
          amountYuan: feeNotice.payload.amountYuan,
          payBy: feeNotice.payload.payBy,
          reasons: feeReasons,
        }
      : basis
        ? { method: basis.method, amountYuan: 0, payBy: null, reasons: feeReasons }
        : undefined,
    consultation: consultation ? { parties: consultation.payload.parties } : undefined,
    outcome: options.outcome ?? (state.outcome as OutcomeCode | null) ?? undefined,
    thirdPartyObjected: objected,
  };
}
