import type { Actor } from '../../core/staff/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { changeEntryStatus } from './change-entry-status.ts';

/** The review sends the entry back with its opinion (e.g. a passage that must not be published). */
export function returnEntryToDraft(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; version: number; note?: string | null },
) {
  return changeEntryStatus(deps, input, 'return_to_draft');
}
