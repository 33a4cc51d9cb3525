import type { TimelinessView } from '../../contract/catalogue.ts';
import {
  computePublicationClock,
  DECISION_KINDS,
  type EntryStatus,
  summariseTimeliness,
  type TimelinessSummary,
} from '../../core/catalogue/index.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { loadWorkdayCalendar } from '../calendar/load-workday-calendar.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/**
 * The 条例第二十六条 monitor for one agency and year: entries formed that year which are due, overdue,
 * or were published late, each with its workdays; and the decisions' timeliness in figures.
 */
export async function listTimeliness(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number },
): Promise<TimelinessView> {
  const { actor } = input;
  requirePermission(actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, actor, input.agencyId);
  const [rows, groups, calendar] = await Promise.all([
    repos.catalogue.listForTimeliness(input.agencyId, input.year),
    repos.decisions.timelinessGroups(input.agencyId, `${input.year}-01-01`, `${input.year}-12-31`),
    loadWorkdayCalendar(deps.db),
  ]);
  const today = localDateInChina(deps.clock.now());
  const summary: TimelinessSummary = {
    due: 0,
    overdue: 0,
    publishedOnTime: 0,
    publishedLate: 0,
    calendarMissing: 0,
  };
  const due: TimelinessView['entries']['due'] = [];
  const overdue: TimelinessView['entries']['overdue'] = [];
  const publishedLate: TimelinessView['entries']['publishedLate'] = [];
  for (const row of rows) {
    const clock = computePublicationClock(
      { startsOn: row.formedOn, publishedOn: row.publishedOn },
      calendar,
      today,
    );
    const item = {
      id: row.id,
      title: row.title,
      indexNumber: row.indexNumber,
      documentNumber: row.documentNumber,
      status: row.status as EntryStatus,
      clock,
    };
    if (clock.status === 'due') {
      summary.due++;
      due.push(item);
    } else if (clock.status === 'overdue') {
      summary.overdue++;
      overdue.push(item);
    } else if (clock.status === 'published_late') {
      summary.publishedLate++;
      publishedLate.push(item);
    } else if (clock.status === 'published_on_time') summary.publishedOnTime++;
    else summary.calendarMissing++;
  }
  due.sort((a, b) => (a.clock.dueOn ?? '').localeCompare(b.clock.dueOn ?? ''));
  overdue.sort((a, b) => (b.clock.workdaysLate ?? 0) - (a.clock.workdaysLate ?? 0));
  publishedLate.sort((a, b) => (b.clock.workdaysLate ?? 0) - (a.clock.workdaysLate ?? 0));
  return {
    agencyId: input.agencyId,
    year: input.year,
    today,
    entries: { summary, due, overdue, publishedLate },
    decisions: DECISION_KINDS.map((kind) => ({
      kind,
      summary: summariseTimeliness(
        groups.filter((g) => g.kind === kind),
        calendar,
        today,
      ),
    })).filter((d) => Object.values(d.summary).some((n) => n > 0)),
  };
}
