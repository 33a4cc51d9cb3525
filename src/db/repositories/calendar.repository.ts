import type { CalendarDay, CalendarDayKind } from '../../core/calendar/index.ts';
import type { Executor } from './executor.ts';

export function calendarRepository(db: Executor) {
  return {
    async listYears() {
      return db.selectFrom('calendarYear').selectAll().orderBy('year').execute();
    },

    async listDays(year?: number): Promise<CalendarDay[]> {
      let query = db.selectFrom('calendarDay').select(['date', 'kind', 'name']).orderBy('date');
      if (year !== undefined) query = query.where('year', '=', year);
      const rows = await query.execute();
      return rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind, name: r.name }));
    },

    /** Replaces one year's arrangement as a whole (call inside a transaction). */
    async replaceYear(
      year: number,
      days: CalendarDay[],
      source: string,
      loadedBy: string | null,
    ): Promise<void> {
      await db.deleteFrom('calendarDay').where('year', '=', year).execute();
      await db
        .insertInto('calendarYear')
        .values({ year, source, loadedBy })
        .onConflict((oc) => oc.column('year').doUpdateSet({ source, loadedBy, loadedAt: new Date() }))
        .execute();
      if (days.length > 0) {
        await db
          .insertInto('calendarDay')
          .values(days.map((d) => ({ date: d.date, year, kind: d.kind, name: d.name })))
          .execute();
      }
    },
  };
}

export type CalendarRepository = ReturnType<typeof calendarRepository>;
