/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { writeCell } from './cell-access.ts';
import { emptyReportTables, type ReportTables } from './cells.ts';
import type { ReportProse } from './model.ts';
import {
  extractProseFigures,
  type Finding,
  hasErrors,
  RULE_IDS,
  RULES,
  type RuleContext,
  type RuleId,
  runRules,
} from './rules.ts';

// ── a small report for which every rule holds ─────────────────────────────────────────────────────

function validReport(): ReportTables {
  const t = emptyReportTables('示例县人民政府', 2024, 0);
  const s3 = t.section3;
  s3.new.natural_person = 5;
  s3.new.commercial_enterprise = 2;
  s3.new.total = 7;
  s3.carried_over.natural_person = 1;
  s3.carried_over.total = 1;
  s3.disclosed.natural_person = 3;
  s3.disclosed.total = 3;
  s3.partially_disclosed.commercial_enterprise = 1;
  s3.partially_disclosed.total = 1;
  s3['unavailable.not_held'].natural_person = 2;
  s3['unavailable.not_held'].total = 2;
  s3['not_processed.duplicate'].commercial_enterprise = 1;
  s3['not_processed.duplicate'].total = 1;
  s3.outcome_total.natural_person = 5;
  s3.outcome_total.commercial_enterprise = 2;
  s3.outcome_total.total = 7;
  s3.carried_forward.natural_person = 1;
  s3.carried_forward.total = 1;
  t.section4.reconsideration = { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 };
  t.section4.litigation_direct = { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 };
  t.section2.normative_document = { issued: 2, repealed: 1, in_force: 10 };
  t.section2.licensing.decisions = 100;
  t.section2.administrative_fee.amount_wan_yuan = 12.5;
  return t;
}

/** The same agency's 2023 report, consistent with validReport (R6, R7 hold). */
function previousReport(): ReportTables {
  const t = emptyReportTables('示例县人民政府', 2023, 0);
  t.section3.new.natural_person = 1;
  t.section3.new.total = 1;
  t.section3.carried_forward.natural_person = 1;
  t.section3.carried_forward.total = 1;
  t.section2.normative_document = { issued: 0, repealed: 0, in_force: 9 };
  t.section2.administrative_fee.amount_wan_yuan = 11;
  return t;
}

function edit(change: (t: ReportTables) => void, base: () => ReportTables = validReport): ReportTables {
  const t = base();
  change(t);
  return t;
}

const SECTION3_COLUMN_CELLS = (row: string) =>
  [
    'natural_person',
    'commercial_enterprise',
    'research_institution',
    'public_interest_org',
    'legal_service_org',
    'other_org',
    'total',
  ].map((c) => `section3.${row}.${c}`);

/** Findings as comparable keys: rule + sorted cell set. */
function keys(findings: readonly Pick<Finding, 'rule' | 'cells'>[]): string[] {
  return findings.map((f) => `${f.rule}:${[...f.cells].sort().join(',')}`).sort();
}

function findingsOf(rule: RuleId, ctx: RuleContext): Finding[] {
  return runRules(ctx).filter((f) => f.rule === rule);
}

