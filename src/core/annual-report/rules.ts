import {
  describeCell,
  listCells,
  outcomeLeafCells,
  section3Cell,
  section3ColumnTitle,
  section3RowTitle,
  section4BlockTitle,
  section4Cell,
} from './cell-access.ts';
import {
  APPLICANT_TYPES,
  type CellId,
  OUTCOME_GROUPS,
  type ReportTables,
  SECTION2_DOCUMENT_ROWS,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  type Section3Column,
  type Section3Row,
} from './cells.ts';
import type { ReportProse } from './model.ts';

/**
 * The reconciliation rules (勾稽关系) and plausibility checks of the annual report
 * (annual-report-format.md, "Reconciliation rules"), as ONE declarative rule set. The same code runs on
 * the server, on parsed reports and in the browser console while an author types.
 *
 * A null cell means "could not be read": a check that needs it is not assessed (no finding); it is never
 * taken as 0.
 */

export const RULE_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '提示' };

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /**
   * The cells involved: `section3.<row>.<column>`, `section4.<block>.<column>`, `section2.<row>.<column>`,
   * `section3_merged.<group>.<column>`, `section2_2019.<row>.<column>`; a cell of last year's report is
   * prefixed `previous.` (R6, R7, R8); a prose field is `prose.<field>` (R8).
   */
  cells: CellId[];
  message: string;
}

/** 机关层级 (glossary: agency level). */
export type ReportAgencyLevel = 'province' | 'city' | 'county' | 'township';

export interface RuleContext {
  tables: ReportTables;
  /** The same agency's report on the year before; R6/R7 and some R8 checks run only when it is that year. */
  previous?: ReportTables;
  agencyLevel?: ReportAgencyLevel;
  /** The report's prose, for R8's prose-versus-table check. */
  prose?: ReportProse;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  /** What the rule checks, in Chinese, for the console's rule list. */
  description: string;
  /** Where the rule comes from. */
  basis: string;
  evaluate(ctx: RuleContext): Finding[];
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, v) => a + v, 0);
}

/** All values, or null as soon as one is unknown. */
function known(values: readonly (number | null)[]): number[] | null {
  return values.every((v): v is number => v !== null) ? (values as number[]) : null;
}

function columnQuote(column: Section3Column): string {
  return `第三部分“${section3ColumnTitle(column)}”列`;
}

/** Last year's report, but only if it really is the year before this one. */
function previousYear(ctx: RuleContext): ReportTables | undefined {
  return ctx.previous && ctx.previous.year === ctx.tables.year - 1 ? ctx.previous : undefined;
}

const previousCell = (cell: CellId): CellId => `previous.${cell}`;

// ── R1–R4: the printed reconciliations ──────────────────────────────────────────────────────────────

const R1: Rule = {
  id: 'R1',
  severity: 'error',
  description: '第三部分每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理',
  basis: '国办公开办函〔2021〕30号 表三左上角：第一项加第二项之和，等于第三项加第四项之和',
  evaluate({ tables }) {
    const s3 = tables.section3;
    const out: Finding[] = [];
    for (const column of SECTION3_COLUMNS) {
      const values = known([
        s3.new[column],
        s3.carried_over[column],
        s3.outcome_total[column],
        s3.carried_forward[column],
      ]);
      if (!values) continue;
      const [received, carriedOver, closed, carriedForward] = values as [number, number, number, number];
      if (received + carriedOver === closed + carriedForward) continue;
      out.push({
        rule: 'R1',
        severity: 'error',
        cells: (['new', 'carried_over', 'outcome_total', 'carried_forward'] as const).map((row) =>
          section3Cell(row, column),
        ),
        message:
          `${columnQuote(column)}：本年新收${received}+上年结转${carriedOver}=${received + carriedOver}，` +
          `不等于办理结果总计${closed}+结转下年度继续办理${carriedForward}=${closed + carriedForward}`,
      });
    }
    return out;
  },
};

