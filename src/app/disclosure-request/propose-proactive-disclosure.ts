import type { ProactiveProposalView } from '../../contract/disclosure-request-api.ts';
import type { OutcomeCode } from '../../core/annual-report/index.ts';
import { proposeProactiveDisclosure } from '../../core/disclosure-request/index.ts';
import { addDays } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { todayOf } from './request-fold.ts';

/** At most this many recent requests are compared pairwise (the grouping is quadratic). */
const POOL_LIMIT = 2000;

/**
 * 第四十四条: information asked for by several applicants that may be moved into proactive
 * disclosure. A hint for the office, from the requests received in the last `withinDays` days.
 */
export async function listProactiveDisclosureProposals(
  deps: AppDeps,
  input: {
    actor: Actor;
    agencyId: string;
    withinDays?: number | undefined;
    minApplicants?: number | undefined;
  },
): Promise<ProactiveProposalView[]> {
  requirePermission(input.actor, 'case.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  const since = addDays(todayOf(deps), -(input.withinDays ?? 730));
  const rows = await repos.disclosureRequests.listRecentDescriptions(input.agencyId, since, POOL_LIMIT);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const proposals = proposeProactiveDisclosure(
    rows.map((r) => ({
      id: r.id,
      applicantName: r.applicantName,
      applicantIdNumber: r.identityNumber,
      description: r.description,
      receivedOn: r.receivedOn!,
      outcome: r.outcome as OutcomeCode | null,
    })),
    { minApplicants: input.minApplicants ?? 3 },
  );
  return proposals.map((p) => ({
    ...p,
    requests: p.requestIds.map((id) => {
      const r = byId.get(id)!;
      return { id, trackingCode: r.trackingCode, description: r.description, receivedOn: r.receivedOn };
    }),
  }));
}
