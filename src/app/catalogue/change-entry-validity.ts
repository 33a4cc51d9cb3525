import { type CatalogueEntry, checkValidity, type Validity } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { entryTokens, loadEntryForActor } from './entry-access.ts';
import { invalidateSearchCache } from './search-cache.ts';

/**
 * A published document lapses (失效) or is repealed (废止): the catalogue says so at once, with the date
 * and the repealing document. Section 二 counts repeals by this date.
 */
export async function changeEntryValidity(
  deps: AppDeps,
  input: {
    actor: Actor;
    entryId: string;
    version: number;
    validity: Validity;
    validityChangedOn: string | null;
    repealedBy?: string | null;
  },
): Promise<CatalogueEntry> {
  const { actor } = input;
  return inTransaction(deps.db, async (repos) => {
    const before = await loadEntryForActor(repos, actor, input.entryId, 'catalogue.edit');
    if (before.status === 'withdrawn') throw new DomainError('invalid_state', '已撤回的条目不能变更有效性');
    const fields = {
      validity: input.validity,
      validityChangedOn: input.validity === 'in_force' ? null : input.validityChangedOn,
      repealedBy: input.validity === 'repealed' ? (input.repealedBy ?? null) : null,
    };
    const problems = checkValidity(fields, before.formedOn);
    if (fields.validityChangedOn && fields.validityChangedOn > localDateInChina(deps.clock.now()))
      problems.push('失效或废止日期不能晚于今天');
    if (problems.length > 0) throw new DomainError('validation_failed', problems.join('；'), { problems });
    const agency = await repos.agencies.findById(before.agencyId);
    const tokens = entryTokens(
      { ...before, ...fields },
      { agencyCode: agency!.code, publishedOn: before.publishedOn },
    );
    const after = await repos.catalogue.updateValidity(before.id, input.version, fields, tokens);
    if (!after) throw new DomainError('conflict');
    invalidateSearchCache();
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: before.agencyId,
      action: 'catalogue_entry.validity_changed',
      entityType: 'catalogue_entry',
      entityId: before.id,
      oldValue: {
        validity: before.validity,
        validityChangedOn: before.validityChangedOn,
        repealedBy: before.repealedBy,
      },
      newValue: fields,
    });
    return after;
  });
}