const R2: Rule = {
  id: 'R2',
  severity: 'error',
  description: '第三部分每一行：总计 = 自然人 + 五类法人或其他组织',
  basis: '国办公开办函〔2021〕30号 表三：总计栏为各类申请人之和',
  evaluate({ tables }) {
    const out: Finding[] = [];
    const check = (
      cells: Record<Section3Column, number | null>,
      cellId: (c: Section3Column) => CellId,
      title: string,
    ) => {
      const parts = known(APPLICANT_TYPES.map((c) => cells[c]));
      const total = cells.total;
      if (!parts || total === null || sum(parts) === total) return;
      const terms = APPLICANT_TYPES.map((c, i) => `${section3ColumnTitle(c)}${parts[i]}`).join('+');
      out.push({
        rule: 'R2',
        severity: 'error',
        cells: SECTION3_COLUMNS.map(cellId),
        message: `第三部分“${title}”行：各类申请人${terms}=${sum(parts)}，不等于总计栏${total}`,
      });
    };
    for (const row of SECTION3_ROWS) {
      check(tables.section3[row], (c) => section3Cell(row, c), section3RowTitle(row));
    }
    for (const [group, cells] of Object.entries(tables.section3_merged ?? {})) {
      if (!cells) continue;
      const label = OUTCOME_GROUPS.find((g) => g.key === group)?.label ?? group;
      check(cells, (c) => `section3_merged.${group}.${c}`, `${label}（合并行）`);
    }
    return out;
  },
};

const R3: Rule = {
  id: 'R3',
  severity: 'error',
  description: '第三部分每一列：（七）总计 = 办理结果（一）至（六）21项之和（合并印制的组行代替其子项）',
  basis: '国办公开办函〔2021〕30号 表三：（七）总计为本年度办理结果各项之和',
  evaluate({ tables }) {
    const out: Finding[] = [];
    for (const column of SECTION3_COLUMNS) {
      const leaves = outcomeLeafCells(tables, column);
      const values = known(leaves.map((l) => l.value));
      const total = tables.section3.outcome_total[column];
      if (!values || total === null || sum(values) === total) continue;
      const nonZero = leaves.filter((l) => l.value !== 0).map((l) => `${l.label}${l.value}`);
      const detail = nonZero.length > 0 ? `（非零项：${nonZero.join('、')}）` : '';
      out.push({
        rule: 'R3',
        severity: 'error',
        cells: [...leaves.map((l) => l.cell), section3Cell('outcome_total', column)],
        message: `${columnQuote(column)}：办理结果各项合计${sum(values)}${detail}，不等于（七）总计${total}`,
      });
    }
    return out;
  },
};

const SECTION4_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

const R4: Rule = {
  id: 'R4',
  severity: 'error',
  description: '第四部分行政复议、两类行政诉讼：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
  basis: '国办公开办函〔2021〕30号 表四：总计为四种结果之和',
  evaluate({ tables }) {
    const out: Finding[] = [];
    for (const block of SECTION4_BLOCKS) {
      const cells = tables.section4[block];
      const parts = known(SECTION4_PARTS.map((c) => cells[c]));
      if (!parts || cells.total === null || sum(parts) === cells.total) continue;
      const terms = SECTION4_PARTS.map((c, i) => `${SECTION4_COLUMN_LABELS[c]}${parts[i]}`).join('+');
      out.push({
        rule: 'R4',
        severity: 'error',
        cells: [...SECTION4_PARTS, 'total' as const].map((c) => section4Cell(block, c)),
        message: `第四部分${section4BlockTitle(block)}：${terms}=${sum(parts)}，但总计栏为${cells.total}`,
      });
    }
    return out;
  },
};

// ── R5: values ───────────────────────────────────────────────────────────────────────────────────────

