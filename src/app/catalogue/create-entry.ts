import type { EntryInput } from '../../contract/catalogue.ts';
import { type CatalogueEntry, categoriesForLevel, checkEntryContent } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { auditView, entryTokens } from './entry-access.ts';
import { toContentFields } from './entry-fields.ts';

/** A clerk drafts an entry; it is published only after the confidentiality review. */
export async function createEntry(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; entry: EntryInput },
): Promise<CatalogueEntry> {
  const { actor } = input;
  requirePermission(actor, 'catalogue.edit');
  return inTransaction(deps.db, async (repos) => {
    await requireAgencyInScope(repos, actor, input.agencyId);
    const agency = await repos.agencies.findById(input.agencyId);
    if (!agency) throw new DomainError('not_found');
    const fields = toContentFields(input.entry, agency.name);
    const problems = checkEntryContent(fields, categoriesForLevel(agency.level));
    if (fields.formedOn > localDateInChina(deps.clock.now())) problems.push('成文日期不能晚于今天');
    if (problems.length > 0) throw new DomainError('validation_failed', problems.join('；'), { problems });
    const entry = await repos.catalogue.insertEntry(
      agency.id,
      fields,
      entryTokens(fields, { agencyCode: agency.code, publishedOn: null }),
      actor.staffId,
    );
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'catalogue_entry.created',
      entityType: 'catalogue_entry',
      entityId: entry.id,
      newValue: auditView(entry),
    });
    return entry;
  });
}
