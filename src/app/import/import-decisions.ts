import { stat } from 'node:fs/promises';
import {
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  type DecisionField,
  type DecisionKind,
  resolveColumnMapping,
  validateDecisionRow,
} from '../../core/catalogue/index.ts';
import { DomainError, isDomainError } from '../../core/shared/domain-error.ts';
import { localDateInChina } from '../../core/shared/local-date.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { ImportJobPhase, ImportProblem } from '../../db/repositories/catalogue-import.repository.ts';
import type { StagedBatch, StagedDecision } from '../../db/repositories/decision.repository.ts';
import { createRepositories, inTransaction, type Repositories } from '../../db/repositories/index.ts';
import { invalidateSearchCache } from '../catalogue/search-cache.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { openTable, type TableRow } from './read-table.ts';

/**
 * Bulk import of decisions (双公示) from CSV or XLSX.
 *
 * All or nothing. A file is published whole or not at all, and a report lists every rejected row and
 * why. Resumable imports were rejected: a half-published 双公示 file is a wrong public record, and
 * re-running a corrected file is cheap because the import is idempotent. Two ways, one guarantee:
 * - PostgreSQL (several sessions): one transaction, opened at the first batch, inserts each batch
 *   while the next is read (Node parses, the server maintains indexes — two cores at work); rows the
 *   unique key turns away are classified at once (repeated in the file, or published before with
 *   other content); any problem rolls the transaction back, so nothing was ever visible.
 * - PGlite (one session, shared with every other request): valid rows are staged in short
 *   statements, the whole-file checks are queries over the stage, and the file is published in one
 *   INSERT … SELECT — the single session is never held for the length of a file.
 *
 * Idempotent. A decision is identified by agency + kind + 文号. A row already published with the same
 * content is counted as unchanged and left alone, so importing the same file twice adds nothing; a
 * row whose 文号 is published with different content is a problem (corrections are not silent), and
 * so is a 文号 that appears twice in one file.
 *
 * Constant memory. Rows stream from the file in batches of BATCH_SIZE, at most two batches wait for
 * the database; nothing keeps all rows, keys or hashes in memory — the checks are database queries.
 */

export const BATCH_SIZE = 5000;
/** Problems kept in the report (all are counted). */
export const MAX_REPORTED_PROBLEMS = 1000;
/** Header rows are looked for among the first rows (exports often start with a title line). */
const HEADER_SEARCH_ROWS = 5;

export interface DecisionImportOptions {
  /** Field → header name, overriding the guess from known column names. */
  mapping?: Partial<Record<DecisionField, string>>;
  /** The kind of every row when the file has no 决定类别 column. */
  defaultKind?: DecisionKind | null;
}

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

export interface ImportDecisionsInput {
  /** null: the command line, run by the operator of the installation. */
  actor: Actor | null;
  agencyId: string;
  file: { path: string; name: string };
  options?: DecisionImportOptions;
  onProgress?: (progress: ImportProgress) => void;
  /** Called as soon as the job row exists (the console polls it). */
  onJobCreated?: (jobId: string) => void;
}

const STALE_JOB_MINUTES = 30;

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function linesText(lines: number[]): string {
  const shown = lines.slice(0, 10).join('、');
  return lines.length > 10 ? `${shown} 等 ${lines.length} 行` : shown;
}

/** A row the unique key turned away, as the publishing transaction classified it. */
type SkippedRow = Awaited<ReturnType<Repositories['decisions']['publishBatch']>>['skipped'][number];

/**
 * The pipelined publication (see above): a queue between the reader and the transaction, at most two
 * batches deep so that memory stays bounded whatever the file's size.
 */
interface Publisher {
  publish(batch: StagedBatch, size: number): Promise<void>;
  /** Resolves when every batch sent so far has been inserted and classified. */
  settled(): Promise<void>;
  commit<T>(complete: (trx: Repositories, inserted: number) => Promise<T>): Promise<T>;
  rollback(): Promise<void>;
}

class RollbackSignal extends Error {}

