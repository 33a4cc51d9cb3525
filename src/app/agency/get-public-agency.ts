import type { Agency } from '../../core/agency/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';

/** The portal's read of agencies: public records only (the 指南 is public by law, 条例第十二条). */
export async function listPublicAgencies(deps: AppDeps): Promise<Agency[]> {
  return createRepositories(deps.db).agencies.listAll();
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
