/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { emptyReportTables } from '../core/annual-report/cells.ts';
import { runRules } from '../core/annual-report/rules.ts';
import { FindingSchema, ReportProseSchema, ReportTablesSchema } from './annual-report.ts';

/** Every expected JSON of the shared fixtures: seed, rendered reports and the published PDFs. */
const FIXTURES = import.meta.glob('../../test/shared/fixtures/**/*.expected.json', {
  eager: true,
  import: 'default',
}) as Record<string, unknown>;

const cases = Object.entries(FIXTURES).map(
  ([path, json]) => [path.replace(/^.*fixtures\//, ''), json] as const,
);

const findingKey = (f: { rule: string; cells: readonly string[] }) =>
  `${f.rule}:${[...f.cells].sort().join(',')}`;

describe('fixtures', () => {
  it('covers the seed, the rendered reports and the published PDFs', () => {
    const dirs = new Set(cases.map(([p]) => p.split('/')[0]));
    expect([...dirs].sort()).toEqual(['github-reports', 'reports', 'seed']);
    expect(cases.length).toBeGreaterThanOrEqual(11);
  });

  it.each(cases)('%s: valid canonical JSON whose R1–R4 findings match the file', (_path, json) => {
    const tables = ReportTablesSchema.parse(json);
    expect(tables).not.toHaveProperty('findings');
    expect(tables).not.toHaveProperty('notes');

    const expected = FindingSchema.array().parse((json as { findings: unknown }).findings);
    const actual = runRules({ tables }).filter((f) => ['R1', 'R2', 'R3', 'R4'].includes(f.rule));
    for (const f of actual) FindingSchema.parse(f);
    expect(actual.map(findingKey).sort()).toEqual(expected.map(findingKey).sort());
    expect(actual.map((f) => f.severity)).toEqual(expected.map(() => 'error'));
  });

  it('keeps section3_merged and section2_2019 where the fixture has them', () => {
    const [, json] = cases.find(([p]) => p.includes('format2019')) ?? [];
    const tables = ReportTablesSchema.parse(json);
    expect(tables.formatVersion).toBe('2019');
    expect(tables.section3_merged?.other?.total).toBe(187);
    expect(tables.section2_2019?.other_management_service.items_change).toBe(-2);
    expect(tables.section2_2019?.centralised_procurement.amount_wan_yuan).toBe(1856.4);
    expect(tables.section2.rule.in_force).toBeNull();
  });
});

describe('ReportTablesSchema', () => {
  const valid = () =>
    structuredClone(emptyReportTables('示例县人民政府', 2024, 0)) as unknown as Record<string, unknown>;

  it('accepts an empty report and a report of nulls', () => {
    expect(ReportTablesSchema.safeParse(valid()).success).toBe(true);
    expect(ReportTablesSchema.safeParse(emptyReportTables('示例县人民政府', 2024, null)).success).toBe(true);
  });

  it('accepts values that R5 reports (the schema checks shape, the rules check values)', () => {
    const t = emptyReportTables('示例县人民政府', 2024, 0);
    t.section3.new.natural_person = -1;
    t.section2.licensing.decisions = 1.5;
    expect(ReportTablesSchema.safeParse(t).success).toBe(true);
  });

  /** Sets (or with `undefined`, deletes) the value at a dotted path. */
  function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node = target;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }

  it.each([
    ['a missing section-三 row', 'section3.disclosed', undefined],
    ['a text cell', 'section2.licensing.decisions', '43850'],
    ['an unknown format version', 'formatVersion', '2018'],
    ['an empty agency', 'agency', ' '],
    ['a fractional year', 'year', 2024.5],
    ['a missing section 四 column', 'section4.reconsideration.total', undefined],
    ['an infinite cell', 'section2.penalty.decisions', Number.POSITIVE_INFINITY],
  ])('rejects %s', (_name, path, value) => {
    const t = valid();
    expect(ReportTablesSchema.safeParse(t).success).toBe(true);
    setPath(t, path, value);
    expect(ReportTablesSchema.safeParse(t).success).toBe(false);
  });
});

describe('ReportProseSchema and FindingSchema', () => {
  const prose = {
    preamble: '',
    overview: '**主动公开方面**，全年主动公开政府信息5500条。',
    problems: '',
    otherMatters: '',
  };

  it('accepts the rich-text format and refuses raw HTML with a Chinese message', () => {
    expect(ReportProseSchema.safeParse(prose).success).toBe(true);
    const result = ReportProseSchema.safeParse({ ...prose, overview: '<script>alert(1)</script>' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('文字中不能包含HTML标签');
  });

  it('accepts a finding and refuses an unknown rule or severity', () => {
    const finding = {
      rule: 'R4',
      severity: 'error',
      cells: ['section4.reconsideration.total'],
      message: '总计不符',
    };
    expect(FindingSchema.safeParse(finding).success).toBe(true);
    expect(FindingSchema.safeParse({ ...finding, rule: 'R9' }).success).toBe(false);
    expect(FindingSchema.safeParse({ ...finding, severity: 'info' }).success).toBe(false);
  });
});
