import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importHolidayNotice } from '../../app/calendar/import-holiday-notice.ts';
import { listCalendar } from '../../app/calendar/list-calendar.ts';
import { loadWorkdayCalendar } from '../../app/calendar/load-workday-calendar.ts';
import { requirePermission } from '../../app/shared/authorize.ts';
import type { AppDeps } from '../../app/shared/deps.ts';
import {
  CalendarComputeQuerySchema,
  CalendarCountQuerySchema,
  CalendarImportSchema,
} from '../../contract/calendar.ts';
import { addWorkdays, classifyDay, countWorkdays, DAY_TYPE_LABELS } from '../../core/calendar/index.ts';
import { actorOf, requireActor } from '../plugins/request-context.ts';

export function calendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireActor);

    app.get(
      '/calendar',
      {
        schema: {
          tags: ['calendar'],
          summary: '工作日历：已导入年度及其节假日、调休上班日',
          querystring: z.object({ year: z.coerce.number().int().min(1999).max(2100).optional() }),
        },
      },
      async (request) => listCalendar(deps, { actor: actorOf(request), year: request.query.year }),
    );

    app.post(
      '/calendar/import',
      {
        schema: {
          tags: ['calendar'],
          summary: '导入某年度节假日安排（JSON / CSV / iCalendar）',
          body: CalendarImportSchema,
        },
      },
      async (request) => importHolidayNotice(deps, { actor: actorOf(request), ...request.body }),
    );

    app.get(
      '/calendar/add-workdays',
      {
        schema: {
          tags: ['calendar'],
          summary: '自某日起算 N 个工作日的到期日',
          querystring: CalendarComputeQuerySchema,
        },
      },
      async (request) => {
        requirePermission(actorOf(request), 'calendar.read');
        const calendar = await loadWorkdayCalendar(deps.db);
        const dueOn = addWorkdays(calendar, request.query.from, request.query.workdays);
        return {
          from: request.query.from,
          workdays: request.query.workdays,
          dueOn,
          dueOnType: DAY_TYPE_LABELS[classifyDay(calendar, dueOn).type],
        };
      },
    );

    app.get(
      '/calendar/count-workdays',
      {
        schema: {
          tags: ['calendar'],
          summary: '两日之间的工作日数（不含起始日）',
          querystring: CalendarCountQuerySchema,
        },
      },
      async (request) => {
        requirePermission(actorOf(request), 'calendar.read');
        const calendar = await loadWorkdayCalendar(deps.db);
        return { ...request.query, workdays: countWorkdays(calendar, request.query.from, request.query.to) };
      },
    );
  };
}

/** The official calendar is public information; the CLI reads it here while a server holds PGlite. */
export function publicCalendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/calendar',
      { schema: { tags: ['calendar'], summary: '工作日历数据（公开）' } },
      async () => {
        const calendar = await loadWorkdayCalendar(deps.db);
        return {
          years: [...calendar.coveredYears].sort(),
          days: [
            ...[...calendar.holidays].map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
            ...[...calendar.makeupWorkdays].map(([date, name]) => ({
              date,
              kind: 'makeup_workday' as const,
              name,
            })),
          ].sort((a, b) => a.date.localeCompare(b.date)),
        };
      },
    );
  };
}
