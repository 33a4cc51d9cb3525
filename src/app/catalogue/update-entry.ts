import type { EntryUpdate } from '../../contract/catalogue.ts';
import {
  type CatalogueEntry,
  categoriesForLevel,
  checkEntryContent,
  isEditable,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { auditView, entryTokens, loadEntryForActor } from './entry-access.ts';
import { toContentFields } from './entry-fields.ts';

/** Drafts are edited freely (with optimistic locking); once submitted, the text is frozen. */
export async function updateEntry(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; changes: EntryUpdate },
): Promise<CatalogueEntry> {
  const { actor } = input;
  return inTransaction(deps.db, async (repos) => {
    const before = await loadEntryForActor(repos, actor, input.entryId, 'catalogue.edit');
    if (!isEditable(before.status)) {
      throw new DomainError('invalid_state', '只有草稿可以修改；已公开的条目只能变更有效性或撤回');
    }
    const agency = await repos.agencies.findById(before.agencyId);
    if (!agency) throw new DomainError('not_found');
    const { version, ...entryInput } = input.changes;
    const fields = toContentFields(entryInput, agency.name);
    const problems = checkEntryContent(fields, categoriesForLevel(agency.level));
    if (fields.formedOn > localDateInChina(deps.clock.now())) problems.push('成文日期不能晚于今天');
    if (problems.length > 0) throw new DomainError('validation_failed', problems.join('；'), { problems });
    const after = await repos.catalogue.updateContent(
      before.id,
      version,
      fields,
      entryTokens(fields, { agencyCode: agency.code, publishedOn: null }),
    );
    if (!after) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: before.agencyId,
      action: 'catalogue_entry.updated',
      entityType: 'catalogue_entry',
      entityId: before.id,
      oldValue: auditView(before),
      newValue: auditView(after),
    });
    return after;
  });
}