const R5: Rule = {
  id: 'R5',
  severity: 'error',
  description: '每个件数为不小于0的整数；收费金额（万元）为不小于0的数',
  basis: '国办公开办函〔2021〕30号：表格填件数，收费金额以万元为单位',
  evaluate({ tables }) {
    const out: Finding[] = [];
    for (const { cell, value } of listCells(tables)) {
      if (value === null) continue;
      const column = cell.slice(cell.lastIndexOf('.') + 1);
      let problem: string | null = null;
      if (!Number.isFinite(value)) problem = '不是有效数字';
      else if (column === 'amount_wan_yuan') problem = value < 0 ? '应为不小于0的金额（万元）' : null;
      // 2019 format 本年增/减 is a signed change in the number of items.
      else if (column === 'items_change') problem = Number.isInteger(value) ? null : '应为整数';
      else if (!Number.isInteger(value) || value < 0) problem = '应为不小于0的整数';
      if (problem) {
        out.push({
          rule: 'R5',
          severity: 'error',
          cells: [cell],
          message: `${describeCell(cell)}为${formatNumber(value)}，${problem}`,
        });
      }
    }
    return out;
  },
};

// ── R6, R7: across years ─────────────────────────────────────────────────────────────────────────────

const R6: Rule = {
  id: 'R6',
  severity: 'error',
  description: '第三部分每一列：本年“上年结转” = 上一年度报告的“结转下年度继续办理”',
  basis: '上一年度结转下年度继续办理的申请，即为本年度上年结转的申请',
  evaluate(ctx) {
    const previous = previousYear(ctx);
    if (!previous) return [];
    const out: Finding[] = [];
    for (const column of SECTION3_COLUMNS) {
      const now = ctx.tables.section3.carried_over[column];
      const before = previous.section3.carried_forward[column];
      if (now === null || before === null || now === before) continue;
      out.push({
        rule: 'R6',
        severity: 'error',
        cells: [section3Cell('carried_over', column), previousCell(section3Cell('carried_forward', column))],
        message: `${columnQuote(column)}：上年结转${now}，不等于${previous.year}年度报告的结转下年度继续办理${before}`,
      });
    }
    return out;
  },
};

const DOCUMENT_ROW_LABELS: Record<(typeof SECTION2_DOCUMENT_ROWS)[number], string> = {
  rule: '规章',
  normative_document: '行政规范性文件',
};

const R7: Rule = {
  id: 'R7',
  severity: 'warning',
  description: '第二部分规章、行政规范性文件：现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止',
  basis: '文件也可能因有效期届满而失效，故只作提示',
  evaluate(ctx) {
    const previous = previousYear(ctx);
    if (!previous) return [];
    const out: Finding[] = [];
    for (const row of SECTION2_DOCUMENT_ROWS) {
      const { issued, repealed, in_force: inForce } = ctx.tables.section2[row];
      const before = previous.section2[row].in_force;
      if (issued === null || repealed === null || inForce === null || before === null) continue;
      const expected = before + issued - repealed;
      if (expected === inForce) continue;
      out.push({
        rule: 'R7',
        severity: 'warning',
        cells: [
          `section2.${row}.in_force`,
          `section2.${row}.issued`,
          `section2.${row}.repealed`,
          previousCell(`section2.${row}.in_force`),
        ],
        message:
          `第二部分“${DOCUMENT_ROW_LABELS[row]}”：${previous.year}年现行有效${before}+本年制发${issued}−本年废止${repealed}=${expected}，` +
          `与本年现行有效件数${inForce}不一致（如有文件因有效期届满失效，请在报告中说明）`,
      });
    }
    return out;
  },
};

// ── R8: plausibility ─────────────────────────────────────────────────────────────────────────────────

/**
 * Largest plausible 行政事业性收费 of one agency in a year, in 万元, by level. A figure above it was
 * almost certainly typed in 元 (10 000 times too big). Chosen from the published reports: 淮安市 2024
 * 96171.6 万元 (about 9.6 亿元), 洪泽区 2023/2024 7730.28 / 7545 万元; typed in 元 these become
 * 961 716 000 and 77 302 800, far above every bound. The bounds are generous (a county at 100 亿元)
 * so that a real figure is not flagged; a small fee typed in 元 can slip under them, which the
 * year-on-year check below then catches.
 */
