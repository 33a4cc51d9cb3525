import {
  type CatalogueEntry,
  categoriesForLevel,
  computePublicationClock,
  ENTRY_ACTIONS,
  ENTRY_TRANSITIONS,
  type EntryAction,
  type PublicationClock,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import { type Actor, hasPermission } from '../../core/staff/index.ts';
import type { EntryAttachmentInfo, LinkedEntry } from '../../db/repositories/catalogue.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { loadWorkdayCalendar } from '../calendar/load-workday-calendar.ts';
import type { AppDeps } from '../shared/deps.ts';
import { ACTION_PERMISSIONS, isReviewBlocked } from './change-entry-status.ts';
import { loadEntryForActor } from './entry-access.ts';

export interface EntryDetail {
  entry: CatalogueEntry;
  clock: PublicationClock;
  attachments: EntryAttachmentInfo[];
  links: LinkedEntry[];
  /** What this actor may do next. */
  actions: EntryAction[];
  agencyCode: string;
  categories: { code: string; label: string; article: string }[];
}

export async function getEntry(
  deps: AppDeps,
  input: { actor: Actor; entryId: string },
): Promise<EntryDetail> {
  const repos = createRepositories(deps.db);
  const entry = await loadEntryForActor(repos, input.actor, input.entryId, 'catalogue.read');
  const [attachments, links, calendar, agency] = await Promise.all([
    repos.catalogue.listAttachments(entry.id),
    repos.catalogue.listLinks(entry.id),
    loadWorkdayCalendar(deps.db),
    repos.agencies.findById(entry.agencyId),
  ]);
  if (!agency) throw new DomainError('not_found');
  const today = localDateInChina(deps.clock.now());
  const transitions = ENTRY_TRANSITIONS[entry.status] as Partial<Record<EntryAction, string>>;
  const actions = ENTRY_ACTIONS.filter(
    (action) =>
      transitions[action] !== undefined &&
      hasPermission(input.actor.roles, ACTION_PERMISSIONS[action]) &&
      !isReviewBlocked(entry, input.actor, action),
  );
  return {
    entry,
    clock: computePublicationClock(
      { startsOn: entry.formedOn, publishedOn: entry.publishedOn },
      calendar,
      today,
    ),
    attachments,
    links,
    actions,
    agencyCode: agency.code,
    categories: categoriesForLevel(agency.level),
  };
}
