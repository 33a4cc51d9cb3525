import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { importHolidayNotice } from '../../app/calendar/import-holiday-notice.ts';
import { loadWorkdayCalendar } from '../../app/calendar/load-workday-calendar.ts';
import { readConfig } from '../../config.ts';
import {
  addWorkdays,
  type CalendarDay,
  classifyDay,
  countWorkdays,
  createWorkdayCalendar,
  DAY_TYPE_LABELS,
  isWorkday,
  type WorkdayCalendar,
} from '../../core/calendar/index.ts';
import { isLocalDate } from '../../core/shared/local-date.ts';
import { readEmbeddedLock } from '../../db/embedded-lock.ts';
import { failWith, usageError } from '../output.ts';
import { withSystem } from '../system.ts';

function requireDate(value: string): string {
  if (!isLocalDate(value)) usageError(`日期“${value}”无效，应为 YYYY-MM-DD`);
  return value;
}

/**
 * Reads the calendar from the database; when a running server holds the embedded database, from
 * that server (the calendar is public data), so that the command works while the system runs.
 */
async function readCalendar(): Promise<WorkdayCalendar> {
  const config = readConfig();
  const lock = config.databaseUrl ? null : readEmbeddedLock(config.dataDir);
  if (lock?.url) {
    const response = await fetch(new URL('/api/public/calendar', lock.url));
    if (!response.ok) throw new Error(`无法从运行中的服务读取工作日历（HTTP ${response.status}）`);
    const data = (await response.json()) as { years: number[]; days: CalendarDay[] };
    return createWorkdayCalendar(data.years, data.days);
  }
  return withSystem((system) => loadWorkdayCalendar(system.database.db));
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('工作日历：节假日与调休（法定期限按工作日计算）');

  calendar
    .command('add-workdays')
    .description('自某日起算 N 个工作日的最后一日（起算日不计入，民法典第二百零一条）')
    .argument('<date>', '起算事件日期，YYYY-MM-DD（如收到申请之日）')
    .argument('<workdays>', '工作日数')
    .action(async (date: string, workdays: string) => {
      requireDate(date);
      const n = Number(workdays);
      if (!Number.isInteger(n) || n < 0) usageError('工作日数应为不小于 0 的整数');
      try {
        process.stdout.write(`${addWorkdays(await readCalendar(), date, n)}\n`);
      } catch (error) {
        failWith(error);
      }
    });

  calendar
    .command('is-workday')
    .description('某日是否为工作日（输出 true 或 false）')
    .argument('<date>', 'YYYY-MM-DD')
    .action(async (date: string) => {
      requireDate(date);
      try {
        process.stdout.write(`${isWorkday(await readCalendar(), date)}\n`);
      } catch (error) {
        failWith(error);
      }
    });

  calendar
    .command('count-workdays')
    .description('两日之间的工作日数（不含起始日，含结束日）')
    .argument('<from>', 'YYYY-MM-DD')
    .argument('<to>', 'YYYY-MM-DD')
    .action(async (from: string, to: string) => {
      requireDate(from);
      requireDate(to);
      try {
        process.stdout.write(`${countWorkdays(await readCalendar(), from, to)}\n`);
      } catch (error) {
        failWith(error);
      }
    });

  calendar
    .command('show')
    .description('某日的类型（工作日、周末、法定节假日、调休上班日）')
    .argument('<date>', 'YYYY-MM-DD')
    .action(async (date: string) => {
      requireDate(date);
      try {
        const day = classifyDay(await readCalendar(), date);
        process.stdout.write(`${date} ${DAY_TYPE_LABELS[day.type]}${day.name ? `（${day.name}）` : ''}\n`);
      } catch (error) {
        failWith(error);
      }
    });

  calendar
    .command('years')
    .description('已导入节假日安排的年度')
    .action(async () => {
      try {
        const cal = await readCalendar();
        process.stdout.write(`${[...cal.coveredYears].sort().join('\n')}\n`);
      } catch (error) {
        failWith(error);
      }
    });

  calendar
    .command('import')
    .description('导入（或替换）某年度的节假日安排：JSON、CSV（date,kind,name）或 iCalendar (.ics)')
    .argument('<file>', '文件路径')
    .option('--year <year>', '年度（缺省时由文件内容判断）')
    .option('--source <text>', '来源说明，如通知文号')
    .action(async (file: string, options: { year?: string; source?: string }) => {
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        usageError(`无法读取文件 ${file}`);
      }
      try {
        const result = await withSystem((system) =>
          importHolidayNotice(system.deps, {
            actor: null,
            fileName: basename(file),
            content,
            year: options.year ? Number(options.year) : undefined,
            source: options.source,
          }),
        );
        process.stdout.write(
          `已导入 ${result.year} 年节假日安排：放假 ${result.holidays} 天，调休上班 ${result.makeupWorkdays} 天；` +
            `与原数据相比变动 ${result.changedDates.length} 天。\n`,
        );
      } catch (error) {
        failWith(error);
      }
    });
}
