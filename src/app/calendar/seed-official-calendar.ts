import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AppDeps } from '../shared/deps.ts';
import { importHolidayNotice } from './import-holiday-notice.ts';

const require = createRequire(import.meta.url);

/** The years the maintained package `chinese-days` provides and a new database starts with. */
export const SEEDED_CALENDAR_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;

/**
 * Fills an empty calendar from `chinese-days` (its per-year JSON data files). The package only seeds
 * the table: from then on the rows are the truth, and a new year's notice is loaded by an admin.
 */
export async function seedOfficialCalendar(deps: AppDeps): Promise<number[]> {
  const loaded: number[] = [];
  for (const year of SEEDED_CALENDAR_YEARS) {
    const path = require.resolve(`chinese-days/dist/years/${year}.json`);
    await importHolidayNotice(deps, {
      actor: null,
      fileName: `chinese-days-${year}.json`,
      content: readFileSync(path, 'utf8'),
      year,
      source: `国务院办公厅关于${year}年部分节假日安排的通知（数据来自 chinese-days 软件包）`,
    });
    loaded.push(year);
  }
  return loaded;
}
