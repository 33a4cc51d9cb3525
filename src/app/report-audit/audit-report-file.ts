/**
 * Auditing a published report: read the file (src/report-parser), run the reconciliation rules R1–R8
 * on what was read, and the checks that only make sense for a published text. Shared by
 * `gongkai report check`, `gongkai report compile` and the console's upload; needs no database.
 */
import {
  listCells,
  type ReportAgencyLevel,
  type ReportTables,
  type RuleId,
  readCell,
  runRules,
  type Severity,
  toCanonicalObject,
} from '../../core/annual-report/index.ts';
import {
  checkPublishedReport,
  type DeadlineKind,
  type ParsedReport,
  type PublishedCheckId,
  type PublishedFinding,
  parseReport,
} from '../../report-parser/index.ts';
import { agencyNameMatch } from './match-agency.ts';
import type { InputItem, ReportInput } from './report-inputs.ts';

export type AuditFindingKind = 'rule' | 'published';

/** A rule finding (R1–R8) or a published-text check, with the figures of the cells it names. */
export interface AuditFinding {
  id: RuleId | PublishedCheckId;
  kind: AuditFindingKind;
  severity: Severity;
  /** Cell ids as in rule findings; `previous.` cells are last year's, `prose.`/`sections.` name text. */
  cells: string[];
  message: string;
  /** The value of every table cell among `cells` (null: the cell could not be read). */
  values: Record<string, number | null>;
}

/** The same agency's report on the year before, for R6/R7 and the copied-report check. */
export interface PreviousReport {
  /** Where it came from, for people: a file name, or 系统中的2023年度报告. */
  label: string;
  tables: ReportTables;
  prose?: ParsedReport['prose'];
}

export interface AuditedReport {
  ok: true;
  file: string;
  parsed: ParsedReport;
  /** The parsed tables in canonical key order. */
  tables: ReportTables;
  findings: AuditFinding[];
  /** Cells holding a figure. */
  cellsRead: number;
  /** Cells left null, each with a reason in `parsed.unread`. */
  cellsUnread: number;
  previous: { label: string; year: number } | null;
}

export interface UnreadableFile {
  ok: false;
  file: string;
  error: string;
}

export type AuditResult = AuditedReport | UnreadableFile;

export interface AuditContext {
  previous?: PreviousReport;
  /** Sharpens R5's plausibility bound on fees. */
  agencyLevel?: ReportAgencyLevel;
  deadlineKind?: DeadlineKind;
}

function readerError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'PDF 文件设有密码，无法读取';
  if (name === 'InvalidPDFException' || /Invalid PDF/i.test(message)) return 'PDF 文件已损坏或不是有效的 PDF';
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  return `文件无法读取（${message}）`;
}

/**
 * Why a parsed document is not a report we can audit, or null when it is one. A document with no table
 * figure at all, or with neither a report title nor any of the six section headings, is not audited:
 * every rule would be silent on it, and silence must not read as "no breach".
 */
export function notAReport(parsed: ParsedReport): string | null {
  const figures = listCells(parsed.tables).filter((c) => c.value !== null).length;
  if (figures === 0) {
    const why = parsed.warnings[0];
    return why && /文字/.test(why)
      ? why
      : '未读出任何表格数字：文件不是政府信息公开工作年度报告，或报告的表格是图片';
  }
  if (parsed.year === null && parsed.sections.length === 0) {
    return '文件中既没有年度报告的标题，也没有年度报告六个部分的标题，不是政府信息公开工作年度报告';
  }
  return null;
}

/** Reads one document; a file that cannot be read at all comes back with the reason. */
export async function readReport(
  input: ReportInput,
): Promise<{ ok: true; parsed: ParsedReport } | { ok: false; error: string }> {
  let parsed: ParsedReport;
  try {
    parsed = await parseReport({ fileName: input.name, bytes: input.bytes });
  } catch (error) {
    return { ok: false, error: readerError(error) };
  }
  const why = notAReport(parsed);
  return why ? { ok: false, error: why } : { ok: true, parsed };
}

function valuesOf(cells: readonly string[], tables: ReportTables, previous?: ReportTables) {
  const out: Record<string, number | null> = {};
  for (const cell of cells) {
    const value = cell.startsWith('previous.')
      ? previous && readCell(previous, cell.slice('previous.'.length))
      : readCell(tables, cell);
    if (value !== undefined) out[cell] = value;
  }
  return out;
}

/** The previous report in the shape the copied-report check reads. */
function asParsed(previous: PreviousReport): ParsedReport {
  return {
    agency: previous.tables.agency,
    year: previous.tables.year,
    formatVersion: previous.tables.formatVersion,
    tables: previous.tables,
    provenance: {},
    unread: [],
    prose: previous.prose ?? { preamble: '', overview: '', problems: '', otherMatters: '' },
    sections: [],
    source: 'text',
    warnings: [],
  };
}

