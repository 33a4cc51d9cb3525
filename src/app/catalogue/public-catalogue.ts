import type { Agency } from '../../core/agency/index.ts';
import {
  type CatalogueEntry,
  type DecisionKind,
  type DocumentType,
  normaliseDocumentNumber,
  type Validity,
} from '../../core/catalogue/index.ts';
import type { EntryAttachmentInfo, LinkedEntry } from '../../db/repositories/catalogue.repository.ts';
import type { DecisionListItem } from '../../db/repositories/decision.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import {
  type CatalogueSearchResult,
  createCatalogueSearch,
  looksLikeDocumentNumber,
} from '../../search/index.ts';
import { searchDecisionNumbers } from '../../search/indexed-catalogue-search.ts';
import { listPublicAgencies } from '../agency/get-public-agency.ts';
import type { AppDeps } from '../shared/deps.ts';

/**
 * The portal's reads. Everything here is public by law (条例第十九、二十条): only published entries,
 * never drafts; withdrawn entries answer with their notice, not their content.
 */

export const PORTAL_PAGE_SIZE = 20;
/** Deep pages of a million rows are not browsing; filters are. */
export const MAX_PORTAL_PAGE = 50;

async function findAgency(deps: AppDeps, code: string): Promise<Agency | undefined> {
  return createRepositories(deps.db).agencies.findByCode(code.toUpperCase());
}

export async function listPublicCatalogue(
  deps: AppDeps,
  input: { agencyCode: string; year?: number; category?: string; validity?: Validity; page: number },
) {
  const agency = await findAgency(deps, input.agencyCode);
  if (!agency) return undefined;
  const repos = createRepositories(deps.db);
  const [list, facets, decisionYears] = await Promise.all([
    repos.catalogue.listPublished({
      agencyId: agency.id,
      year: input.year,
      category: input.category,
      validity: input.validity,
      limit: PORTAL_PAGE_SIZE,
      offset: (input.page - 1) * PORTAL_PAGE_SIZE,
    }),
    repos.catalogue.publishedFacets(agency.id),
    repos.decisions.yearsWithDecisions(agency.id),
  ]);
  return { agency, ...list, facets, decisionYears };
}

export interface PublicEntry {
  agency: Agency;
  entry: CatalogueEntry;
  attachments: EntryAttachmentInfo[];
  links: LinkedEntry[];
}

export async function getPublicEntry(
  deps: AppDeps,
  input: { agencyCode: string; indexNumber: string },
): Promise<PublicEntry | undefined> {
  const agency = await findAgency(deps, input.agencyCode);
  if (!agency) return undefined;
  const repos = createRepositories(deps.db);
  const entry = await repos.catalogue.findPublishedByIndexNumber(agency.id, input.indexNumber);
  if (!entry) return undefined;
  if (entry.status === 'withdrawn') return { agency, entry, attachments: [], links: [] };
  const [attachments, links] = await Promise.all([
    repos.catalogue.listAttachments(entry.id),
    repos.catalogue.listLinks(entry.id),
  ]);
  return { agency, entry, attachments, links: links.filter((l) => l.status === 'published') };
}

export async function getPublicAttachment(
  deps: AppDeps,
  input: { agencyCode: string; indexNumber: string; attachmentId: string },
) {
  const found = await getPublicEntry(deps, input);
  if (found?.entry.status !== 'published') return undefined;
  return createRepositories(deps.db).catalogue.findAttachment(found.entry.id, input.attachmentId);
}

export async function listPublicDecisions(
  deps: AppDeps,
  input: { agencyCode: string; kind?: DecisionKind; year?: number; text?: string; page: number },
) {
  const agency = await findAgency(deps, input.agencyCode);
  if (!agency) return undefined;
  const repos = createRepositories(deps.db);
  const [list, years] = await Promise.all([
    repos.decisions.list({
      agencyId: agency.id,
      kind: input.kind,
      decidedFrom: input.year ? `${input.year}-01-01` : undefined,
      decidedTo: input.year ? `${input.year}-12-31` : undefined,
      text: input.text && input.text.length >= 2 ? input.text : undefined,
      limit: PORTAL_PAGE_SIZE,
      offset: (input.page - 1) * PORTAL_PAGE_SIZE,
      // Exact counts by kind and year are an index scan; a text match over a big table is capped.
      countLimit: input.text ? PORTAL_PAGE_SIZE * MAX_PORTAL_PAGE : 10_000_000,
    }),
    repos.decisions.yearsWithDecisions(agency.id),
  ]);
  return { agency, ...list, years };
}