export const FEE_PLAUSIBLE_MAX_WAN_YUAN: Record<ReportAgencyLevel, number> = {
  township: 10_000, // 1 亿元
  county: 1_000_000, // 100 亿元
  city: 5_000_000, // 500 亿元
  province: 20_000_000, // 2000 亿元
};
/** Used when the agency's level is not given. */
export const FEE_PLAUSIBLE_MAX_WAN_YUAN_ANY_LEVEL = 20_000_000;
/**
 * A fee at least this many times last year's (and at least FEE_JUMP_MIN_WAN_YUAN) looks like a switch
 * from 万元 to 元: the unit error is ×10 000, a real change rarely beyond ×10, so 1000 sits between.
 */
export const FEE_JUMP_RATIO = 1000;
export const FEE_JUMP_MIN_WAN_YUAN = 100;

const LEVEL_LABELS: Record<ReportAgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
};

function checkFeeUnit(ctx: RuleContext): Finding[] {
  const fee = ctx.tables.section2.administrative_fee.amount_wan_yuan;
  if (fee === null || !Number.isFinite(fee) || fee <= 0) return [];
  const cell = 'section2.administrative_fee.amount_wan_yuan';
  const reasons: string[] = [];
  const cells: CellId[] = [cell];
  const max = ctx.agencyLevel
    ? FEE_PLAUSIBLE_MAX_WAN_YUAN[ctx.agencyLevel]
    : FEE_PLAUSIBLE_MAX_WAN_YUAN_ANY_LEVEL;
  if (fee >= max) {
    const who = ctx.agencyLevel ? `${LEVEL_LABELS[ctx.agencyLevel]}机关` : '一个机关';
    reasons.push(`超过${who}一年收费的合理上限${formatNumber(max)}万元`);
  }
  const before = previousYear(ctx)?.section2.administrative_fee.amount_wan_yuan ?? null;
  if (before !== null && before > 0 && fee >= FEE_JUMP_MIN_WAN_YUAN && fee / before >= FEE_JUMP_RATIO) {
    reasons.push(`是上年${formatNumber(before)}万元的${Math.round(fee / before)}倍`);
    cells.push(previousCell(cell));
  }
  if (reasons.length === 0) return [];
  return [
    {
      rule: 'R8',
      severity: 'warning',
      cells,
      message:
        `第二部分“行政事业性收费”本年收费金额为${formatNumber(fee)}万元，${reasons.join('，且')}，` +
        `疑似按“元”填写；单位应为万元（若原数为元，应填${formatNumber(fee / 10_000)}万元）`,
    },
  ];
}

/**
 * 《立法法》（2023年修正）第九十三条: only the governments of provinces, autonomous regions,
 * municipalities, 设区的市 and 自治州 make 规章; a township has none to issue, repeal or keep in force.
 */
function checkTownshipRules(ctx: RuleContext): Finding[] {
  if (ctx.agencyLevel !== 'township') return [];
  const rule = ctx.tables.section2.rule;
  const cells = (['issued', 'repealed', 'in_force'] as const)
    .filter((c) => (rule[c] ?? 0) > 0)
    .map((c) => `section2.rule.${c}`);
  if (cells.length === 0) return [];
  return [
    {
      rule: 'R8',
      severity: 'warning',
      cells,
      message:
        `乡镇机关填报了规章（本年制发${rule.issued ?? '—'}、本年废止${rule.repealed ?? '—'}、现行有效${rule.in_force ?? '—'}）；` +
        '依《立法法》第九十三条，只有省、自治区、直辖市和设区的市、自治州的人民政府可以制定规章，请核实是否误填（如应为行政规范性文件）',
    },
  ];
}

/** Stock figures may rightly stay the same from year to year; only the year's own figures are compared. */
const STOCK_COLUMNS = new Set(['in_force', 'published_total', 'items_last_year']);

