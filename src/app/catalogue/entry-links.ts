import type { LinkKind } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadEntryForActor } from './entry-access.ts';

/** Links a 政策解读 or 图解 (itself an entry) to the document it explains. */
export async function linkInterpretation(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; interpretationId: string; kind: LinkKind },
): Promise<void> {
  const { actor } = input;
  if (input.entryId === input.interpretationId)
    throw new DomainError('validation_failed', '条目不能解读自身');
  await inTransaction(deps.db, async (repos) => {
    const entry = await loadEntryForActor(repos, actor, input.entryId, 'catalogue.edit');
    const interpretation = await loadEntryForActor(repos, actor, input.interpretationId, 'catalogue.edit');
    if (interpretation.status === 'withdrawn' || entry.status === 'withdrawn') {
      throw new DomainError('invalid_state', '已撤回的条目不能关联');
    }
    const added = await repos.catalogue.insertLink({
      agencyId: entry.agencyId,
      entryId: entry.id,
      interpretationId: interpretation.id,
      kind: input.kind,
    });
    if (!added) throw new DomainError('duplicate', '两个条目已经关联');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: entry.agencyId,
      action: 'catalogue_entry.interpretation_linked',
      entityType: 'catalogue_entry',
      entityId: entry.id,
      newValue: { interpretationId: interpretation.id, kind: input.kind },
    });
  });
}

export async function unlinkInterpretation(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; interpretationId: string },
): Promise<void> {
  const { actor } = input;
  await inTransaction(deps.db, async (repos) => {
    const entry = await loadEntryForActor(repos, actor, input.entryId, 'catalogue.edit');
    const removed = await repos.catalogue.deleteLink(entry.id, input.interpretationId);
    if (!removed) throw new DomainError('not_found', '关联不存在');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: entry.agencyId,
      action: 'catalogue_entry.interpretation_unlinked',
      entityType: 'catalogue_entry',
      entityId: entry.id,
      oldValue: { interpretationId: input.interpretationId },
    });
  });
}
