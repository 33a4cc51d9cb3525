import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { ImportJob } from '../../db/repositories/catalogue-import.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/** An import job's progress and report (the console polls it while the import runs). */
export async function getImportJob(
  deps: AppDeps,
  input: { actor: Actor; jobId: string },
): Promise<ImportJob> {
  requirePermission(input.actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  const job = await repos.catalogueImports.findById(input.jobId);
  if (!job) throw new DomainError('not_found', '导入任务不存在');
  await requireAgencyInScope(repos, input.actor, job.agencyId);
  return job;
}

export async function listImportJobs(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string },
): Promise<ImportJob[]> {
  requirePermission(input.actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  return repos.catalogueImports.listForAgency(input.agencyId, 20);
}
