/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { listCells, readCell } from './cell-access.ts';
import { emptyReportTables, type ReportTables } from './cells.ts';
import { compileReports, findCompileGaps } from './compile.ts';
import { runRules } from './rules.ts';

const EXPECTED = import.meta.glob('../../../test/shared/fixtures/**/*.expected.json', {
  eager: true,
  import: 'default',
}) as Record<string, ReportTables>;

const fixture = (name: string, year?: number): ReportTables => {
  const entry = Object.entries(EXPECTED).find(([p]) => p.endsWith(`/${name}.expected.json`));
  if (!entry) throw new Error(name);
  const t = structuredClone(entry[1]);
  return year === undefined ? t : { ...t, year };
};

const options = { agency: '汇总', year: 2024 };

describe('compileReports', () => {
  it('sums two reports cell by cell', () => {
    const a = fixture('govnianbao__huaian-city-2024');
    const b = fixture('example-district-2024.reconciliation-errors');
    const compiled = compileReports([a, b], options);
    expect(compiled.agency).toBe('汇总');
    expect(compiled.year).toBe(2024);
    expect(compiled.formatVersion).toBe('2021');
    expect(compiled.section3_merged).toBeUndefined();
    for (const { cell, value } of listCells(compiled)) {
      const expected = (readCell(a, cell) as number) + (readCell(b, cell) as number);
      if (cell.endsWith('amount_wan_yuan')) expect(value).toBeCloseTo(expected, 6);
      else expect(value, cell).toBe(expected);
    }
    expect(compiled.section3.new.total).toBe(3119 + 95);
    expect(compiled.section2.administrative_fee.amount_wan_yuan).toBe(103716.6);
    expect(findCompileGaps([a, b], options)).toEqual([]);
  });

  it('keeps the reconciliations of consistent inputs', () => {
    const compiled = compileReports(
      [
        fixture('govnianbao__huaian-city-2024'),
        fixture('huaian-city-2024.pipes'),
        fixture('kiro__hongze-district-2024'),
      ],
      options,
    );
    expect(runRules({ tables: compiled }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('leaves a cell null when an input cell is null, and says which input', () => {
    const complete = fixture('govnianbao__huaian-city-2024');
    const withGap = fixture('huaian-city-2024.blank-lines'); // row （五）3 is null
    const compiled = compileReports([complete, withGap], options);
    expect(compiled.section3['not_processed.publication'].natural_person).toBeNull();
    expect(compiled.section3['not_processed.duplicate'].natural_person).toBe(50);
    const gaps = findCompileGaps([complete, withGap], options);
    expect(gaps).toEqual([
      {
        index: 1,
        agency: withGap.agency,
        cells: [
          'natural_person',
          'commercial_enterprise',
          'research_institution',
          'public_interest_org',
          'legal_service_org',
          'other_org',
          'total',
        ].map((c) => `section3.not_processed.publication.${c}`),
      },
    ]);
  });

  it('folds the （六） sub-rows into the merged row when an input prints only the merged row', () => {
    const subRows = fixture('govnianbao__huaian-city-2024');
    const merged = fixture('kiro__hongze-district-2024');
    const compiled = compileReports([subRows, merged], options);
    expect(compiled.section3['other.other'].total).toBeNull();
    expect(compiled.section3['other.fee_lapsed'].natural_person).toBeNull();
    const huaianOther =
      (subRows.section3['other.correction_lapsed'].total as number) +
      (subRows.section3['other.fee_lapsed'].total as number) +
      (subRows.section3['other.other'].total as number);
    expect(compiled.section3_merged?.other?.total).toBe(huaianOther + 0);
    // Absent sub-rows are not gaps: nothing unknown went into the compiled figures.
    expect(findCompileGaps([subRows, merged], options)).toEqual([]);
    expect(runRules({ tables: compiled }).filter((f) => f.rule === 'R3')).toEqual([]);
  });

  it('compiles 2019-format reports as a 2019-format report with section2_2019', () => {
    const a = fixture('example-city-2020.format2019');
    const compiled = compileReports([a, a], { agency: '示例省', year: 2020 });
    expect(compiled.formatVersion).toBe('2019');
    expect(compiled.section2_2019?.other_management_service.items_change).toBe(-4);
    expect(compiled.section2.rule.in_force).toBeNull();
    expect(compiled.section3_merged?.other?.total).toBe(374);
  });

  it('returns zeros for no input and refuses a report of another year', () => {
    expect(compileReports([], options)).toEqual(emptyReportTables('汇总', 2024, 0));
    expect(() => compileReports([fixture('kiro__hongze-district-2023')], options)).toThrow(/年度不一致/);
  });
});
