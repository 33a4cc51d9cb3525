/**
 * Every shared fixture (seed, rendered reports, the three published PDFs and their pdftotext output)
 * and every fixture of our own (test/fixtures/reports: DOCX, Chromium PDF with blank cells, dropped
 * tab cells, space-separated rows with page breaks, a GBK page with flattened tables): every cell equal
 * to the expected JSON, nulls included, and the expected R1–R4 findings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test/helpers/shared-fixtures.ts';
import { type Finding, RULES_BY_ID, runRules } from '../core/annual-report/index.ts';
import { type ParsedReport, parseReport } from './index.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const OWN = join(import.meta.dirname, '../../test/fixtures/reports');
const DIRS = [
  ...['fixtures/seed', 'fixtures/reports', 'fixtures/github-reports'].map((d) => join(SHARED, d)),
  OWN,
];

interface Expected {
  agency: string;
  year: number;
  formatVersion: string;
  section2: Record<string, Record<string, number | null>>;
  section3: Record<string, Record<string, number | null>>;
  section4: Record<string, Record<string, number | null>>;
  section3_merged?: Record<string, Record<string, number | null>>;
  section2_2019?: Record<string, Record<string, number | null>>;
  findings: Finding[];
  publishedOn?: string;
}

const cases = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => !f.endsWith('.json') && f !== 'README.md' && !f.endsWith('.ts'))
    .map((file) => {
      const base = file.replace(/\.pdftotext-layout\.txt$|\.(txt|html|html-gbk|md|pdf|docx)$/, '');
      return { dir, file, expectedPath: join(dir, `${base}.expected.json`) };
    }),
);

const R1_R4 = (['R1', 'R2', 'R3', 'R4'] as const).map((id) => RULES_BY_ID[id]);
const findingKey = (f: Pick<Finding, 'rule' | 'cells'>) => `${f.rule}:${[...f.cells].sort().join(',')}`;

/** Every leaf of the expected tables, as [cell id, expected value]. */
function expectedCells(e: Expected): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const table of ['section2', 'section3', 'section4', 'section3_merged', 'section2_2019'] as const) {
    for (const [row, cols] of Object.entries(e[table] ?? {})) {
      for (const [col, value] of Object.entries(cols)) out.push([`${table}.${row}.${col}`, value]);
    }
  }
  return out;
}

function cellOf(r: ParsedReport, id: string): number | null | undefined {
  const [table, ...rest] = id.split('.');
  const col = rest.pop()!;
  const row = rest.join('.');
  const t = (
    r.tables as unknown as Record<string, Record<string, Record<string, number | null>> | undefined>
  )[table!];
  return t?.[row]?.[col];
}

describe('parseReport on the shared fixtures', () => {
  it('finds every fixture', () => {
    expect(cases.length).toBeGreaterThanOrEqual(19);
  });

  for (const { dir, file, expectedPath } of cases) {
    describe(file, async () => {
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
      const parsed = await parseReport({
        fileName: file,
        bytes: new Uint8Array(readFileSync(join(dir, file))),
      });

      it('reads every cell as expected (nulls included)', () => {
        const wrong = expectedCells(expected)
          .filter(([id, value]) => cellOf(parsed, id) !== value)
          .map(([id, value]) => `${id}: expected ${value}, got ${cellOf(parsed, id)}`);
        expect(wrong).toEqual([]);
      });

      it('adds no merged row or 2019 table the fixture does not have', () => {
        expect(parsed.tables.section3_merged !== undefined).toBe(expected.section3_merged !== undefined);
        expect(parsed.tables.section2_2019 !== undefined).toBe(expected.section2_2019 !== undefined);
      });

      it('gives a reason for every null cell and a place for every figure', () => {
        const unread = new Set(parsed.unread.map((u) => u.cell));
        for (const [id] of expectedCells(expected)) {
          const value = cellOf(parsed, id);
          if (value === null) expect(unread.has(id), id).toBe(true);
          else expect(parsed.provenance[id]?.text, id).toBeTruthy();
        }
      });

      it('reads year, format version and agency from the report', () => {
        expect(parsed.year).toBe(expected.year);
        expect(parsed.formatVersion).toBe(expected.formatVersion);
        // The cell-per-line rendering titles the agency without its city (洪泽区人民政府) and never names
        // the city: the parser keeps the printed name rather than invent the prefix.
        expect(expected.agency.endsWith(parsed.agency ?? '∅')).toBe(true);
        if (expected.publishedOn) expect(parsed.publishedOn).toBe(expected.publishedOn);
      });

      it('finds all six sections in order', () => {
        expect(parsed.sections.map((s) => s.key)).toEqual([
          'overview',
          'proactive',
          'applications',
          'review',
          'problems',
          'other_matters',
        ]);
      });

      it('yields the expected R1–R4 findings', () => {
        const got = runRules({ tables: parsed.tables }, R1_R4).map(findingKey).sort();
        expect(got).toEqual(expected.findings.map(findingKey).sort());
      });
    });
  }

  it('flags the published 洪泽区 2023 PDF with R4 in two blocks', async () => {
    const dir = join(SHARED, 'fixtures/github-reports');
    const file = 'kiro__hongze-district-2023.pdf';
    const parsed = await parseReport({
      fileName: file,
      bytes: new Uint8Array(readFileSync(join(dir, file))),
    });
    const r4 = runRules({ tables: parsed.tables }, [RULES_BY_ID.R4]);
    expect(r4.map((f) => f.cells[0])).toEqual([
      'section4.reconsideration.upheld',
      'section4.litigation_after_reconsideration.upheld',
    ]);
    expect(parsed.provenance['section4.reconsideration.total']).toMatchObject({
      source: 'pdf',
      page: 4,
      text: '0',
    });
  });
});
