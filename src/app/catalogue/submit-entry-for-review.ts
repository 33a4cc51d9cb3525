import type { Actor } from '../../core/staff/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { changeEntryStatus } from './change-entry-status.ts';

export function submitEntryForReview(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; version: number },
) {
  return changeEntryStatus(deps, input, 'submit_for_review');
}