function checkSameAsLastYear(ctx: RuleContext): Finding[] {
  const previous = previousYear(ctx);
  if (!previous) return [];
  const before = new Map(listCells(previous).map((e) => [e.cell, e.value] as const));
  const nonZeroSame: CellId[] = [];
  for (const { cell, value } of listCells(ctx.tables)) {
    if (STOCK_COLUMNS.has(cell.slice(cell.lastIndexOf('.') + 1))) continue;
    const old = before.get(cell) ?? null;
    if (value === null || old === null) continue;
    if (value !== old) return [];
    if (value !== 0) nonZeroSame.push(cell);
  }
  if (nonZeroSame.length === 0) return [];
  return [
    {
      rule: 'R8',
      severity: 'warning',
      cells: nonZeroSame,
      message:
        `本年报告各表的数字与${previous.year}年度报告逐格相同（其中${nonZeroSame.length}格不为0），` +
        '疑似沿用了上年数据，请核实',
    },
  ];
}

// Prose figures. The prose is NFKC-normalised (full-width digits and punctuation become ASCII) and its
// whitespace removed (PDF text breaks lines inside phrases) before matching.
const NUM = '(\\d{1,3}(?:,\\d{3})+|\\d+)';
/** A short stretch of one clause that is not about reconsideration, litigation or last year. */
const SAME_CLAUSE = '(?:(?!复议|诉讼|结转|上年)[^。;,:!?]){0,20}?';
const QUANTIFIER = '(?:共计|总计|合计|共|数量为|数为|为)?';

interface ProseFigureSpec {
  /** What the figure is, for the message: "本年新收申请总计". */
  label: string;
  patterns: RegExp[];
  cells: CellId[];
  /** The table values a prose figure may equal; null when a needed cell is unknown. */
  accepted(tables: ReportTables): number[] | null;
}

const totalOf = (tables: ReportTables, row: Section3Row) => tables.section3[row].total;

const PROSE_FIGURES: readonly ProseFigureSpec[] = [
  {
    label: '第三部分本年新收申请总计',
    patterns: [
      new RegExp(`(?:新收|收到|受理|接收)${SAME_CLAUSE}申请${QUANTIFIER}${NUM}件`, 'g'),
      new RegExp(`(?:共|新收|收到|受理)了?${NUM}件(?:政府信息公开申请|信息公开申请|依申请公开)`, 'g'),
    ],
    cells: ['section3.new.total'],
    // Many reports count "受理…件" including last year's carried-over requests.
    accepted(t) {
      const received = totalOf(t, 'new');
      if (received === null) return null;
      const carriedOver = totalOf(t, 'carried_over');
      return carriedOver === null ? [received] : [received, received + carriedOver];
    },
  },
  {
    label: '第三部分上年结转申请总计',
    patterns: [new RegExp(`上年度?结转的?(?:政府信息公开)?(?:申请)?${NUM}件`, 'g')],
    cells: ['section3.carried_over.total'],
    accepted: (t) => (totalOf(t, 'carried_over') === null ? null : [totalOf(t, 'carried_over') as number]),
  },
  {
    label: '第三部分办理结果总计',
    patterns: [new RegExp(`(?:办结|答复|办理完毕)(?:政府信息公开)?(?:申请)?${QUANTIFIER}${NUM}件`, 'g')],
    cells: ['section3.outcome_total.total'],
    accepted: (t) => (totalOf(t, 'outcome_total') === null ? null : [totalOf(t, 'outcome_total') as number]),
  },
  {
    label: '第三部分结转下年度继续办理总计',
    patterns: [
      new RegExp(`结转下一?年度(?:继续办理)?的?(?:申请)?${NUM}件`, 'g'),
      new RegExp(`${NUM}件(?:申请)?(?:顺延|结转)(?:到|至)下一?年度`, 'g'),
    ],
    cells: ['section3.carried_forward.total'],
    accepted: (t) =>
      totalOf(t, 'carried_forward') === null ? null : [totalOf(t, 'carried_forward') as number],
  },
  {
    label: '第四部分行政复议总计',
    patterns: [new RegExp(`行政复议(?:案件|申请)?${QUANTIFIER}${NUM}(?:件|起)`, 'g')],
    cells: ['section4.reconsideration.total'],
    accepted: (t) => (t.section4.reconsideration.total === null ? null : [t.section4.reconsideration.total]),
  },
  {
    label: '第四部分行政诉讼总计（未经复议直接起诉与复议后起诉之和）',
    patterns: [new RegExp(`行政诉讼(?:案件)?${QUANTIFIER}${NUM}(?:件|起)`, 'g')],
    cells: ['section4.litigation_direct.total', 'section4.litigation_after_reconsideration.total'],
    accepted(t) {
      const parts = known([
        t.section4.litigation_direct.total,
        t.section4.litigation_after_reconsideration.total,
      ]);
      return parts ? [sum(parts)] : null;
    },
  },
];