/** The rules and the published-text checks on a parsed report. */
export function auditParsedReport(
  file: string,
  parsed: ParsedReport,
  context: AuditContext = {},
): AuditedReport {
  const { previous } = context;
  const sameYearBefore = previous && parsed.year !== null && previous.tables.year === parsed.year - 1;
  const ruleFindings = runRules({
    tables: parsed.tables,
    prose: parsed.prose,
    ...(sameYearBefore ? { previous: previous.tables } : {}),
    ...(context.agencyLevel ? { agencyLevel: context.agencyLevel } : {}),
  });
  const published = checkPublishedReport(parsed, {
    ...(sameYearBefore && previous.prose ? { previous: asParsed(previous) } : {}),
    ...(context.deadlineKind ? { deadlineKind: context.deadlineKind } : {}),
  });
  // The prose-figures check is R8's prose half, and with last year's tables R8 also compares the
  // figures cell by cell: keep the rule's findings, not second copies. The copied-prose check stays.
  const r8Messages = new Set(ruleFindings.filter((f) => f.rule === 'R8').map((f) => f.message));
  const duplicate = (f: PublishedFinding) =>
    (f.check === 'prose_figures' && r8Messages.has(f.message)) ||
    (f.check === 'repeated' && sameYearBefore && !f.cells.some((c) => c.startsWith('prose.')));
  const before = sameYearBefore ? previous.tables : undefined;
  const findings: AuditFinding[] = [
    ...ruleFindings.map((f) => ({
      id: f.rule,
      kind: 'rule' as const,
      severity: f.severity,
      cells: f.cells,
      message: f.message,
      values: valuesOf(f.cells, parsed.tables, before),
    })),
    ...published
      .filter((f) => !duplicate(f))
      .map((f) => ({
        id: f.check,
        kind: 'published' as const,
        severity: f.severity,
        cells: f.cells,
        message: f.message,
        values: valuesOf(f.cells, parsed.tables, before),
      })),
  ];
  const cells = listCells(parsed.tables);
  const cellsRead = cells.filter((c) => c.value !== null).length;
  return {
    ok: true,
    file,
    parsed,
    tables: toCanonicalObject(parsed.tables),
    findings,
    cellsRead,
    cellsUnread: cells.length - cellsRead,
    previous: sameYearBefore ? { label: previous.label, year: previous.tables.year } : null,
  };
}

export function hasErrorFinding(result: AuditResult): boolean {
  return result.ok && result.findings.some((f) => f.severity === 'error');
}

/** The report of the year before by the same agency among `candidates` (an exact name first). */
export function findPreviousIn<T extends { parsed: ParsedReport }>(
  parsed: ParsedReport,
  candidates: readonly T[],
): T | undefined {
  if (parsed.year === null || !parsed.agency) return undefined;
  const agency = parsed.agency;
  const year = parsed.year - 1;
  const sameYear = candidates.filter((c) => c.parsed.year === year && c.parsed.agency);
  return (
    sameYear.find((c) => agencyNameMatch(agency, c.parsed.agency!) === 2) ??
    sameYear.find((c) => agencyNameMatch(agency, c.parsed.agency!) === 1)
  );
}

export type ReadResult = { file: string } & (
  | { ok: true; parsed: ParsedReport }
  | { ok: false; error: string }
);

/** Reads every document in turn, yielding to the event loop between files (a server keeps serving). */
export async function readReports(
  items: readonly InputItem[],
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for (const [index, item] of items.entries()) {
    out.push(
      item.ok
        ? { file: item.name, ...(await readReport(item)) }
        : { file: item.name, ok: false, error: item.error },
    );
    onProgress?.(index + 1, items.length, item.name);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * Audits a batch. A report whose agency's previous-year report is in the same batch is checked against
 * it (R6, R7 and the copied-report check); `contextOf` adds what the caller knows (a stored previous
 * report, the agency level) and wins over the batch.
 */
export function auditReadReports(
  reads: readonly ReadResult[],
  contextOf?: (parsed: ParsedReport) => AuditContext,
): AuditResult[] {
  const readable = reads.filter((r): r is ReadResult & { ok: true } => r.ok);
  return reads.map((r) => {
    if (!r.ok) return { ok: false, file: r.file, error: r.error };
    const fromBatch = findPreviousIn(r.parsed, readable);
    const context: AuditContext = {
      ...(fromBatch
        ? {
            previous: {
              label: fromBatch.file,
              tables: fromBatch.parsed.tables,
              prose: fromBatch.parsed.prose,
            },
          }
        : {}),
      ...contextOf?.(r.parsed),
    };
    return auditParsedReport(r.file, r.parsed, context);
  });
}
