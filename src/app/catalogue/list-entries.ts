import {
  type CatalogueEntry,
  computePublicationClock,
  type DocumentType,
  type EntryStatus,
  type PublicationClock,
} from '../../core/catalogue/index.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { loadWorkdayCalendar } from '../calendar/load-workday-calendar.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export async function listEntries(
  deps: AppDeps,
  input: {
    actor: Actor;
    agencyId?: string | undefined;
    status?: EntryStatus | undefined;
    year?: number | undefined;
    category?: string | undefined;
    documentType?: DocumentType | undefined;
    text?: string | undefined;
    ids?: string[] | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ entries: (CatalogueEntry & { clock: PublicationClock })[]; total: number }> {
  const { actor } = input;
  requirePermission(actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  if (input.agencyId) await requireAgencyInScope(repos, actor, input.agencyId);
  const [result, calendar] = await Promise.all([
    repos.catalogue.list({
      scope: agencyScopeOf(actor.roles, actor.agencyId),
      agencyId: input.agencyId,
      status: input.status,
      year: input.year,
      category: input.category,
      documentType: input.documentType,
      text: input.text,
      ids: input.ids,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }),
    loadWorkdayCalendar(deps.db),
  ]);
  const today = localDateInChina(deps.clock.now());
  return {
    total: result.total,
    entries: result.entries.map((entry) => ({
      ...entry,
      clock: computePublicationClock(
        { startsOn: entry.formedOn, publishedOn: entry.publishedOn },
        calendar,
        today,
      ),
    })),
  };
}
