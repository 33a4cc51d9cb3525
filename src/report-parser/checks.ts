/**
 * Checks on a published report beyond the table rules R1–R7: the six sections present and in order,
 * prose figures against the tables (R8's prose logic, reused), the 信息处理费 stated in section 六, the
 * publication date against the statutory deadline, and a report copied from the year before.
 */
import { RULES_BY_ID, runRules } from '../core/annual-report/rules.ts';
import { SECTION_KEYS, type SectionKey } from './labels.ts';
import { compact } from './normalise.ts';
import type { ParsedReport } from './parse-report.ts';

export const PUBLISHED_CHECKS = [
  'sections',
  'prose_figures',
  'processing_fee',
  'deadline',
  'repeated',
] as const;
export type PublishedCheckId = (typeof PUBLISHED_CHECKS)[number];

export interface PublishedFinding {
  check: PublishedCheckId;
  severity: 'error' | 'warning';
  /** Cells or prose fields involved (`section3.new.total`, `prose.overview`), as in rule findings. */
  cells: string[];
  message: string;
}

/**
 * 条例第四十九条: departments of governments at or above county level publish by 31 January; the
 * government's own (compiled) report is published by 31 March.
 */
export type DeadlineKind = 'department' | 'government';

export interface PublishedCheckOptions {
  /** The same agency's report on an earlier year, for the copy check. */
  previous?: ParsedReport;
  /** Overrides the kind inferred from the agency's name. */
  deadlineKind?: DeadlineKind;
}

const SECTION_TITLES: Record<SectionKey, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  review: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other_matters: '六、其他需要报告的事项',
};

/** 国办公开办函〔2021〕30号: six sections, in this order. */
export function checkSections(report: ParsedReport): PublishedFinding[] {
  const found = report.sections.map((s) => s.key);
  const out: PublishedFinding[] = [];
  const missing = SECTION_KEYS.filter((k) => !found.includes(k));
  if (missing.length > 0) {
    out.push({
      check: 'sections',
      severity: 'error',
      cells: missing.map((k) => `sections.${k}`),
      message: `报告缺少以下部分：${missing.map((k) => `“${SECTION_TITLES[k]}”`).join('、')}`,
    });
  }
  const expectedOrder = SECTION_KEYS.filter((k) => found.includes(k));
  if (found.some((k, i) => k !== expectedOrder[i])) {
    out.push({
      check: 'sections',
      severity: 'warning',
      cells: found.map((k) => `sections.${k}`),
      message: `报告各部分的顺序与格式要求不一致：${found.map((k) => SECTION_TITLES[k].slice(0, 2)).join('')}`,
    });
  }
  return out;
}

/** Prose figures (新收、办结、结转、行政复议、行政诉讼 …件) against the tables: rule R8's prose check. */
export function checkProseFigures(report: ParsedReport): PublishedFinding[] {
  return runRules({ tables: report.tables, prose: report.prose }, [RULES_BY_ID.R8])
    .filter((f) => f.cells.some((c) => c.startsWith('prose.')))
    .map((f) => ({ check: 'prose_figures', severity: 'warning', cells: f.cells, message: f.message }));
}

/** The 信息处理费 a text states, in 元: 0 for "未收取/没有产生…信息处理费", null when it says nothing. */
export function statedProcessingFee(text: string): number | null {
  const t = compact(text.normalize('NFKC'));
  const amount = /信息处理费[^。;]{0,16}?(\d+(?:\.\d+)?)(万元|元)/.exec(t);
  if (amount) return Number(amount[1]) * (amount[2] === '万元' ? 10_000 : 1);
  if (/(?:未|没有|无|不)(?:产生|收取|收|发生)[^。;]{0,12}?(?:信息)?处理费/.test(t)) return 0;
  if (/(?:信息)?处理费[^。;]{0,6}?(?:为零|为0|0元)/.test(t)) return 0;
  return null;
}

/**
 * Section 六 states the 信息处理费 charged (国办函〔2020〕109号). A fee cannot have been charged in a year
 * in which no request was closed, and fee notices that lapsed unpaid (表三（六）2) show that fees were
 * asked for even when none was collected.
 */
