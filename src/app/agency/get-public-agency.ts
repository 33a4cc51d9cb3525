import type { Agency } from '../../core/agency/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';

/**
 * Every portal page shows the agencies (navigation, filters), and they change a few times a year:
 * the list is kept per database for AGENCY_LIST_TTL_MS, and dropped at once when this process
 * changes an agency (another server's change shows within the TTL).
 */
const AGENCY_LIST_TTL_MS = 10_000;
let agencyGeneration = 0;
const agencyLists = new WeakMap<
  object,
  { readAt: number; generation: number; agencies: Promise<Agency[]> }
>();

/** An agency was created or changed in this process. */
export function markAgenciesChanged(): void {
  agencyGeneration++;
}

/** The portal's read of agencies: public records only (the 指南 is public by law, 条例第十二条). */
export function listPublicAgencies(deps: AppDeps): Promise<Agency[]> {
  const now = Date.now();
  const kept = agencyLists.get(deps.db);
  if (kept && kept.generation === agencyGeneration && now - kept.readAt < AGENCY_LIST_TTL_MS)
    return kept.agencies;
  const agencies = createRepositories(deps.db).agencies.listAll();
  agencyLists.set(deps.db, { readAt: now, generation: agencyGeneration, agencies });
  agencies.catch(() => agencyLists.delete(deps.db));
  return agencies;
}

export async function getPublicAgency(
  deps: AppDeps,
  code: string,
): Promise<{ agency: Agency; ancestors: Agency[] } | undefined> {
  const repos = createRepositories(deps.db);
  const agency = await repos.agencies.findByCode(code.toUpperCase());
  if (!agency) return undefined;
  return { agency, ancestors: await repos.agencies.listAncestors(agency.id) };
}
