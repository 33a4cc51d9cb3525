// Test support only: builds a ReportModel from the project's seed report (figures from the expected
// JSON, prose from the published text). The product never reads these fixtures.
import { readFileSync } from 'node:fs';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import type { ReportTables } from '../../core/annual-report/index.ts';
import { type ReportModel, reportTitle, SECTION_TITLES } from '../../core/annual-report/index.ts';

const SEED_DIR = `${SHARED_DIR}/fixtures/seed`;

export function loadSeedTables(): ReportTables {
  const raw = JSON.parse(
    readFileSync(`${SEED_DIR}/zhangjiagang-approval-bureau-2021.expected.json`, 'utf8'),
  ) as ReportTables & { source?: unknown; findings?: unknown; notes?: unknown };
  const { source: _source, findings: _findings, notes: _notes, ...tables } = raw;
  return tables;
}

export function loadSeedModel(): ReportModel {
  const tables = loadSeedTables();
  const text = readFileSync(`${SEED_DIR}/zhangjiagang-approval-bureau-2021.txt`, 'utf8');
  const lines = text.split('\n');
  const headingIndex = SECTION_TITLES.map((title) => lines.findIndex((line) => line.trim() === title));
  const titleIndex = lines.findIndex((line) => line.includes('年度报告'));
  const between = (from: number, to: number) =>
    lines
      .slice(from + 1, to < 0 ? undefined : to)
      .join('\n')
      .trim();
  return {
    agencyName: tables.agency,
    year: tables.year,
    formatVersion: tables.formatVersion,
    title: reportTitle(tables.agency, tables.year),
    tables,
    prose: {
      preamble: between(titleIndex, headingIndex[0]!),
      overview: between(headingIndex[0]!, headingIndex[1]!),
      problems: between(headingIndex[4]!, headingIndex[5]!),
      otherMatters: between(headingIndex[5]!, -1),
    },
    publishedOn: '2022-01-28',
  };
}

/** The seed's tables with different, non-zero figures in every cell, for renderers' position checks. */
export function loadDistinctFigures(): ReportTables {
  const tables = loadSeedTables();
  let next = 1;
  for (const row of Object.values(tables.section3)) {
    for (const column of Object.keys(row) as (keyof typeof row)[]) row[column] = next++;
  }
  for (const block of Object.values(tables.section4)) {
    for (const column of Object.keys(block) as (keyof typeof block)[]) block[column] = next++;
  }
  for (const row of Object.values(tables.section2)) {
    const cells = row as Record<string, number | null>;
    for (const column of Object.keys(cells)) cells[column] = next++;
  }
  tables.section2.administrative_fee.amount_wan_yuan = 12.34567;
  return tables;
}
