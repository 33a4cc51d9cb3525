import { stat } from 'node:fs/promises';
import type { Agency } from '../../core/agency/agency.ts';
import { type ImportFieldSpec, type RowProblem, resolveColumnMapping } from '../../core/catalogue/index.ts';
import { DomainError, isDomainError } from '../../core/shared/domain-error.ts';
import { type LocalDate, localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import type {
  ImportJobPhase,
  ImportProblem,
  ImportTarget,
} from '../../db/repositories/catalogue-import.repository.ts';
import { createRepositories, type Repositories } from '../../db/repositories/index.ts';
import { invalidateSearchCache } from '../catalogue/search-cache.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { openTable, type TableRow } from './read-table.ts';

/**
 * The bulk-import machinery every kind of file shares (decisions, catalogue documents): the job and
 * its progress, the header row and column mapping, the rows read, checked and sent to the database
 * in batches, the report of rejected rows, the all-or-nothing end. What a row is, where it is
 * written and how the whole file is checked is the kind's (ImportKind); see import-decisions.ts and
 * import-documents.ts for how each keeps the guarantees.
 *
 * All or nothing: one problem anywhere and nothing is published; the report lists every rejected
 * row and why (the first MAX_REPORTED_PROBLEMS; all are counted). Resumable imports were rejected: a
 * half-published file is a wrong public record, and re-running a corrected file is cheap because
 * every kind is idempotent on a natural key.
 *
 * Constant memory: rows stream from the file and leave in batches (BATCH_SIZE rows or
 * MAX_BATCH_CHARS of text, whichever comes first); a kind keeps at most a batch or two waiting for
 * the database and never all rows, keys or hashes — its whole-file checks are database queries.
 */

export const BATCH_SIZE = 5000;
/** Long cells (a document's 正文) close a batch early: its JSON stays a few megabytes. */
export const MAX_BATCH_CHARS = 4_000_000;
/** Problems kept in the report (all are counted). */
export const MAX_REPORTED_PROBLEMS = 1000;
/** Header rows are looked for among the first rows (exports often start with a title line). */
export const HEADER_SEARCH_ROWS = 5;
const STALE_JOB_MINUTES = 30;

export interface ImportProgress {
  phase: ImportJobPhase;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  errorCount: number;
}

export interface ImportReport {
  jobId: string;
  status: 'succeeded' | 'failed';
  fileName: string;
  format: 'csv' | 'xlsx' | null;
  rowsRead: number;
  rowsInserted: number;
  rowsUnchanged: number;
  errorCount: number;
  errors: ImportProblem[];
  ignoredHeaders: string[];
  message: string;
  elapsedMs: number;
}

/** Where a kind reports what it finds: listed while there is room, counted always. */
export interface ImportProblems {
  add(problem: ImportProblem): void;
  /** Problems found but not listed (a query returned only the first ones). */
  countMore(n: number): void;
  /** How many more the report lists (at least 1, so that a query asks for one). */
  room(): number;
}

export interface CommitOutcome {
  inserted: number;
  unchanged: number;
  /** Said after the count in the report (e.g. how many 索引号 were replaced). */
  notes: string[];
}

/** The database side of one import job. */
export interface ImportSink<R> {
  /** Takes a batch of valid rows; returns when the next batch may come (a batch or two may wait). */
  write(rows: R[]): Promise<void>;
  /** After the last batch: every row written, then the whole-file checks (problems reported). */
  check(): Promise<void>;
  /**
   * No problem anywhere: publishes in one transaction and runs `complete` inside it (the job's
   * report and audit line commit with the rows). `refused` when a late conflict — another import
   * of the agency published in between — forbids it.
   */
  commit(
    complete: (trx: Repositories, outcome: CommitOutcome) => Promise<void>,
  ): Promise<CommitOutcome | { refused: string }>;
  /** Drops whatever was written (stage, open transaction). */
  abort(): Promise<void>;
}

export type RowResult<R> = { ok: true; value: R } | { ok: false; problems: RowProblem[] };

/** A kind made ready for one agency: its row check and its database side. */
export interface ImportPlan<F extends string, R> {
  validate(cells: Partial<Record<F, string>>, line: number): RowResult<R>;
  openSink(jobId: string, problems: ImportProblems): Promise<ImportSink<R>>;
}

export interface ImportKind<F extends string, R> {
  target: ImportTarget;
  /** The report's noun: 决定, 目录条目. */
  noun: string;
  /** The audit action of a successful job. */
  auditAction: string;
  specs: readonly ImportFieldSpec<F>[];
  plan(
    deps: AppDeps,
    context: { agency: Agency; today: LocalDate; actor: Actor | null },
  ): Promise<ImportPlan<F, R>>;
}

export interface RunImportInput<F extends string> {
  /** null: the command line, run by the operator of the installation. */
  actor: Actor | null;
  agencyId: string;
  file: { path: string; name: string };
  /** Field → header name, overriding the guess from known column names. */
  mapping?: Partial<Record<F, string>>;
  /** Required fields the file may lack because the options give them a value for every row. */
  optionalFields?: ReadonlySet<F>;
  /** What the job records of the options (shown with the job). */
  jobOptions: Record<string, unknown>;
  onProgress?: (progress: ImportProgress) => void;
  /** Called as soon as the job row exists (the console polls it). */
  onJobCreated?: (jobId: string) => void;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Lines of a repeated key, as a report says them: 第 5、80 行 (ten at most, then the count). */
export function linesText(lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join('、');
  return lines.length > 10 ? `${shown} 等 ${lines.length} 行` : shown;
}

function rowChars(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) n += cell.length;
  return n;
}

export async function runImport<F extends string, R>(
  deps: AppDeps,
  kind: ImportKind<F, R>,
  input: RunImportInput<F>,
): Promise<ImportReport> {
  const started = performance.now();
  const repos = createRepositories(deps.db);
  if (input.actor) {
    requirePermission(input.actor, 'catalogue.import');
    await requireAgencyInScope(repos, input.actor, input.agencyId);
  }
  const agency = await repos.agencies.findById(input.agencyId);
  if (!agency) throw new DomainError('not_found', '机关不存在');
  const fileSize = await stat(input.file.path).then(
    (info) => info.size,
    () => {
      throw new DomainError('import_file_invalid', `无法读取文件 ${input.file.name}`);
    },
  );
  const today = localDateInChina(deps.clock.now());
  const plan = await kind.plan(deps, { agency, today, actor: input.actor });

  // Jobs whose process died (server stopped mid-import) are failed, their stages dropped.
  await repos.catalogueImports.failStale(STALE_JOB_MINUTES, '导入进程已中断，未导入任何记录');
  await repos.catalogueImports.dropStagesExcept(await repos.catalogueImports.listRunningIds());

  const jobId = await repos.catalogueImports.create({
    agencyId: agency.id,
    target: kind.target,
    fileName: input.file.name,
    byteSize: fileSize,
    options: input.jobOptions,
    startedBy: input.actor?.staffId ?? null,
    startedByLabel: input.actor ? actorLabel(input.actor) : '命令行导入',
  });
  input.onJobCreated?.(jobId);

  const listed: ImportProblem[] = [];
  let errorCount = 0;
  const problems: ImportProblems = {
    add(problem) {
      errorCount++;
      if (listed.length < MAX_REPORTED_PROBLEMS) listed.push(problem);
    },
    countMore(n) {
      errorCount += Math.max(0, n);
    },
    room: () => Math.max(1, MAX_REPORTED_PROBLEMS - listed.length),
  };
  let rowsRead = 0;
  let ignoredHeaders: string[] = [];
  let format: 'csv' | 'xlsx' | null = null;
  let sink: ImportSink<R> | null = null;
  let bytesRead = () => 0;
  let totalBytes = 0;

  const progress = async (phase: ImportJobPhase) => {
    const p = { phase, rowsRead, bytesRead: bytesRead(), errorCount };
    input.onProgress?.({ ...p, totalBytes });
    await repos.catalogueImports.recordProgress(jobId, p);
  };

  const report = (status: 'succeeded' | 'failed', message: string, counts?: CommitOutcome) => ({
    jobId,
    status,
    fileName: input.file.name,
    format,
    rowsRead,
    rowsInserted: counts?.inserted ?? 0,
    rowsUnchanged: counts?.unchanged ?? 0,
    errorCount,
    errors: listed,
    ignoredHeaders,
    message,
    elapsedMs: performance.now() - started,
  });

  const fail = async (message: string): Promise<ImportReport> => {
    if (sink) {
      const open = sink;
      sink = null;
      await open.abort();
    }
    await repos.catalogueImports.finish(jobId, {
      status: 'failed',
      rowsRead,
      bytesRead: bytesRead(),
      rowsInserted: 0,
      rowsUnchanged: 0,
      errorCount,
      errors: listed,
      message,
    });
    input.onProgress?.({ phase: 'done', rowsRead, bytesRead: bytesRead(), totalBytes, errorCount });
    return report('failed', message);
  };

  try {
    const table = await openTable(input.file.path, input.file.name);
    format = table.format;
    totalBytes = table.byteSize;
    bytesRead = table.bytesRead;

    const iterator = table.batches()[Symbol.asyncIterator]();
    // The header: the first of the leading rows whose names resolve to the required columns.
    const leading: TableRow[] = [];
    let rest: TableRow[] = [];
    while (leading.length < HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      let i = 0;
      for (; i < next.value.length && leading.length < HEADER_SEARCH_ROWS; i++) {
        if (!isBlank(next.value[i]!.cells)) leading.push(next.value[i]!);
      }
      rest = next.value.slice(i);
    }
    if (leading.length === 0) {
      problems.add({ message: '文件中没有任何数据' });
      return await fail('未导入任何记录：文件中没有任何数据');
    }
    const header = findHeader(kind.specs, leading, input.mapping ?? {}, input.optionalFields);
    if (!header.ok) {
      for (const message of header.problems) problems.add({ line: leading[0]!.line, message });
      return await fail(`未导入任何记录：文件的列不符合要求（${header.problems.join('；')}）`);
    }
    ignoredHeaders = header.ignoredHeaders;
    const fields = Object.entries(header.columns) as [F, number][];
    sink = await plan.openSink(jobId, problems);
    const open = sink;

    let batch: R[] = [];
    let batchChars = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      batchChars = 0;
      await open.write(rows);
    };
    const handle = (row: TableRow) => {
      if (isBlank(row.cells)) return;
      rowsRead++;
      const cells: Partial<Record<F, string>> = {};
      for (const [field, index] of fields) cells[field] = row.cells[index] ?? '';
      const result = plan.validate(cells, row.line);
      if (result.ok) {
        batch.push(result.value);
        batchChars += rowChars(row.cells);
      } else {
        for (const problem of result.problems) problems.add({ line: row.line, ...problem });
      }
    };
    for (const row of leading.slice(header.index + 1)) handle(row);
    for (const row of rest) handle(row);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      let flushed = false;
      for (const row of next.value) {
        handle(row);
        if (batch.length >= BATCH_SIZE || batchChars >= MAX_BATCH_CHARS) {
          await flush();
          flushed = true;
        }
      }
      if (flushed) await progress('reading');
    }
    await flush();
    await progress('checking');

    if (rowsRead === 0) {
      problems.add({ line: leading[header.index]!.line, message: '表头之后没有数据行' });
      return await fail('未导入任何记录：表头之后没有数据行');
    }
    await open.check();
    if (errorCount > 0) {
      return await fail(
        `未导入任何记录：${rowsRead} 行数据中发现 ${errorCount} 处问题，请改正后重新导入整个文件（重复导入不会产生重复记录）`,
      );
    }

    await progress('committing');
    let message = '';
    const outcome = await open.commit(async (trx, counts) => {
      const { inserted, unchanged } = counts;
      message =
        inserted > 0
          ? `导入完成：新增 ${inserted} 条${kind.noun}${unchanged > 0 ? `，${unchanged} 条与已导入的记录相同，未重复添加` : ''}`
          : `全部 ${unchanged} 条${kind.noun}此前已经导入，未新增任何记录`;
      if (counts.notes.length > 0) message += `；${counts.notes.join('；')}`;
      await trx.catalogueImports.finish(jobId, {
        status: 'succeeded',
        rowsRead,
        bytesRead: bytesRead(),
        rowsInserted: inserted,
        rowsUnchanged: unchanged,
        errorCount: 0,
        errors: [],
        message,
      });
      await trx.auditLog.append({
        actorStaffId: input.actor?.staffId ?? null,
        actorLabel: input.actor ? actorLabel(input.actor) : '命令行导入',
        agencyId: agency.id,
        action: kind.auditAction,
        entityType: 'import_job',
        entityId: jobId,
        newValue: { fileName: input.file.name, rowsRead, inserted, unchanged, notes: counts.notes },
      });
    });
    if ('refused' in outcome) {
      problems.add({ message: outcome.refused });
      return await fail(`未导入任何记录：${outcome.refused}`);
    }
    sink = null;
    invalidateSearchCache();
    input.onProgress?.({ phase: 'done', rowsRead, bytesRead: bytesRead(), totalBytes, errorCount: 0 });
    return report('succeeded', message, outcome);
  } catch (error) {
    if (
      isDomainError(error) &&
      (error.code === 'import_file_invalid' || error.code === 'import_file_too_large')
    ) {
      problems.add({ message: error.message });
      return await fail(`未导入任何记录：${error.message}`);
    }
    try {
      await fail('导入中断，未导入任何记录：系统内部错误');
    } catch {
      // The original error matters more than a failed clean-up.
    }
    throw error;
  }
}

/**
 * The header among the leading rows: the first whose names resolve (known names or the explicit
 * mapping) to every required column; else the first row's refusal, which names what is missing.
 */
export function findHeader<F extends string>(
  specs: readonly ImportFieldSpec<F>[],
  leading: readonly TableRow[],
  mapping: Partial<Record<F, string>>,
  optionalFields: ReadonlySet<F> = new Set(),
):
  | { ok: true; index: number; columns: Partial<Record<F, number>>; ignoredHeaders: string[] }
  | { ok: false; problems: string[] } {
  let firstRefusal: string[] = [];
  for (let i = 0; i < leading.length; i++) {
    const resolved = resolveColumnMapping(specs, leading[i]!.cells, mapping, optionalFields);
    if (resolved.ok) return { ok: true, index: i, ...resolved.value };
    if (i === 0) firstRefusal = resolved.error.problems;
  }
  return { ok: false, problems: firstRefusal };
}
