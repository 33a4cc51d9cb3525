import {
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  type DecisionField,
  type DecisionKind,
  validateDecisionRow,
} from '../../core/catalogue/index.ts';
import type { StagedBatch, StagedDecision } from '../../db/repositories/decision.repository.ts';
import { createRepositories, inTransaction, type Repositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import {
  type CommitOutcome,
  type ImportKind,
  type ImportProblems,
  type ImportReport,
  type ImportSink,
  linesText,
  type RunImportInput,
  runImport,
} from './run-import.ts';

export {
  BATCH_SIZE,
  type ImportProgress,
  type ImportReport,
  MAX_REPORTED_PROBLEMS,
} from './run-import.ts';

/**
 * Bulk import of decisions (双公示) from CSV or XLSX, on the shared machinery of run-import.ts (job,
 * header, streaming, report, all or nothing).
 *
 * Two ways to the one guarantee that nothing is visible until the whole file is:
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
 */

export interface DecisionImportOptions {
  /** Field → header name, overriding the guess from known column names. */
  mapping?: Partial<Record<DecisionField, string>>;
  /** The kind of every row when the file has no 决定类别 column. */
  defaultKind?: DecisionKind | null;
}

export interface ImportDecisionsInput
  extends Pick<RunImportInput<DecisionField>, 'actor' | 'agencyId' | 'file' | 'onProgress' | 'onJobCreated'> {
  options?: DecisionImportOptions;
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
    await trx.catalogueImports.lockAgencyForImport(agencyId);
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

function duplicateProblem(
  problems: ImportProblems,
  lines: number[],
  documentNumber: string,
  kind: DecisionKind,
): void {
  problems.add({
    line: lines[0]!,
    column: '文号',
    message: `文号“${documentNumber}”（${DECISION_KIND_LABELS[kind]}）在文件中重复出现：第 ${linesText(lines)} 行`,
  });
}

function conflictProblem(
  problems: ImportProblems,
  line: number,
  documentNumber: string,
  differing: string[],
): void {
  problems.add({
    line,
    column: '文号',
    message: `文号“${documentNumber}”已经导入，但本文件中的${differing.join('、')}与已公开的记录不同；已公开的决定不会被覆盖，如需更正请先核实`,
  });
}

/** PostgreSQL: every batch published in the import's one open transaction while the next is read. */
function pipelinedSink(
  deps: AppDeps,
  jobId: string,
  agencyId: string,
  problems: ImportProblems,
): ImportSink<StagedDecision> {
  let validRows = 0;
  let publisher: Publisher | null = startPublisher(deps, jobId, agencyId, (rows) => {
    for (const row of rows) {
      if (row.firstLine !== null)
        duplicateProblem(problems, [row.firstLine, row.line], row.documentNumber, row.kind);
      else if (row.fields.length > 0) conflictProblem(problems, row.line, row.documentNumber, row.fields);
    }
  });
  return {
    async write(rows) {
      validRows += rows.length;
      await publisher!.publish({ json: JSON.stringify(rows) }, rows.length);
    },
    async check() {
      await publisher!.settled();
    },
    async commit(complete) {
      // The agency has been locked by the publishing transaction since the first batch: no other
      // import of it can have published in between, so the checks above still hold.
      const running = publisher!;
      publisher = null;
      return running.commit(async (trx, inserted) => {
        const outcome: CommitOutcome = { inserted, unchanged: validRows - inserted, notes: [] };
        await complete(trx, outcome);
        return outcome;
      });
    },
    async abort() {
      if (publisher) await publisher.rollback();
      publisher = null;
    },
  };
}

/** PGlite: staged in short statements, checked over the stage, published in one statement. */
async function stagedSink(
  deps: AppDeps,
  jobId: string,
  agencyId: string,
  problems: ImportProblems,
): Promise<ImportSink<StagedDecision>> {
  const repos = createRepositories(deps.db);
  await repos.decisions.createStage(jobId);
  let validRows = 0;
  let pending: Promise<void> | null = null;
  return {
    async write(rows) {
      if (pending) await pending;
      validRows += rows.length;
      pending = repos.decisions.stageRows(jobId, { json: JSON.stringify(rows) });
    },
    async check() {
      if (pending) await pending;
      pending = null;
      await repos.catalogueImports.analyseStage(jobId);
      const duplicates = await repos.decisions.findStagedDuplicates(jobId, problems.room());
      for (const group of duplicates.groups)
        duplicateProblem(problems, group.lines, group.documentNumber, group.kind);
      problems.countMore(duplicates.total - duplicates.groups.length);
      const conflicts = await repos.decisions.findStagedConflicts(jobId, agencyId, problems.room());
      for (const conflict of conflicts.rows)
        conflictProblem(problems, conflict.line, conflict.documentNumber, conflict.fields);
      problems.countMore(conflicts.total - conflicts.rows.length);
    },
    async commit(complete) {
      const outcome = await inTransaction(deps.db, async (trx) => {
        await trx.catalogueImports.lockAgencyForImport(agencyId);
        // Another import of this agency may have published in the meantime: check again under the lock.
        const late = await trx.decisions.findStagedConflicts(jobId, agencyId, 1);
        if (late.total > 0) return null;
        const inserted = await trx.decisions.commitStage(jobId, agencyId);
        const counts: CommitOutcome = { inserted, unchanged: validRows - inserted, notes: [] };
        await complete(trx, counts);
        return counts;
      });
      await repos.catalogueImports.dropStage(jobId);
      return outcome ?? { refused: '导入期间另一份文件发布了相同文号、内容不同的决定，请重新导入' };
    },
    async abort() {
      if (pending) await pending.catch(() => undefined);
      await repos.catalogueImports.dropStage(jobId);
    },
  };
}

function decisionKind(defaultKind: DecisionKind | null): ImportKind<DecisionField, StagedDecision> {
  return {
    target: 'decisions',
    noun: '决定',
    auditAction: 'decision.imported',
    specs: DECISION_FIELD_SPECS,
    async plan(deps, { agency, today }) {
      const pipelined = !(await createRepositories(deps.db).catalogueImports.isSingleSession());
      return {
        validate(cells, line) {
          const result = validateDecisionRow(cells, { defaultKind, today });
          return result.ok ? { ok: true, value: { ...result.value, line } } : result;
        },
        openSink: (jobId, problems) =>
          pipelined
            ? Promise.resolve(pipelinedSink(deps, jobId, agency.id, problems))
            : stagedSink(deps, jobId, agency.id, problems),
      };
    },
  };
}

export function importDecisions(deps: AppDeps, input: ImportDecisionsInput): Promise<ImportReport> {
  const options = input.options ?? {};
  const defaultKind = options.defaultKind ?? null;
  return runImport(deps, decisionKind(defaultKind), {
    ...input,
    mapping: options.mapping ?? {},
    optionalFields: new Set<DecisionField>(defaultKind ? ['kind'] : []),
    jobOptions: { mapping: options.mapping ?? {}, defaultKind },
  });
}