function startPublisher(
  deps: AppDeps,
  jobId: string,
  agencyId: string,
  onSkipped: (rows: SkippedRow[]) => void,
): Publisher {
  type Item =
    | { batch: StagedBatch; size: number }
    | { barrier: () => void }
    | { commit: (trx: Repositories, inserted: number) => Promise<unknown> }
    | { rollback: true };
  const queue: Item[] = [];
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  let failure: unknown = null;
  const take = async (): Promise<Item> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wakeConsumer = resolve));
    const item = queue.shift()!;
    wakeProducer?.();
    return item;
  };
  const put = (item: Item) => {
    queue.push(item);
    wakeConsumer?.();
  };
  const done = inTransaction(deps.db, async (trx) => {
    await trx.decisions.lockAgencyForImport(agencyId);
    let inserted = 0;
    for (;;) {
      const item = await take();
      if ('batch' in item) {
        const result = await trx.decisions.publishBatch(jobId, agencyId, item.batch, item.size);
        inserted += result.inserted;
        if (result.skipped.length > 0) onSkipped(result.skipped);
      } else if ('barrier' in item) item.barrier();
      else if ('commit' in item) return item.commit(trx, inserted);
      else throw new RollbackSignal();
    }
  }).catch((error: unknown) => {
    failure = error;
    wakeProducer?.();
    throw error;
  });
  done.catch(() => undefined);
  return {
    async publish(batch, size) {
      if (failure) throw failure;
      put({ batch, size });
      while (queue.length > 2 && !failure) await new Promise<void>((resolve) => (wakeProducer = resolve));
      if (failure) throw failure;
    },
    async settled() {
      if (failure) throw failure;
      await Promise.race([
        new Promise<void>((resolve) => put({ barrier: resolve })),
        done.then(() => undefined),
      ]);
      if (failure) throw failure;
    },
    async commit<T>(complete: (trx: Repositories, inserted: number) => Promise<T>): Promise<T> {
      put({ commit: complete });
      return (await done) as T;
    },
    async rollback() {
      put({ rollback: true });
      await done.catch((error: unknown) => {
        if (!(error instanceof RollbackSignal)) throw error;
      });
    },
  };
}

