import type { ReviewCaseView } from '../../contract/disclosure-request-api.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireRequest } from '../disclosure-request/request-access.ts';
import { toReviewCaseView } from '../disclosure-request/request-view.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/** The review cases of one request, in the order they were received. */
export async function listReviewCases(
  deps: AppDeps,
  input: { actor: Actor; requestId: string },
): Promise<ReviewCaseView[]> {
  requirePermission(input.actor, 'case.read');
  const repos = createRepositories(deps.db);
  const record = await requireRequest(repos, input.actor, input.requestId);
  return (await repos.reviewCases.listByRequest(record.id)).map(toReviewCaseView);
}
