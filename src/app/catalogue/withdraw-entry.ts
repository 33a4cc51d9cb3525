import type { Actor } from '../../core/staff/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { changeEntryStatus } from './change-entry-status.ts';

/** A published entry leaves the portal with a reason; it keeps its 索引号, which is never reused. */
export function withdrawEntry(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; version: number; reason: string },
) {
  return changeEntryStatus(deps, input, 'withdraw');
}