export async function importDecisions(deps: AppDeps, input: ImportDecisionsInput): Promise<ImportReport> {
  const started = performance.now();
  const repos = createRepositories(deps.db);
  if (input.actor) {
    requirePermission(input.actor, 'catalogue.import');
    await requireAgencyInScope(repos, input.actor, input.agencyId);
  }
  const agency = await repos.agencies.findById(input.agencyId);
  if (!agency) throw new DomainError('not_found', '机关不存在');
  const options = input.options ?? {};
  const fileSize = await stat(input.file.path).then(
    (info) => info.size,
    () => {
      throw new DomainError('import_file_invalid', `无法读取文件 ${input.file.name}`);
    },
  );
  const today = localDateInChina(deps.clock.now());

  // Jobs whose process died (server stopped mid-import) are failed, their stages dropped.
  await repos.catalogueImports.failStale(STALE_JOB_MINUTES, '导入进程已中断，未导入任何记录');
  await repos.decisions.dropStagesExcept(await repos.catalogueImports.listRunningIds());

  const jobId = await repos.catalogueImports.create({
    agencyId: agency.id,
    target: 'decisions',
    fileName: input.file.name,
    byteSize: fileSize,
    options: { mapping: options.mapping ?? {}, defaultKind: options.defaultKind ?? null },
    startedBy: input.actor?.staffId ?? null,
    startedByLabel: input.actor ? actorLabel(input.actor) : '命令行导入',
  });
  input.onJobCreated?.(jobId);

  const problems: ImportProblem[] = [];
  let errorCount = 0;
  const addProblem = (problem: ImportProblem) => {
    errorCount++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };
  let rowsRead = 0;
  let validRows = 0;
  let ignoredHeaders: string[] = [];
  let format: 'csv' | 'xlsx' | null = null;
  let staged = false;
  let publisher: Publisher | null = null;
  let bytesRead = () => 0;
  let totalBytes = 0;

  const progress = async (phase: ImportJobPhase) => {
    const p = { phase, rowsRead, bytesRead: bytesRead(), errorCount };
    input.onProgress?.({ ...p, totalBytes });
    await repos.catalogueImports.recordProgress(jobId, p);
  };

  const fail = async (message: string): Promise<ImportReport> => {
    if (publisher) {
      await publisher.rollback();
      publisher = null;
    }
    if (staged) await repos.decisions.dropStage(jobId);
    await repos.catalogueImports.finish(jobId, {
      status: 'failed',
      rowsRead,
      bytesRead: bytesRead(),
      rowsInserted: 0,
      rowsUnchanged: 0,
      errorCount,
      errors: problems,
      message,
    });
    input.onProgress?.({ phase: 'done', rowsRead, bytesRead: bytesRead(), totalBytes, errorCount });
    return {
      jobId,
      status: 'failed',
      fileName: input.file.name,
      format,
      rowsRead,
      rowsInserted: 0,
      rowsUnchanged: 0,
      errorCount,
      errors: problems,
      ignoredHeaders,
      message,
      elapsedMs: performance.now() - started,
    };
  };

  try {
    const table = await openTable(input.file.path, input.file.name);
    format = table.format;
    totalBytes = table.byteSize;
    bytesRead = table.bytesRead;
    const pipelined = !(await repos.decisions.isSingleSession());
    if (!pipelined) {
      await repos.decisions.createStage(jobId);
      staged = true;
    }

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
      addProblem({ message: '文件中没有任何数据' });
      return await fail('未导入任何记录：文件中没有任何数据');
    }
    const optional = new Set<DecisionField>(options.defaultKind ? ['kind'] : []);
    let headerIndex = -1;
    let mapping: Partial<Record<DecisionField, number>> = {};
    let firstRefusal: string[] = [];
    for (let i = 0; i < leading.length; i++) {
      const resolved = resolveColumnMapping(
        DECISION_FIELD_SPECS,
        leading[i]!.cells,
        options.mapping ?? {},
        optional,
      );
      if (resolved.ok) {
        headerIndex = i;
        mapping = resolved.value.columns;
        ignoredHeaders = resolved.value.ignoredHeaders;
        break;
      }
      if (i === 0) firstRefusal = resolved.error.problems;
    }
    if (headerIndex < 0) {
      for (const message of firstRefusal) addProblem({ line: leading[0]!.line, message });
      return await fail(`未导入任何记录：文件的列不符合要求（${firstRefusal.join('；')}）`);
    }
    const header = leading[headerIndex]!;

    const fields = Object.entries(mapping) as [DecisionField, number][];
    const duplicateProblem = (line: number, firstLine: number, documentNumber: string, kind: DecisionKind) =>
      addProblem({
        line: firstLine,
        column: '文号',
        message: `文号“${documentNumber}”（${DECISION_KIND_LABELS[kind]}）在文件中重复出现：第 ${linesText([firstLine, line])} 行`,
      });
    const conflictProblem = (line: number, documentNumber: string, differing: string[]) =>
      addProblem({
        line,
        column: '文号',
        message: `文号“${documentNumber}”已经导入，但本文件中的${differing.join('、')}与已公开的记录不同；已公开的决定不会被覆盖，如需更正请先核实`,
      });
    if (pipelined) {
      publisher = startPublisher(deps, jobId, agency.id, (rows) => {
        for (const row of rows) {
          if (row.firstLine !== null) duplicateProblem(row.line, row.firstLine, row.documentNumber, row.kind);
          else if (row.fields.length > 0) conflictProblem(row.line, row.documentNumber, row.fields);
        }
      });
    }
    let batch: StagedDecision[] = [];
    let pending: Promise<void> | null = null;
    const flush = async () => {
      if (pending) await pending;
      pending = null;
      if (batch.length === 0) return;
      const serialised = { json: JSON.stringify(batch) };
      const size = batch.length;
      batch = [];
      if (publisher) await publisher.publish(serialised, size);
      else pending = repos.decisions.stageRows(jobId, serialised);
    };
    const handle = (row: TableRow) => {
      if (isBlank(row.cells)) return;
      rowsRead++;
      const cells: Partial<Record<DecisionField, string>> = {};
      for (const [field, index] of fields) cells[field] = row.cells[index] ?? '';
      const result = validateDecisionRow(cells, { defaultKind: options.defaultKind ?? null, today });
      if (result.ok) {
        validRows++;
        batch.push({ ...result.value, line: row.line });
      } else {
        for (const problem of result.problems) addProblem({ line: row.line, ...problem });
      }
    };
    for (const row of leading.slice(headerIndex + 1)) handle(row);
    for (const row of rest) handle(row);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      for (const row of next.value) handle(row);
      if (batch.length >= BATCH_SIZE) {
        await flush();
        await progress('reading');
      }
    }
    await flush();
    if (pending) await pending;
    await progress('checking');

    if (rowsRead === 0) {
      addProblem({ line: header.line, message: '表头之后没有数据行' });
      return await fail('未导入任何记录：表头之后没有数据行');
    }

    if (publisher) {
      await publisher.settled();
    } else {
      await repos.decisions.analyseStage(jobId);
      const room = () => Math.max(1, MAX_REPORTED_PROBLEMS - problems.length);
      const duplicates = await repos.decisions.findStagedDuplicates(jobId, room());
      for (const group of duplicates.groups) {
        addProblem({
          line: group.lines[0]!,
          column: '文号',
          message: `文号“${group.documentNumber}”（${DECISION_KIND_LABELS[group.kind]}）在文件中重复出现：第 ${linesText(group.lines)} 行`,
        });
      }
      errorCount += Math.max(0, duplicates.total - duplicates.groups.length);
      const conflicts = await repos.decisions.findStagedConflicts(jobId, agency.id, room());
      for (const conflict of conflicts.rows)
        conflictProblem(conflict.line, conflict.documentNumber, conflict.fields);
      errorCount += Math.max(0, conflicts.total - conflicts.rows.length);
    }

    if (errorCount > 0) {
      return await fail(
        `未导入任何记录：${rowsRead} 行数据中发现 ${errorCount} 处问题，请改正后重新导入整个文件（重复导入不会产生重复记录）`,
      );
    }

    await progress('committing');
    const complete = async (trx: Repositories, inserted: number) => {
      const unchanged = validRows - inserted;
      const message =
        inserted > 0
          ? `导入完成：新增 ${inserted} 条决定${unchanged > 0 ? `，${unchanged} 条与已导入的记录相同，未重复添加` : ''}`
          : `全部 ${unchanged} 条决定此前已经导入，未新增任何记录`;
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
        action: 'decision.imported',
        entityType: 'import_job',
        entityId: jobId,
        newValue: { fileName: input.file.name, rowsRead, inserted, unchanged },
      });
      return { inserted, unchanged, message };
    };
    let outcome: { inserted: number; unchanged?: number; message?: string };
    if (publisher) {
      // The agency has been locked by the publishing transaction since the first batch: no other
      // import of it can have published in between, so the checks above still hold.
      const running = publisher;
      publisher = null;
      outcome = await running.commit(complete);
    } else {
      outcome = await inTransaction(deps.db, async (trx) => {
        await trx.decisions.lockAgencyForImport(agency.id);
        // Another import of this agency may have published in the meantime: check again under the lock.
        const late = await trx.decisions.findStagedConflicts(jobId, agency.id, 1);
        if (late.total > 0) return { inserted: -1 };
        return complete(trx, await trx.decisions.commitStage(jobId, agency.id));
      });
    }
    if (outcome.inserted < 0) {
      addProblem({ message: '导入期间另一份文件发布了相同文号、内容不同的决定，请重新导入' });
      return await fail('未导入任何记录：导入期间另一份文件发布了相同文号、内容不同的决定');
    }
    await repos.decisions.dropStage(jobId);
    staged = false;
    invalidateSearchCache();
    input.onProgress?.({ phase: 'done', rowsRead, bytesRead: bytesRead(), totalBytes, errorCount: 0 });
    return {
      jobId,
      status: 'succeeded',
      fileName: input.file.name,
      format,
      rowsRead,
      rowsInserted: outcome.inserted,
      rowsUnchanged: outcome.unchanged ?? 0,
      errorCount: 0,
      errors: [],
      ignoredHeaders,
      message: outcome.message ?? '',
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    if (
      isDomainError(error) &&
      (error.code === 'import_file_invalid' || error.code === 'import_file_too_large')
    ) {
      addProblem({ message: error.message });
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
