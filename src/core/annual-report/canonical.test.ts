/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { diffTables, equalTables, toCanonicalJson, toCanonicalObject } from './canonical.ts';
import { listCells, readCell } from './cell-access.ts';
import { emptyReportTables, type ReportTables, SECTION3_ROWS } from './cells.ts';

const EXPECTED = import.meta.glob('../../../test/shared/fixtures/**/*.expected.json', {
  eager: true,
  import: 'default',
}) as Record<string, ReportTables & { findings?: unknown }>;

const fixture = (name: string) => {
  const entry = Object.entries(EXPECTED).find(([p]) => p.endsWith(`/${name}.expected.json`));
  if (!entry) throw new Error(name);
  return structuredClone(entry[1]);
};

describe('toCanonicalJson', () => {
  it('orders keys as annual-report-format.md, with the 25 rows of table 三 in printed order', () => {
    const t = fixture('hongze-district-2023.cell-per-line');
    // Shuffle the input's key order: the output must not depend on it.
    const shuffled = Object.fromEntries(Object.entries(t).reverse()) as unknown as ReportTables;
    shuffled.section3 = Object.fromEntries(Object.entries(t.section3).reverse()) as ReportTables['section3'];
    const parsed = JSON.parse(toCanonicalJson(shuffled));
    expect(Object.keys(parsed)).toEqual([
      'year',
      'agency',
      'formatVersion',
      'section2',
      'section3',
      'section4',
      'section3_merged',
    ]);
    expect(Object.keys(parsed.section3)).toEqual([...SECTION3_ROWS]);
    expect(Object.keys(parsed.section2)).toEqual([
      'rule',
      'normative_document',
      'licensing',
      'penalty',
      'coercion',
      'administrative_fee',
    ]);
    expect(Object.keys(parsed.section4.reconsideration)).toEqual([
      'upheld',
      'corrected',
      'other',
      'pending',
      'total',
    ]);
    expect(Object.keys(parsed.section3.new)).toEqual([
      'natural_person',
      'commercial_enterprise',
      'research_institution',
      'public_interest_org',
      'legal_service_org',
      'other_org',
      'total',
    ]);
  });

  it('drops keys outside the shape and puts section2_2019 last', () => {
    const t = fixture('example-city-2020.format2019');
    const parsed = JSON.parse(toCanonicalJson(t));
    expect(parsed.findings).toBeUndefined();
    expect(parsed.notes).toBeUndefined();
    expect(Object.keys(parsed).slice(-2)).toEqual(['section3_merged', 'section2_2019']);
  });

  it('lays out one line per row, like the fixtures, and round-trips every fixture', () => {
    const text = toCanonicalJson(fixture('example-district-2024.reconciliation-errors'));
    expect(text.split('\n')).toContain(
      '    "new": { "natural_person": 59, "commercial_enterprise": 0, "research_institution": 0, "public_interest_org": 0, "legal_service_org": 0, "other_org": 0, "total": 95 },',
    );
    expect(text.split('\n')).toContain('    "administrative_fee": { "amount_wan_yuan": 7545 }');
    for (const [path, t] of Object.entries(EXPECTED)) {
      const back = JSON.parse(toCanonicalJson(t)) as ReportTables;
      expect(diffTables(t, back), path).toEqual([]);
      expect(back).toEqual(toCanonicalObject(t));
    }
  });

  it('writes nulls as null', () => {
    const text = toCanonicalJson(emptyReportTables('某镇人民政府', 2024, null));
    expect(text).toContain('"licensing": { "decisions": null }');
  });
});

describe('diffTables / equalTables', () => {
  it('finds no difference between the seed and its Traditional-character rendering', () => {
    const seed = fixture('zhangjiagang-approval-bureau-2021');
    const traditional = fixture('zhangjiagang-approval-bureau-2021.traditional');
    expect(equalTables(seed, traditional)).toBe(true);
  });

  it('names each differing cell with both values', () => {
    const a = fixture('kiro__hongze-district-2024');
    const b = fixture('example-district-2024.reconciliation-errors');
    // b prints the three （六） sub-rows (0) where a has one merged row; and two injected errors.
    const diff = diffTables(a, b);
    expect(diff).toContainEqual({ cell: 'section3.new.natural_person', a: 95, b: 59 });
    expect(diff).toContainEqual({ cell: 'section4.litigation_after_reconsideration.total', a: 3, b: 2 });
    expect(diff).toContainEqual({ cell: 'section3.other.other.total', a: null, b: 0 });
    expect(diff).toContainEqual({ cell: 'section3_merged.other.total', a: 0, b: null });
    expect(diff).toHaveLength(2 + 21 + 7);
    expect(equalTables(a, b)).toBe(false);
  });

  it('treats null as a value of its own, and fees to a millionth', () => {
    const a = emptyReportTables('甲', 2024, 0);
    const b = structuredClone(a);
    b.section3.disclosed.total = null;
    expect(diffTables(a, b)).toEqual([{ cell: 'section3.disclosed.total', a: 0, b: null }]);
    const c = structuredClone(a);
    c.section2.administrative_fee.amount_wan_yuan = 0.1 + 0.2;
    a.section2.administrative_fee.amount_wan_yuan = 0.3;
    expect(equalTables(a, c)).toBe(true);
  });
});

describe('cell ids', () => {
  it('lists 15 + 175 + 15 cells in a 2021 report and reads each back by id', () => {
    const t = fixture('govnianbao__huaian-city-2024');
    const cells = listCells(t);
    expect(cells).toHaveLength(10 + 25 * 7 + 15);
    for (const { cell, value } of cells) expect(readCell(t, cell)).toBe(value);
    expect(readCell(t, 'section3.withheld.state_secret.natural_person')).toBe(
      t.section3['withheld.state_secret'].natural_person,
    );
    expect(readCell(t, 'section3.nope.total')).toBeUndefined();
    expect(readCell(t, 'section3_merged.other.total')).toBeUndefined();
  });
});