export async function getPublicDecision(
  deps: AppDeps,
  input: { agencyCode: string; decisionId: string },
): Promise<DecisionListItem | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(input.decisionId)) return undefined;
  const decision = await createRepositories(deps.db).decisions.findById(input.decisionId);
  if (!decision || decision.agencyCode !== input.agencyCode.toUpperCase()) return undefined;
  return decision;
}

export interface PublicSearch {
  result: CatalogueSearchResult;
  /** Decisions whose 文号 or counterparty contains the query (the first few, and their count). */
  decisions: { items: DecisionListItem[]; total: number; totalIsCapped: boolean } | null;
  agencies: Agency[];
}

export interface PublicSearchInput {
  text: string;
  agencyCode?: string;
  category?: string;
  year?: number;
  validity?: Validity;
  documentType?: DocumentType;
  page: number;
}

/** What identifies a portal search, for the short-lived cache of its page (search-cache.ts). */
export function publicSearchKey(input: PublicSearchInput): string {
  return JSON.stringify([
    input.text.trim(),
    input.agencyCode?.toUpperCase() ?? '',
    input.category ?? '',
    input.year ?? '',
    input.validity ?? '',
    input.documentType ?? '',
    input.page,
  ]);
}

/** The portal search: catalogue entries, and decisions when the query is in 文号 form. */
export async function searchPublicCatalogue(deps: AppDeps, input: PublicSearchInput): Promise<PublicSearch> {
  const agencies = await listPublicAgencies(deps);
  const agency = input.agencyCode
    ? agencies.find((a) => a.code === input.agencyCode!.toUpperCase())
    : undefined;
  const text = input.text.trim();
  const numberFragment = normaliseDocumentNumber(text);
  const search = createCatalogueSearch(deps.db);
  const [result, decisions] = await Promise.all([
    search.search({
      text,
      agencyCode: agency?.code,
      category: input.category,
      year: input.year,
      validity: input.validity,
      documentType: input.documentType,
      page: input.page,
      pageSize: PORTAL_PAGE_SIZE,
    }),
    // Decisions are looked up beside the catalogue when the query looks like a 文号; a name or a word
    // is searched among decisions on request (searchPublicDecisions), not on every query.
    numberFragment.length >= 3 && looksLikeDocumentNumber(text) && input.page === 1
      ? decisionsByNumber(deps, {
          fragment: numberFragment,
          agencyId: agency?.id,
          year: input.year,
        })
      : Promise.resolve(null),
  ]);
  return { result, decisions, agencies };
}

/**
 * The first decisions whose 文号 holds the fragment, from the in-memory index of 文号 (or, while it
 * is first built, from PostgreSQL's trigram index, also matching the counterparty).
 */
async function decisionsByNumber(
  deps: AppDeps,
  query: { fragment: string; agencyId: string | undefined; year: number | undefined },
): Promise<{ items: DecisionListItem[]; total: number; totalIsCapped: boolean }> {
  const indexed = await searchDecisionNumbers(deps.db, { ...query, limit: DECISIONS_BESIDE_SEARCH });
  if (indexed) return { items: indexed.rows, total: indexed.total, totalIsCapped: false };
  return createRepositories(deps.db).decisions.list({
    agencyId: query.agencyId,
    text: query.fragment,
    decidedFrom: query.year ? `${query.year}-01-01` : undefined,
    decidedTo: query.year ? `${query.year}-12-31` : undefined,
    limit: DECISIONS_BESIDE_SEARCH,
    offset: 0,
    countLimit: 1000,
  });
}

const DECISIONS_BESIDE_SEARCH = 5;

/** Published entries and decisions per agency, for the home page. */
export async function catalogueCountsByAgency(deps: AppDeps): Promise<Map<string, number>> {
  return createRepositories(deps.db).catalogue.countPublishedByAgency();
}

/** Decisions of every agency (or one) whose 文号 or counterparty contains the query. */
export async function searchPublicDecisions(
  deps: AppDeps,
  input: { text: string; agencyCode?: string; year?: number; page: number },
) {
  const repos = createRepositories(deps.db);
  const agencies = await listPublicAgencies(deps);
  const agency = input.agencyCode
    ? agencies.find((a) => a.code === input.agencyCode!.toUpperCase())
    : undefined;
  const text = input.text.replace(/\s+/g, '');
  if (text.length < 2) return { items: [], total: 0, totalIsCapped: false, agencies };
  const list = await repos.decisions.list({
    agencyId: agency?.id,
    text,
    decidedFrom: input.year ? `${input.year}-01-01` : undefined,
    decidedTo: input.year ? `${input.year}-12-31` : undefined,
    limit: PORTAL_PAGE_SIZE,
    offset: (input.page - 1) * PORTAL_PAGE_SIZE,
    countLimit: PORTAL_PAGE_SIZE * MAX_PORTAL_PAGE,
  });
  return { ...list, agencies };
}
