import {
  type CatalogueEntry,
  DOCUMENT_TYPE_LABELS,
  type EntryContentFields,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor, Permission } from '../../core/staff/index.ts';
import type { Repositories } from '../../db/repositories/index.ts';
import { facetLexemes, indexTokens } from '../../search/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';

/** The entry, if the actor may act on it with this permission (else not found / forbidden). */
export async function loadEntryForActor(
  repos: Repositories,
  actor: Actor,
  entryId: string,
  permission: Permission,
): Promise<CatalogueEntry> {
  requirePermission(actor, permission);
  const entry = await repos.catalogue.findById(entryId);
  if (!entry) throw new DomainError('not_found', '目录条目不存在');
  await requireAgencyInScope(repos, actor, entry.agencyId);
  return entry;
}

/**
 * What an entry is found by in the portal search (src/search decides how Chinese is cut): its texts,
 * its 体裁 (so that 规范性文件 finds the normative documents whatever their titles say), and the
 * portal's filters as lexemes — recomputed when the entry is published or its validity changes.
 */
export function entryTokens(
  fields: EntryContentFields,
  context: { agencyCode: string; publishedOn: string | null },
): string[] {
  return [
    ...indexTokens(
      fields.title,
      fields.summary,
      fields.documentNumber,
      fields.issuingAgencyName,
      fields.topic,
      DOCUMENT_TYPE_LABELS[fields.documentType],
    ),
    ...facetLexemes({
      agencyCode: context.agencyCode,
      publishedOn: context.publishedOn,
      category: fields.category,
      documentType: fields.documentType,
      validity: fields.validity,
    }),
  ];
}

/** The part of an entry the audit log keeps (the body can be long; its presence is enough). */
export function auditView(entry: CatalogueEntry) {
  const { body, ...rest } = entry;
  return { ...rest, bodyLength: body?.length ?? 0 };
}