const PROSE_FIELD_LABELS: Record<keyof ReportProse, string> = {
  preamble: '开头段落',
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
};

export function normaliseProseForFigures(text: string): string {
  return text.normalize('NFKC').replace(/\*\*/g, '').replace(/\s+/g, '');
}

interface ProseFigure {
  value: number;
  quote: string;
  field: keyof ReportProse;
}

/** The figures the prose states for each spec (exported for tests and the console's hints). */
export function extractProseFigures(prose: ReportProse): { label: string; figures: ProseFigure[] }[] {
  const fields = Object.keys(PROSE_FIELD_LABELS) as (keyof ReportProse)[];
  return PROSE_FIGURES.map((spec) => {
    const figures: ProseFigure[] = [];
    for (const field of fields) {
      const text = normaliseProseForFigures(prose[field] ?? '');
      for (const pattern of spec.patterns) {
        for (const match of text.matchAll(pattern)) {
          const digits = match[1];
          if (digits) figures.push({ value: Number(digits.replace(/,/g, '')), quote: match[0], field });
        }
      }
    }
    return { label: spec.label, figures };
  });
}

/**
 * A figure is taken as contradicted only if NO figure of its kind in the prose agrees with the table:
 * prose often quotes a sub-count ("其中区政府办受理…") or last year's figure beside the right one.
 */
function checkProseFigures(ctx: RuleContext): Finding[] {
  if (!ctx.prose) return [];
  const extracted = extractProseFigures(ctx.prose);
  const out: Finding[] = [];
  PROSE_FIGURES.forEach((spec, i) => {
    const figures = extracted[i]?.figures ?? [];
    if (figures.length === 0) return;
    const accepted = spec.accepted(ctx.tables);
    if (!accepted || figures.some((f) => accepted.includes(f.value))) return;
    const fields = [...new Set(figures.map((f) => f.field))];
    const quotes = [...new Set(figures.map((f) => `${PROSE_FIELD_LABELS[f.field]}中“${f.quote}”`))];
    out.push({
      rule: 'R8',
      severity: 'warning',
      cells: [...fields.map((f) => `prose.${f}`), ...spec.cells],
      message: `${quotes.join('、')}，与${spec.label}${accepted[0]}件不符`,
    });
  });
  return out;
}

const R8: Rule = {
  id: 'R8',
  severity: 'warning',
  description:
    '合理性提示：收费金额疑似按元填写；乡镇填报规章；各表数字与上年逐格相同；正文所述数字与表格不符',
  basis: '年度报告表格填报要求；《立法法》第九十三条（规章制定主体）',
  evaluate: (ctx) => [
    ...checkFeeUnit(ctx),
    ...checkTownshipRules(ctx),
    ...checkSameAsLastYear(ctx),
    ...checkProseFigures(ctx),
  ],
};

/** The rule set, in order. */
export const RULES: readonly Rule[] = [R1, R2, R3, R4, R5, R6, R7, R8];

export const RULES_BY_ID: Record<RuleId, Rule> = Object.fromEntries(RULES.map((r) => [r.id, r])) as Record<
  RuleId,
  Rule
>;

/** Every finding of every rule, rule by rule in table order. */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((rule) => rule.evaluate(ctx));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
