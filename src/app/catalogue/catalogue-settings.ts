import {
  categoriesForLevel,
  DEFAULT_INDEX_NUMBER_PATTERN,
  formatIndexNumber,
  parseIndexNumberPattern,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export interface CatalogueSettings {
  agencyId: string;
  pattern: string;
  isDefault: boolean;
  /** What the next number would look like (serial 1 of this year). */
  example: string | null;
  categories: { code: string; label: string; article: string }[];
}

export async function getCatalogueSettings(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string },
): Promise<CatalogueSettings> {
  requirePermission(input.actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  const agency = await repos.agencies.findById(input.agencyId);
  if (!agency) throw new DomainError('not_found');
  const setting = await repos.catalogue.findIndexNumberPattern(agency.id);
  const pattern = setting?.pattern ?? DEFAULT_INDEX_NUMBER_PATTERN;
  const rule = parseIndexNumberPattern(pattern);
  const example = rule.ok
    ? formatIndexNumber(rule.value, {
        agencyCode: agency.code,
        publishedOn: localDateInChina(deps.clock.now()),
        serial: 1,
      })
    : null;
  return {
    agencyId: agency.id,
    pattern,
    isDefault: !setting,
    example: example?.ok ? example.value : null,
    categories: categoriesForLevel(agency.level),
  };
}

/** An agency admin sets the agency's 索引号 rule; numbers already given keep their form. */
export async function updateIndexNumberRule(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; pattern: string },
): Promise<CatalogueSettings> {
  requirePermission(input.actor, 'catalogue.manage');
  const rule = parseIndexNumberPattern(input.pattern);
  if (!rule.ok) throw new DomainError('validation_failed', rule.error.message);
  await inTransaction(deps.db, async (repos) => {
    await requireAgencyInScope(repos, input.actor, input.agencyId);
    const agency = await repos.agencies.findById(input.agencyId);
    if (!agency) throw new DomainError('not_found');
    const trial = formatIndexNumber(rule.value, {
      agencyCode: agency.code,
      publishedOn: localDateInChina(deps.clock.now()),
      serial: 1,
    });
    if (!trial.ok) throw new DomainError('validation_failed', trial.error.message);
    const before = await repos.catalogue.findIndexNumberPattern(agency.id);
    await repos.catalogue.saveIndexNumberPattern(agency.id, input.pattern);
    await repos.auditLog.append({
      actorStaffId: input.actor.staffId,
      actorLabel: actorLabel(input.actor),
      agencyId: agency.id,
      action: 'catalogue.index_number_rule_changed',
      entityType: 'agency',
      entityId: agency.id,
      oldValue: { pattern: before?.pattern ?? DEFAULT_INDEX_NUMBER_PATTERN },
      newValue: { pattern: input.pattern },
    });
  });
  return getCatalogueSettings(deps, input);
}
