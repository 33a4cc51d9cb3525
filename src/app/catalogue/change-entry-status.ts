import {
  applyEntryAction,
  type CatalogueEntry,
  DEFAULT_INDEX_NUMBER_PATTERN,
  ENTRY_ACTION_LABELS,
  type EntryAction,
  formatIndexNumber,
  indexNumberPeriod,
  parseIndexNumberPattern,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor, Permission } from '../../core/staff/index.ts';
import { inTransaction, type Repositories } from '../../db/repositories/index.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { auditView, entryTokens, loadEntryForActor } from './entry-access.ts';
import { invalidateSearchCache } from './search-cache.ts';

/** Who may take each step of the workflow. */
export const ACTION_PERMISSIONS: Record<EntryAction, Permission> = {
  submit_for_review: 'catalogue.edit',
  approve: 'catalogue.review',
  return_to_draft: 'catalogue.review',
  withdraw: 'catalogue.review',
};

/**
 * 保密审查 (条例第十七条) is a second pair of eyes: the person who drafted an entry does not approve
 * it, nor send it back.
 */
export function isReviewBlocked(entry: CatalogueEntry, actor: Actor, action: EntryAction): boolean {
  return (action === 'approve' || action === 'return_to_draft') && entry.createdBy === actor.staffId;
}

/**
 * 索引号 at publication: the agency's rule (or the national default), the next serial of the year
 * (or month), never one already in the catalogue — numbers given before this system are respected.
 */
async function assignIndexNumber(
  repos: Repositories,
  agencyId: string,
  publishedOn: string,
): Promise<string> {
  const agency = await repos.agencies.findById(agencyId);
  if (!agency) throw new DomainError('not_found');
  const setting = await repos.catalogue.findIndexNumberPattern(agencyId);
  const rule = parseIndexNumberPattern(setting?.pattern ?? DEFAULT_INDEX_NUMBER_PATTERN);
  if (!rule.ok) throw new DomainError('validation_failed', rule.error.message);
  const period = indexNumberPeriod(rule.value, publishedOn);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const serial = await repos.catalogue.drawSerial(agencyId, period);
    const formatted = formatIndexNumber(rule.value, { agencyCode: agency.code, publishedOn, serial });
    if (!formatted.ok) throw new DomainError('validation_failed', formatted.error.message);
    if (!(await repos.catalogue.isIndexNumberTaken(formatted.value))) return formatted.value;
  }
  throw new DomainError('conflict', '无法生成未被占用的索引号，请检查本机关的索引号规则');
}

export async function changeEntryStatus(
  deps: AppDeps,
  input: { actor: Actor; entryId: string; version: number; note?: string | null; reason?: string },
  action: EntryAction,
): Promise<CatalogueEntry> {
  const { actor } = input;
  return inTransaction(deps.db, async (repos) => {
    const before = await loadEntryForActor(repos, actor, input.entryId, ACTION_PERMISSIONS[action]);
    if (before.version !== input.version) throw new DomainError('conflict');
    const next = applyEntryAction(before.status, action);
    if (!next.ok) throw new DomainError('invalid_state', next.error.message);
    if (isReviewBlocked(before, actor, action)) {
      throw new DomainError('forbidden', '保密审查应由起草人以外的审核人进行');
    }
    const today = localDateInChina(deps.clock.now());
    let change: Parameters<Repositories['catalogue']['changeStatus']>[2] = { status: next.value };
    let tokens: string[] | undefined;
    if (action === 'approve') {
      change = {
        status: next.value,
        reviewNote: input.note ?? null,
        publishedOn: today,
        indexNumber: await assignIndexNumber(repos, before.agencyId, today),
      };
      const agency = await repos.agencies.findById(before.agencyId);
      tokens = entryTokens(before, { agencyCode: agency!.code, publishedOn: today });
    } else if (action === 'return_to_draft') {
      if (!input.note) throw new DomainError('validation_failed', '退回修改时请写明审查意见');
      change = { status: next.value, reviewNote: input.note };
    } else if (action === 'withdraw') {
      if (!input.reason) throw new DomainError('validation_failed', '请填写撤回理由');
      change = { status: next.value, withdrawnOn: today, withdrawalReason: input.reason };
    }
    const after = await repos.catalogue.changeStatus(before.id, before.version, change, tokens);
    if (!after) throw new DomainError('conflict');
    if (action === 'approve' || action === 'withdraw') invalidateSearchCache();
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: before.agencyId,
      action: `catalogue_entry.${action}`,
      entityType: 'catalogue_entry',
      entityId: before.id,
      oldValue: { status: before.status, version: before.version },
      newValue: { ...auditView(after), actionLabel: ENTRY_ACTION_LABELS[action] },
    });
    return after;
  });
}
