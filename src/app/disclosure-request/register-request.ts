import type { DisclosureRequestIntake } from '../../contract/disclosure-request.ts';
import { applyAction, INITIAL_REQUEST_STATE } from '../../core/disclosure-request/index.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { applicationFields, auditedApplication, calendarOf, findRepeatHints } from './request-access.ts';
import {
  foldCache,
  generateLookupSecret,
  generateTrackingCode,
  hashLookupSecret,
  refusalError,
  todayOf,
} from './request-fold.ts';

export interface RegisteredRequest {
  id: string;
  trackingCode: string;
  /** Printed on the receipt for the applicant; only its hash is kept. */
  secret: string;
  receivedOn: string;
  dueOn: string | null;
  repeatHintCount: number;
}

/**
 * Staff intake of an application that came by letter, in person, by fax, by e-mail or orally
 * (条例第二十九条): the receipt date is fixed by the channel rule (第三十一条, fixReceiptDate inside
 * applyAction), and the `received` event starts the clock in the same transaction.
 */
export async function registerRequest(
  deps: AppDeps,
  input: { actor: Actor; intake: DisclosureRequestIntake; pieces?: number },
): Promise<RegisteredRequest> {
  const { actor, intake } = input;
  requirePermission(actor, 'case.read');
  const today = todayOf(deps);
  return inTransaction(deps.db, async (repos) => {
    const agencyId = actor.agencyId;
    await requireAgencyInScope(repos, actor, agencyId);
    const calendar = await calendarOf(repos);
    const decision = applyAction(
      INITIAL_REQUEST_STATE,
      {
        type: 'receive',
        channel: intake.channel,
        handedInOn: intake.handedInOn ?? null,
        signedForOn: intake.signedForOn ?? null,
        confirmedOn: intake.confirmedOn ?? null,
      },
      { roles: actor.roles, actorId: actor.staffId, today, calendar },
    );
    if (!decision.ok) throw refusalError(decision.error);
    const { events } = decision.value;
    const receivedOn = events[0]!.on;

    let trackingCode = generateTrackingCode(today);
    while (await repos.disclosureRequests.trackingCodeExists(trackingCode)) {
      trackingCode = generateTrackingCode(today);
    }
    const secret = generateLookupSecret();
    const fields = applicationFields(intake);
    const repeatHints = await findRepeatHints(repos, {
      agencyId,
      identityNumber: fields.identityNumber,
      applicantName: fields.applicantName,
      description: fields.description,
      on: receivedOn,
    });
    const id = await repos.disclosureRequests.insert({
      ...fields,
      agencyId,
      trackingCode,
      lookupSecretHash: hashLookupSecret(trackingCode, secret),
      channel: intake.channel,
      submittedAt: null,
      note: intake.note ?? null,
      pieces: input.pieces ?? 1,
      assignedStaffId: actor.roles.includes('clerk') ? actor.staffId : null,
      repeatHints,
    });
    await repos.disclosureRequests.appendEvents(id, agencyId, 1, events);
    const { cache } = foldCache(events, calendar, today);
    await repos.disclosureRequests.updateCache(id, 1, cache);
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId,
      action: 'disclosure_request.registered',
      entityType: 'disclosure_request',
      entityId: id,
      newValue: {
        ...auditedApplication({ ...fields, trackingCode }),
        channel: intake.channel,
        receivedOn,
        dueOn: cache.dueOn,
      },
    });
    return { id, trackingCode, secret, receivedOn, dueOn: cache.dueOn, repeatHintCount: repeatHints.length };
  });
}
