import { createWorkdayCalendar, type WorkdayCalendar } from '../../core/calendar/index.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { createRepositories } from '../../db/repositories/index.ts';

/**
 * The calendar as the core needs it, read from the database: the rows are the truth, so a year an
 * admin loaded today is used by the next computation on every app server.
 */
export async function loadWorkdayCalendar(db: Executor): Promise<WorkdayCalendar> {
  const repos = createRepositories(db);
  const [years, days] = await Promise.all([repos.calendar.listYears(), repos.calendar.listDays()]);
  return createWorkdayCalendar(
    years.map((y) => y.year),
    days,
  );
}