export function checkProcessingFee(report: ParsedReport): PublishedFinding[] {
  const fee = statedProcessingFee(report.prose.otherMatters) ?? statedProcessingFee(report.prose.overview);
  if (fee === null) return [];
  const closed = report.tables.section3.outcome_total.total;
  if (fee > 0 && closed === 0) {
    return [
      {
        check: 'processing_fee',
        severity: 'warning',
        cells: ['prose.otherMatters', 'section3.outcome_total.total'],
        message: `第六部分称收取信息处理费${fee}元，但表三本年度办理结果总计为0件`,
      },
    ];
  }
  return [];
}

/** The kind of deadline from the agency's name: a local people's government publishes by 31 March. */
export function deadlineKindOf(agency: string): DeadlineKind {
  return /(?:省|市|区|县|旗|州|盟)人民政府$/.test(agency) ? 'government' : 'department';
}

/** 条例第四十九条: the report on year Y is due by 31 January (departments) or 31 March (governments) of Y+1. */
export function publicationDeadline(year: number, kind: DeadlineKind): string {
  return kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

export function checkDeadline(report: ParsedReport, kind?: DeadlineKind): PublishedFinding[] {
  if (report.year === null) return [];
  const date = report.publishedOn ?? report.datedOn;
  if (!date) return [];
  const k = kind ?? deadlineKindOf(report.agency ?? '');
  const deadline = publicationDeadline(report.year, k);
  if (date <= deadline) return [];
  const what = report.publishedOn ? '发布日期' : '落款日期';
  const who =
    k === 'government' ? '本级政府年度报告应于次年3月31日前公布' : '政府部门年度报告应于次年1月31日前公布';
  return [
    {
      check: 'deadline',
      severity: report.publishedOn ? 'error' : 'warning',
      cells: [report.publishedOn ? 'publishedOn' : 'datedOn'],
      message: `${what}${date}晚于法定期限${deadline}（《政府信息公开条例》第四十九条：${who}）`,
    },
  ];
}

function flatCells(report: ParsedReport): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const tables = report.tables as unknown as Record<string, unknown>;
  for (const table of ['section2', 'section3', 'section4', 'section3_merged', 'section2_2019']) {
    const t = tables[table] as Record<string, Record<string, number | null>> | undefined;
    for (const [row, cols] of Object.entries(t ?? {})) {
      for (const [col, v] of Object.entries(cols)) out.set(`${table}.${row}.${col}`, v);
    }
  }
  return out;
}

/** A report that repeats an earlier one: the same figures in every cell read, or the same prose. */
export function checkRepeated(report: ParsedReport, previous: ParsedReport): PublishedFinding[] {
  const out: PublishedFinding[] = [];
  const before = flatCells(previous);
  let compared = 0;
  let nonZero = 0;
  let same = true;
  for (const [id, v] of flatCells(report)) {
    const old = before.get(id);
    if (v === null || old === null || old === undefined) continue;
    compared++;
    if (v !== old) {
      same = false;
      break;
    }
    if (v !== 0) nonZero++;
  }
  if (same && compared > 0 && nonZero > 0) {
    out.push({
      check: 'repeated',
      severity: 'warning',
      cells: ['section2', 'section3', 'section4'],
      message: `本报告${compared}个已读出的表格数字与${previous.year ?? '此前'}年度报告完全相同，疑似沿用旧数据`,
    });
  }
  const fields = (['overview', 'problems', 'otherMatters'] as const).filter((f) => {
    const a = compact(report.prose[f]);
    return a.length >= 50 && a === compact(previous.prose[f]);
  });
  if (fields.length > 0) {
    const names = {
      overview: '一、总体情况',
      problems: '五、存在的主要问题及改进情况',
      otherMatters: '六、其他需要报告的事项',
    };
    out.push({
      check: 'repeated',
      severity: 'warning',
      cells: fields.map((f) => `prose.${f}`),
      message: `${fields.map((f) => `“${names[f]}”`).join('、')}的文字与${previous.year ?? '此前'}年度报告一字不差`,
    });
  }
  return out;
}

export function checkPublishedReport(
  report: ParsedReport,
  opts: PublishedCheckOptions = {},
): PublishedFinding[] {
  return [
    ...checkSections(report),
    ...checkProseFigures(report),
    ...checkProcessingFee(report),
    ...checkDeadline(report, opts.deadlineKind),
    ...(opts.previous ? checkRepeated(report, opts.previous) : []),
  ];
}
