import type { DisclosureApplication } from '../../contract/disclosure-request.ts';
import type { SubmittedApplicationView } from '../../contract/disclosure-request-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { type AttachmentFile, storeAttachment } from './attachment-files.ts';
import { applicationFields, auditedApplication, findRepeatHints } from './request-access.ts';
import { generateLookupSecret, generateTrackingCode, hashLookupSecret, todayOf } from './request-fold.ts';

/**
 * An application made by a member of the public on the portal (互联网渠道). It is registered at once
 * with a tracking code and a secret, but it is only *received* on the day both sides confirm it
 * (条例第三十一条第三项): a clerk confirms it in the console, and that day starts the clock.
 */
export async function submitApplication(
  deps: AppDeps,
  input: {
    agencyCode: string;
    application: DisclosureApplication;
    files: AttachmentFile[];
  },
): Promise<SubmittedApplicationView> {
  const today = todayOf(deps);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (repos) => {
    const agency = await repos.agencies.findByCode(input.agencyCode.toUpperCase());
    if (!agency) throw new DomainError('not_found', '未找到该行政机关');
    let trackingCode = generateTrackingCode(today);
    while (await repos.disclosureRequests.trackingCodeExists(trackingCode)) {
      trackingCode = generateTrackingCode(today);
    }
    const secret = generateLookupSecret();
    const fields = applicationFields(input.application);
    const repeatHints = await findRepeatHints(repos, {
      agencyId: agency.id,
      identityNumber: fields.identityNumber,
      applicantName: fields.applicantName,
      description: fields.description,
      on: today,
    });
    const requestId = await repos.disclosureRequests.insert({
      ...fields,
      agencyId: agency.id,
      trackingCode,
      lookupSecretHash: hashLookupSecret(trackingCode, secret),
      channel: 'online',
      submittedAt: now,
      note: null,
      pieces: 1,
      assignedStaffId: null,
      repeatHints,
    });
    for (const file of input.files) {
      await storeAttachment(repos, {
        requestId,
        agencyId: agency.id,
        kind: 'applicant_file',
        file,
        visibleToApplicant: false,
        note: null,
        uploadedBy: null,
      });
    }
    await repos.auditLog.append({
      actorStaffId: null,
      actorLabel: '申请人（网上提交）',
      agencyId: agency.id,
      action: 'disclosure_request.submitted',
      entityType: 'disclosure_request',
      entityId: requestId,
      newValue: {
        ...auditedApplication({ ...fields, trackingCode }),
        files: input.files.map((f) => f.fileName),
      },
    });
    return {
      trackingCode,
      secret,
      agencyName: agency.name,
      submittedAt: now.toISOString(),
      repeatHintCount: repeatHints.length,
    };
  });
}
