import type { Actor } from '../../core/staff/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { changeEntryStatus } from './change-entry-status.ts';

/** The review passes: the entry is published today and receives its 索引号. */
export function approveEntry(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; version: number; note?: string | null },
) {
  return changeEntryStatus(deps, input, 'approve');
}