describe('the rule set', () => {
  it('declares R1–R8 once each, in order, with a Chinese description', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const rule of RULES) expect(rule.description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('finds nothing in a consistent report, even with last year, level and prose', () => {
    const prose: ReportProse = {
      preamble: '',
      overview: '2024年，本县新收政府信息公开申请7件，上年结转1件，办结7件，结转下年度继续办理1件。',
      problems: '',
      otherMatters: '',
    };
    expect(
      runRules({ tables: validReport(), previous: previousReport(), agencyLevel: 'county', prose }),
    ).toEqual([]);
  });

  it('hasErrors is true only for error findings', () => {
    const warning: Finding = { rule: 'R7', severity: 'warning', cells: [], message: '提示' };
    const error: Finding = { rule: 'R1', severity: 'error', cells: [], message: '错误' };
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, error])).toBe(true);
  });

  it('every finding carries its rule severity and a Chinese message naming the numbers', () => {
    const t = edit((r) => {
      r.section3.new.natural_person = 6;
    });
    const findings = runRules({ tables: t });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.severity).toBe(RULES.find((r) => r.id === f.rule)?.severity);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('R1 本年新收 + 上年结转 = 办理结果总计 + 结转下年度', () => {
  it.each([
    {
      name: 'a column out of balance names its four cells',
      tables: edit((t) => {
        t.section3.carried_forward.commercial_enterprise = 1;
        t.section3.carried_forward.total = 2;
      }),
      expected: [
        'section3.new.commercial_enterprise',
        'section3.carried_over.commercial_enterprise',
        'section3.outcome_total.commercial_enterprise',
        'section3.carried_forward.commercial_enterprise',
      ],
      alsoTotal: true,
    },
  ])('$name', ({ tables, expected }) => {
    const found = findingsOf('R1', { tables });
    expect(keys(found)).toEqual(
      keys([
        { rule: 'R1', cells: expected },
        { rule: 'R1', cells: expected.map((c) => c.replace('commercial_enterprise', 'total')) },
      ]),
    );
    expect(found[0]?.message).toBe(
      '第三部分“商业企业”列：本年新收2+上年结转0=2，不等于办理结果总计2+结转下年度继续办理1=3',
    );
  });

  it('holds in a balanced report', () => {
    expect(findingsOf('R1', { tables: validReport() })).toEqual([]);
  });

  it('is not assessed where a cell is null (never read as 0)', () => {
    const tables = edit((t) => {
      t.section3.new.natural_person = null;
      t.section3.carried_forward.natural_person = 7;
    });
    expect(findingsOf('R1', { tables }).map((f) => f.cells[0])).toEqual([]);
  });
});

describe('R2 总计 = 六类申请人之和', () => {
  it('flags a row whose total is wrong, with the seven cells of that row', () => {
    const tables = edit((t) => {
      t.section3.disclosed.total = 4;
    });
    const found = findingsOf('R2', { tables });
    expect(keys(found)).toEqual(keys([{ rule: 'R2', cells: SECTION3_COLUMN_CELLS('disclosed') }]));
    expect(found[0]?.message).toContain('=3，不等于总计栏4');
  });

  it('holds in a consistent report', () => {
    expect(findingsOf('R2', { tables: validReport() })).toEqual([]);
  });

  it('checks a merged group row like any other row', () => {
    const tables = edit((t) => {
      for (const row of ['other.correction_lapsed', 'other.fee_lapsed', 'other.other'] as const) {
        for (const c of Object.keys(t.section3[row]) as (keyof (typeof t.section3)[typeof row])[]) {
          t.section3[row][c] = null;
        }
      }
      t.section3_merged = {
        other: {
          natural_person: 0,
          commercial_enterprise: 0,
          research_institution: 0,
          public_interest_org: 0,
          legal_service_org: 0,
          other_org: 0,
          total: 1,
        },
      };
    });
    const found = findingsOf('R2', { tables });
    expect(found.map((f) => f.cells.at(-1))).toEqual(['section3_merged.other.total']);
  });

  it('is not assessed where a cell of the row is null', () => {
    const tables = edit((t) => {
      t.section3.disclosed.total = 4;
      t.section3.disclosed.other_org = null;
    });
    expect(findingsOf('R2', { tables })).toEqual([]);
  });
});

describe('R3 （七）总计 = 21项办理结果之和', () => {
  it('flags a column whose outcome rows do not add up', () => {
    const tables = edit((t) => {
      t.section3['withheld.state_secret'].natural_person = 1;
      t.section3['withheld.state_secret'].total = 1;
    });
    const found = findingsOf('R3', { tables });
    expect(found.map((f) => f.cells.at(-1))).toEqual([
      'section3.outcome_total.natural_person',
      'section3.outcome_total.total',
    ]);
    expect(found[0]?.cells).toHaveLength(22);
    expect(found[0]?.message).toContain('办理结果各项合计6');
    expect(found[0]?.message).toContain('不等于（七）总计5');
  });

  it('holds in a consistent report', () => {
    expect(findingsOf('R3', { tables: validReport() })).toEqual([]);
  });

  it('uses the merged （六） row in place of absent sub-rows', () => {
    const withMerged = (mergedNaturalPerson: number) =>
      edit((t) => {
        for (const row of ['other.correction_lapsed', 'other.fee_lapsed', 'other.other'] as const) {
          t.section3[row] = {
            natural_person: null,
            commercial_enterprise: null,
            research_institution: null,
            public_interest_org: null,
            legal_service_org: null,
            other_org: null,
            total: null,
          };
        }
        t.section3_merged = {
          other: {
            natural_person: mergedNaturalPerson,
            commercial_enterprise: 0,
            research_institution: 0,
            public_interest_org: 0,
            legal_service_org: 0,
            other_org: 0,
            total: mergedNaturalPerson,
          },
        };
      });
    expect(findingsOf('R3', { tables: withMerged(0) })).toEqual([]);
    const found = findingsOf('R3', { tables: withMerged(2) });
    expect(found).toHaveLength(2);
    expect(found[0]?.cells).toContain('section3_merged.other.natural_person');
    expect(found[0]?.cells).not.toContain('section3.other.other.natural_person');
    expect(found[0]?.cells).toHaveLength(20);
  });

  it('is not assessed where a leaf is null and no merged row stands in', () => {
    const tables = edit((t) => {
      t.section3['not_processed.publication'].natural_person = null;
      t.section3.outcome_total.natural_person = 99;
      t.section3.outcome_total.total = 101;
    });
    expect(findingsOf('R3', { tables }).map((f) => f.cells.at(-1))).toEqual(['section3.outcome_total.total']);
  });
});

describe('R4 表四 总计 = 维持 + 纠正 + 其他 + 尚未审结', () => {
  it('flags a block whose total is wrong', () => {
    const tables = edit((t) => {
      t.section4.litigation_direct.total = 3;
    });
    const found = findingsOf('R4', { tables });
    expect(keys(found)).toEqual(
      keys([
        {
          rule: 'R4',
          cells: ['upheld', 'corrected', 'other', 'pending', 'total'].map(
            (c) => `section4.litigation_direct.${c}`,
          ),
        },
      ]),
    );
    expect(found[0]?.message).toBe(
      '第四部分行政诉讼（未经复议直接起诉）：结果维持0+结果纠正0+其他结果0+尚未审结1=1，但总计栏为3',
    );
  });

  it('holds in a consistent report, and skips a block with a null cell', () => {
    expect(findingsOf('R4', { tables: validReport() })).toEqual([]);
    const tables = edit((t) => {
      t.section4.reconsideration.total = 5;
      t.section4.reconsideration.pending = null;
    });
    expect(findingsOf('R4', { tables })).toEqual([]);
  });
});

describe('R5 whole numbers ≥ 0, fee ≥ 0', () => {
  it.each([
    { name: 'negative count', cell: 'section3.disclosed.other_org', value: -1 },
    { name: 'fractional count', cell: 'section2.licensing.decisions', value: 10.5 },
    { name: 'negative fee', cell: 'section2.administrative_fee.amount_wan_yuan', value: -2 },
    { name: 'count in table 四', cell: 'section4.reconsideration.other', value: -0.5 },
    { name: 'not a number', cell: 'section2.penalty.decisions', value: Number.NaN },
  ])('flags a $name', ({ cell, value }) => {
    const tables = edit((t) => {
      expect(writeCell(t, cell, value)).toBe(true);
    });
    const found = findingsOf('R5', { tables });
    expect(found.map((f) => f.cells)).toEqual([[cell]]);
    expect(found[0]?.message).toMatch(/应为|不是有效数字/);
  });

  it('accepts a decimal fee, nulls, and a signed 本年增/减 in the 2019 layout', () => {
    const tables = edit((t) => {
      t.section2.administrative_fee.amount_wan_yuan = 7730.28;
      t.section3.disclosed.other_org = null;
      t.section2_2019 = {
        rule: { made_this_year: 1, published_this_year: 1, published_total: 11 },
        normative_document: { made_this_year: 8, published_this_year: 8, published_total: 66 },
        licensing: { items_last_year: 412, items_change: 6, decisions: 447228 },
        other_management_service: { items_last_year: 35, items_change: -2, decisions: 1280 },
        penalty: { items_last_year: 5327, items_change: 118, decisions: 3985758 },
        coercion: { items_last_year: 96, items_change: 0, decisions: 88283 },
        administrative_fee: { items_last_year: 57, items_change: -4 },
        centralised_procurement: { projects: 23, amount_wan_yuan: 1856.4 },
      };
    });
    expect(findingsOf('R5', { tables })).toEqual([]);
    tables.section2_2019!.licensing.items_change = 1.5;
    tables.section2_2019!.penalty.decisions = -1;
    expect(findingsOf('R5', { tables }).map((f) => f.cells[0])).toEqual([
      'section2_2019.licensing.items_change',
      'section2_2019.penalty.decisions',
    ]);
  });
});

describe('R6 上年结转 = 上年报告的结转下年度', () => {
  it('holds when last year carried forward what this year carried over', () => {
    expect(findingsOf('R6', { tables: validReport(), previous: previousReport() })).toEqual([]);
  });

  it('flags each column that differs, as an error naming last year’s cell', () => {
    const previous = edit((t) => {
      t.section3.carried_forward.natural_person = 2;
      t.section3.carried_forward.total = 2;
    }, previousReport);
    const found = findingsOf('R6', { tables: validReport(), previous });
    expect(found.map((f) => f.cells)).toEqual([
      ['section3.carried_over.natural_person', 'previous.section3.carried_forward.natural_person'],
      ['section3.carried_over.total', 'previous.section3.carried_forward.total'],
    ]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toBe('第三部分“自然人”列：上年结转1，不等于2023年度报告的结转下年度继续办理2');
  });

  it('is not assessed without last year, with another year, or with null cells', () => {
    const wrong = edit((t) => {
      t.section3.carried_forward.natural_person = 2;
    }, previousReport);
    expect(findingsOf('R6', { tables: validReport() })).toEqual([]);
    expect(findingsOf('R6', { tables: validReport(), previous: { ...wrong, year: 2022 } })).toEqual([]);
    const tables = edit((t) => {
      t.section3.carried_over.natural_person = null;
    });
    expect(findingsOf('R6', { tables, previous: wrong })).toEqual([]);
  });
});

describe('R7 现行有效 = 上年现行有效 + 制发 − 废止', () => {
  it('holds when the stock follows', () => {
    expect(findingsOf('R7', { tables: validReport(), previous: previousReport() })).toEqual([]);
  });

  it('warns when it does not', () => {
    const previous = edit((t) => {
      t.section2.normative_document.in_force = 12;
    }, previousReport);
    const found = findingsOf('R7', { tables: validReport(), previous });
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.cells).toEqual([
      'section2.normative_document.in_force',
      'section2.normative_document.issued',
      'section2.normative_document.repealed',
      'previous.section2.normative_document.in_force',
    ]);
    expect(found[0]?.message).toContain('2023年现行有效12+本年制发2−本年废止1=13');
  });

  it('is not assessed when a figure is null (e.g. a 2019-format year)', () => {
    const previous = edit((t) => {
      t.section2.normative_document.in_force = null;
    }, previousReport);
    expect(findingsOf('R7', { tables: validReport(), previous })).toEqual([]);
  });
});

describe('R8 plausibility', () => {
  const feeOf = (amount: number) =>
    edit((t) => {
      t.section2.administrative_fee.amount_wan_yuan = amount;
    });

  it.each([
    { amount: 12.5, level: 'township' as const, flagged: false },
    { amount: 96171.6, level: 'city' as const, flagged: false }, // 淮安市 2024 as published
    { amount: 7730.28, level: 'county' as const, flagged: false }, // 洪泽区 2023 as published
    { amount: 77_302_800, level: 'county' as const, flagged: true }, // the same typed in 元
    { amount: 961_716_000, level: undefined, flagged: true },
    { amount: 125_000, level: 'township' as const, flagged: true },
    { amount: 125_000, level: 'county' as const, flagged: false },
  ])('fee $amount 万元 at level $level → flagged: $flagged', ({ amount, level, flagged }) => {
    const found = findingsOf('R8', { tables: feeOf(amount), ...(level ? { agencyLevel: level } : {}) });
    expect(found.map((f) => f.cells)).toEqual(
      flagged ? [['section2.administrative_fee.amount_wan_yuan']] : [],
    );
  });

  it('flags a fee 1000× or more last year’s (a switch to 元), not a normal change', () => {
    const found = findingsOf('R8', {
      tables: feeOf(110_000),
      previous: previousReport(),
      agencyLevel: 'county',
    });
    expect(found.map((f) => f.cells)).toEqual([
      ['section2.administrative_fee.amount_wan_yuan', 'previous.section2.administrative_fee.amount_wan_yuan'],
    ]);
    expect(found[0]?.message).toContain('是上年11万元的10000倍');
    expect(found[0]?.message).toContain('应填11万元');
    expect(
      findingsOf('R8', { tables: feeOf(110), previous: previousReport(), agencyLevel: 'county' }),
    ).toEqual([]);
  });

  it('flags 规章 reported by a township, not by a city', () => {
    const tables = edit((t) => {
      t.section2.rule = { issued: 0, repealed: 0, in_force: 3 };
    });
    const found = findingsOf('R8', { tables, agencyLevel: 'township' });
    expect(found.map((f) => f.cells)).toEqual([['section2.rule.in_force']]);
    expect(found[0]?.message).toContain('立法法');
    expect(findingsOf('R8', { tables, agencyLevel: 'city' })).toEqual([]);
    expect(findingsOf('R8', { tables: validReport(), agencyLevel: 'township' })).toEqual([]);
  });

  it('flags a report identical to last year’s in every cell, unless all zero or only stock figures', () => {
    const tables = validReport();
    const found = findingsOf('R8', { tables, previous: { ...structuredClone(tables), year: 2023 } });
    expect(found).toHaveLength(1);
    expect(found[0]?.cells).toContain('section3.new.total');
    expect(found[0]?.cells).not.toContain('section2.normative_document.in_force');

    const zero = emptyReportTables('某镇人民政府', 2024, 0);
    expect(findingsOf('R8', { tables: zero, previous: { ...structuredClone(zero), year: 2023 } })).toEqual(
      [],
    );

    const onlyStock = edit(
      (t) => {
        t.section2.normative_document.in_force = 5;
      },
      () => emptyReportTables('某镇人民政府', 2024, 0),
    );
    expect(
      findingsOf('R8', { tables: onlyStock, previous: { ...structuredClone(onlyStock), year: 2023 } }),
    ).toEqual([]);

    const changed = edit((t) => {
      t.section2.licensing.decisions = 101;
    });
    expect(
      findingsOf('R8', { tables: changed, previous: { ...structuredClone(tables), year: 2023 } }),
    ).toEqual([]);
  });

  it.each([
    { text: '全年共受理政府信息公开申请 17 件，均已答复。', flagged: true, cell: 'section3.new.total' },
    { text: '全年共受理政府信息公开申请 7 件。', flagged: false, cell: '' },
    { text: '收到申请８件（含上年结转）。', flagged: false, cell: '' }, // new + carried over, full-width digits
    { text: '全年新收政府信息公开申请7件，其中区政府办受理申请3件。', flagged: false, cell: '' },
    { text: '因政府信息公开工作被申请行政复议3件。', flagged: true, cell: 'section4.reconsideration.total' },
    { text: '被提起行政诉讼1件。', flagged: false, cell: '' },
    { text: '被提起行政诉讼2件。', flagged: true, cell: 'section4.litigation_direct.total' },
    { text: '办结9件。', flagged: true, cell: 'section3.outcome_total.total' },
    { text: '另有4件顺延到下年度答复。', flagged: true, cell: 'section3.carried_forward.total' },
    { text: '上年结转申请2件。', flagged: true, cell: 'section3.carried_over.total' },
    { text: '公开行政许可类信息 43850 条，电话咨询 20122 件，受理投诉63件。', flagged: false, cell: '' },
  ])('prose "$text" → flagged: $flagged', ({ text, flagged, cell }) => {
    const prose: ReportProse = { preamble: '', overview: text, problems: '', otherMatters: '' };
    const found = findingsOf('R8', { tables: validReport(), prose });
    if (!flagged) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    expect(found[0]?.cells).toContain('prose.overview');
    expect(found[0]?.cells).toContain(cell);
  });

  it('does not assess prose against a null table cell', () => {
    const tables = edit((t) => {
      t.section3.new.total = null;
    });
    const prose: ReportProse = { preamble: '', overview: '受理申请17件', problems: '', otherMatters: '' };
    expect(findingsOf('R8', { tables, prose })).toEqual([]);
  });
});

// ── the published reports: real prose, real cross-year pairs ──────────────────────────────────────

const EXPECTED = import.meta.glob('../../../test/shared/fixtures/**/*.expected.json', {
  eager: true,
  import: 'default',
}) as Record<string, ReportTables>;
const TEXTS = import.meta.glob('../../../test/shared/fixtures/**/*.{txt,md,html}', {
  eager: true,
  query: '?raw',
  import: 'default',
}) as Record<string, string>;

function fixture(name: string): ReportTables {
  const entry = Object.entries(EXPECTED).find(([path]) => path.endsWith(`/${name}.expected.json`));
  if (!entry) throw new Error(`missing fixture ${name}`);
  return structuredClone(entry[1]);
}

/** The report's prose, cut at the section headings (the tables between 二 and 四 are left out). */
function proseOf(file: string): ReportProse {
  const entry = Object.entries(TEXTS).find(([path]) => path.endsWith(`/${file}`));
  if (!entry) throw new Error(`missing text ${file}`);
  const text = entry[1].replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ');
  const at = (heading: string) => text.indexOf(heading);
  const one = at('一、总体情况');
  const two = at('二、主动公开政府信息情况');
  const five = at('五、存在的主要问题');
  const six = at('六、其他需要报告的事项');
  return {
    preamble: text.slice(0, one),
    overview: text.slice(one, two),
    problems: five < 0 ? '' : text.slice(five, six < 0 ? undefined : six),
    otherMatters: six < 0 ? '' : text.slice(six),
  };
}

describe('R8 prose on the published reports', () => {
  it.each([
    ['govnianbao__huaian-city-2024.pdftotext-layout.txt', 'govnianbao__huaian-city-2024'],
    ['kiro__hongze-district-2023.pdftotext-layout.txt', 'kiro__hongze-district-2023'],
    ['zhangjiagang-approval-bureau-2021.txt', 'zhangjiagang-approval-bureau-2021'],
    ['huaian-city-2024.pipes.txt', 'huaian-city-2024.pipes'],
    ['hongze-district-2024.portal.html', 'hongze-district-2024.portal'],
    ['example-district-2024.reconciliation-errors.md', 'example-district-2024.reconciliation-errors'],
  ])('%s: the prose agrees with the tables', (text, name) => {
    const prose = proseOf(text);
    expect(extractProseFigures(prose).some((e) => e.figures.length > 0)).toBe(true);
    expect(findingsOf('R8', { tables: fixture(name), prose })).toEqual([]);
  });

  it('洪泽区 2024: "受理政府信息公开申请 17 件" contradicts the 95 new requests of table 三', () => {
    const found = findingsOf('R8', {
      tables: fixture('kiro__hongze-district-2024'),
      prose: proseOf('kiro__hongze-district-2024.pdftotext-layout.txt'),
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.cells).toEqual(['prose.overview', 'section3.new.total']);
    expect(found[0]?.message).toBe(
      '一、总体情况中“受理政府信息公开申请17件”，与第三部分本年新收申请总计95件不符',
    );
  });

  it('淮安市 2024: reads 受理 3119, 答复 3050, 结转 34, 顺延 103, 复议 351, 诉讼 46 from the PDF text', () => {
    const figures = extractProseFigures(proseOf('govnianbao__huaian-city-2024.pdftotext-layout.txt')).map(
      (e) => e.figures.map((f) => f.value),
    );
    expect(figures).toEqual([[3119], [34], [3050], [103], [351], [46]]);
  });
});

describe('R6/R7/R8 across years: 洪泽区 2023 → 2024 as published', () => {
  it('holds (上年结转 0 = 结转 0; 规范性文件 5 + 3 − 0 = 8)', () => {
    const ctx = {
      tables: fixture('kiro__hongze-district-2024'),
      previous: fixture('kiro__hongze-district-2023'),
    };
    expect(runRules({ ...ctx, agencyLevel: 'county' }).filter((f) => f.rule !== 'R4')).toEqual([]);
  });

  it('breaks when 2024 is given 2023’s stock or carried-forward figures', () => {
    const previous = fixture('kiro__hongze-district-2023');
    previous.section3.carried_forward.natural_person = 3;
    previous.section2.normative_document.in_force = 4;
    const found = runRules({ tables: fixture('kiro__hongze-district-2024'), previous });
    expect(found.filter((f) => f.rule === 'R6').map((f) => f.cells[0])).toEqual([
      'section3.carried_over.natural_person',
    ]);
    expect(found.filter((f) => f.rule === 'R7').map((f) => f.cells[0])).toEqual([
      'section2.normative_document.in_force',
    ]);
    expect(hasErrors(found)).toBe(true);
  });

  it('flags the 2023 figures republished as 2024', () => {
    const previous = fixture('kiro__hongze-district-2023');
    const found = findingsOf('R8', { tables: { ...structuredClone(previous), year: 2024 }, previous });
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('逐格相同');
  });
});

describe('R5 and R8 on every fixture', () => {
  it.each(Object.keys(EXPECTED).map((p) => [p.replace(/^.*fixtures\//, '')]))(
    '%s: no R5/R8 finding',
    (path) => {
      const tables = EXPECTED[`../../../test/shared/fixtures/${path}`] as ReportTables;
      expect(runRules({ tables }).filter((f) => f.rule === 'R5' || f.rule === 'R8')).toEqual([]);
    },
  );
});
