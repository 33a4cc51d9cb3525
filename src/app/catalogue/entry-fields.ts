import type { EntryInput } from '../../contract/catalogue.ts';
import { type EntryContentFields, normaliseDocumentNumber } from '../../core/catalogue/index.ts';

/**
 * Form input → content fields; the issuing agency defaults to the agency's full name (发布机构), and
 * the 文号 is written as imports write it (张审批[2021]3号 → 张审批〔2021〕3号, GB/T 9704-2012), so that
 * a search finds it however it was typed.
 */
export function toContentFields(input: EntryInput, agencyName: string): EntryContentFields {
  return {
    title: input.title,
    summary: input.summary ?? null,
    body: input.body ?? null,
    issuingAgencyName: input.issuingAgencyName ?? agencyName,
    documentNumber: input.documentNumber ? normaliseDocumentNumber(input.documentNumber) : null,
    formedOn: input.formedOn,
    category: input.category,
    documentType: input.documentType,
    topic: input.topic ?? null,
    validity: input.validity ?? 'in_force',
    validityChangedOn: input.validityChangedOn ?? null,
    repealedBy: input.repealedBy ?? null,
  };
}
