import type { EntryInput } from '../../contract/catalogue.ts';
import type { EntryContentFields } from '../../core/catalogue/index.ts';

/** Form input → content fields; the issuing agency defaults to the agency's full name (发布机构). */
export function toContentFields(input: EntryInput, agencyName: string): EntryContentFields {
  return {
    title: input.title,
    summary: input.summary ?? null,
    body: input.body ?? null,
    issuingAgencyName: input.issuingAgencyName ?? agencyName,
    documentNumber: input.documentNumber ?? null,
    formedOn: input.formedOn,
    category: input.category,
    documentType: input.documentType,
    topic: input.topic ?? null,
    validity: input.validity ?? 'in_force',
    validityChangedOn: input.validityChangedOn ?? null,
    repealedBy: input.repealedBy ?? null,
  };
}
