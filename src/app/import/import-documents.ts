import {
  ARTICLE_20_CATEGORIES,
  ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ARTICLE_21_TOWNSHIP_CATEGORIES,
  categoriesForLevel,
  DEFAULT_INDEX_NUMBER_PATTERN,
  DOCUMENT_FIELD_SPECS,
  type DocumentImportField,
  type DocumentType,
  documentKey,
  ENTRY_STATUS_LABELS,
  type EntryStatus,
  findCategoryByText,
  formatIndexNumber,
  type IndexNumberRule,
  indexNumberPeriod,
  parseIndexNumberPattern,
  validateDocumentRow,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { StagedDocument } from '../../db/repositories/document-import.repository.ts';
import { createRepositories, inTransaction, type Repositories } from '../../db/repositories/index.ts';
import { entryTokens } from '../catalogue/entry-access.ts';
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

/**
 * Bulk import of an agency's existing catalogue (规范性文件、政策文件、通知公告、政策解读 …) from its
 * old system, on the shared machinery of run-import.ts (job, header, streaming, report, all or
 * nothing). Each row becomes a PUBLISHED entry with its historical 成文日期 and 发布日期, so the
 * 第二十六条 clock (published late or not, on the workday calendar) and section 二 treat it exactly
 * as an entry published in the console; its search tokens are computed by the same entryTokens the
 * console's publication uses, with the historical publication date as the year facet.
 *
 * All or nothing, on both engines the same way: rows are staged (with their tokens) in short
 * statements while the file is read, the whole-file checks are queries over the stage, and one
 * transaction numbers and publishes the file. Nothing is visible until the whole file is; a file
 * with one problem publishes nothing and its report lists every rejected row (resumable imports
 * were rejected for the reason run-import.ts gives).
 *
 * Idempotent. The natural key is the 文号 within the agency when the row has one (a 文号 is issued
 * once), else title + 成文日期. A row whose document is already in the catalogue with the same
 * content is counted as unchanged, so the same file imported twice adds nothing; with other content,
 * or as a draft or entry under review, it is a row problem (corrections are not silent, published
 * entries are never overwritten); a key twice in one file is a row problem too.
 *
 * 索引号 (条例第十二条): a number the row brings is kept when it has exactly the agency's rule shape
 * and no entry holds it — and the counter of its period is raised past it, so it is never drawn
 * again; every other row gets the next numbers of the rule for the period of its 发布日期, drawn in
 * one run per period, in order of publication. A number is never reused.
 *
 * Audit: one audit line per job (who, which file, how many published and unchanged), in the
 * publishing transaction. A line per entry was rejected: a 100,000-row migration would write as
 * many audit lines as entries; each entry instead carries its job id and line in the file
 * (import_job_id, source_line), which together with the job's audit line tell where it came from.
 */

export interface DocumentImportOptions {
  /** Field → header name, overriding the guess from known column names. */
  mapping?: Partial<Record<DocumentImportField, string>>;
  /** The 类别 (code or label) of every row when the file has no 类别 column. */
  defaultCategory?: string | null;
  /** The 文种 of every row when the file has no 文种 column. */
  defaultDocumentType?: DocumentType | null;
}

export interface ImportDocumentsInput
  extends Pick<
    RunImportInput<DocumentImportField>,
    'actor' | 'agencyId' | 'file' | 'onProgress' | 'onJobCreated'
  > {
  options?: DocumentImportOptions;
}

const ALL_CATEGORIES = [
  ...ARTICLE_20_CATEGORIES,
  ...ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ...ARTICLE_21_TOWNSHIP_CATEGORIES,
];

/** A publication the checks under the lock forbid: its transaction rolls back. */
class Refusal extends Error {}

/** Rows read per statement when 索引号 are given out. */
const NUMBERING_CHUNK = 5000;

function subject(row: { documentNumber: string | null; title: string; formedOn: string }): string {
  return row.documentNumber
    ? `文号“${row.documentNumber}”`
    : `标题“${row.title}”（成文日期 ${row.formedOn}）`;
}

/**
 * 索引号 for every row to be published that has none kept, in the publishing transaction. Returns a
 * refusal when a period's serials run out (the rule's serial is too short for the catalogue).
 */
async function numberRows(
  trx: Repositories,
  jobId: string,
  agency: { id: string; code: string },
  rule: IndexNumberRule,
): Promise<string | null> {
  const format = (serial: number, publishedOn: string) =>
    formatIndexNumber(rule, { agencyCode: agency.code, publishedOn, serial });
  for (const { period, count } of await trx.documentImports.countUnnumbered(jobId)) {
    const last = await trx.catalogue.drawSerial(agency.id, period, count);
    let serial = last - count + 1;
    for (;;) {
      const rows = await trx.documentImports.nextUnnumbered(jobId, period, NUMBERING_CHUNK);
      if (rows.length === 0) break;
      const numbers: { line: number; indexNumber: string }[] = [];
      for (const row of rows) {
        const formatted = format(serial++, row.publishedOn);
        if (!formatted.ok) return `${period} 期间：${formatted.error.message}`;
        numbers.push({ line: row.line, indexNumber: formatted.value });
      }
      await trx.documentImports.setIndexNumbers(jobId, numbers);
    }
  }
  // A drawn number already in use (given before the counter knew of it): the next free one instead.
  for (const row of await trx.documentImports.findTakenGenerated(jobId)) {
    let assigned = false;
    for (let attempt = 0; attempt < 1000 && !assigned; attempt++) {
      const formatted = format(await trx.catalogue.drawSerial(agency.id, row.period), row.publishedOn);
      if (!formatted.ok) return `${row.period} 期间：${formatted.error.message}`;
      if (
        (await trx.catalogue.isIndexNumberTaken(formatted.value)) ||
        (await trx.documentImports.isIndexNumberStaged(jobId, formatted.value))
      )
        continue;
      await trx.documentImports.setIndexNumbers(jobId, [{ line: row.line, indexNumber: formatted.value }]);
      assigned = true;
    }
    if (!assigned) return '无法生成未被占用的索引号，请检查本机关的索引号规则';
  }
  return null;
}

async function documentSink(
  deps: AppDeps,
  context: {
    jobId: string;
    agency: { id: string; code: string };
    rule: IndexNumberRule;
    createdBy: string | null;
  },
  problems: ImportProblems,
): Promise<ImportSink<StagedDocument>> {
  const { jobId, agency } = context;
  const repos = createRepositories(deps.db);
  await repos.documentImports.createStage(jobId);
  let pending: Promise<void> | null = null;
  return {
    async write(rows) {
      if (pending) await pending;
      pending = repos.documentImports.stageRows(jobId, { json: JSON.stringify(rows) });
    },

    async check() {
      if (pending) await pending;
      pending = null;
      await repos.catalogueImports.analyseStage(jobId);
      const keys = await repos.documentImports.findDuplicateKeys(jobId, problems.room());
      for (const group of keys.groups) {
        problems.add({
          line: group.lines[0]!,
          column: group.documentNumber ? '文号' : '标题',
          message: `${subject(group)}在文件中重复出现：第 ${linesText(group.lines)} 行`,
        });
      }
      problems.countMore(keys.total - keys.groups.length);
      const numbers = await repos.documentImports.findDuplicateIndexNumbers(jobId, problems.room());
      for (const group of numbers.groups) {
        problems.add({
          line: group.lines[0]!,
          column: '索引号',
          message: `索引号“${group.indexNumber}”在文件中重复出现：第 ${linesText(group.lines)} 行（索引号全局唯一）`,
        });
      }
      problems.countMore(numbers.total - numbers.groups.length);
      const existing = await repos.documentImports.findExistingConflicts(jobId, agency.id, problems.room());
      for (const row of existing.rows) {
        const status = row.status as EntryStatus;
        problems.add({
          line: row.line,
          column: row.documentNumber ? '文号' : '标题',
          message:
            status === 'draft' || status === 'in_review'
              ? `${subject(row)}在目录中已有“${ENTRY_STATUS_LABELS[status]}”的条目，请先在控制台处理该条目再导入`
              : `${subject(row)}已在目录中${status === 'withdrawn' ? '（已撤回）' : ''}，但本文件中的${row.fields.join('、')}与目录中的条目不同；已公开的条目不会被覆盖，如需更正请在控制台修改`,
        });
      }
      problems.countMore(existing.total - existing.rows.length);
    },

    async commit(complete) {
      let outcome: CommitOutcome;
      try {
        outcome = await inTransaction(deps.db, async (trx) => {
          await trx.catalogueImports.lockAgencyForImport(agency.id);
          // Another import of this agency may have published in the meantime: check again under the lock.
          const late = await trx.documentImports.findExistingConflicts(jobId, agency.id, 1);
          if (late.total > 0) {
            throw new Refusal('导入期间目录中出现了与本文件文号或标题相同、内容不同的条目，请重新导入');
          }
          const unchanged = await trx.documentImports.markExisting(jobId, agency.id);
          const released = await trx.documentImports.releaseTakenIndexNumbers(jobId);
          for (const kept of await trx.documentImports.keptSerials(jobId))
            await trx.catalogue.raiseSerialTo(agency.id, kept.period, kept.serial);
          const refusal = await numberRows(trx, jobId, agency, context.rule);
          // Thrown, not returned: the transaction rolls back (counters, stage marks) with it.
          if (refusal) throw new Refusal(refusal);
          const inserted = await trx.documentImports.publishStage(jobId, agency.id, context.createdBy);
          const replaced = released + (await trx.documentImports.countReplacedIndexNumbers(jobId));
          const counts: CommitOutcome = {
            inserted,
            unchanged,
            notes:
              replaced > 0
                ? [`其中 ${replaced} 条的原索引号不符合本机关的索引号规则或已被占用，已按规则重新编号`]
                : [],
          };
          await complete(trx, counts);
          return counts;
        });
      } catch (error) {
        if (error instanceof Refusal) return { refused: error.message };
        throw error;
      }
      await repos.catalogueImports.dropStage(jobId);
      return outcome;
    },

    async abort() {
      if (pending) await pending.catch(() => undefined);
      pending = null;
      await repos.catalogueImports.dropStage(jobId);
    },
  };
}

function documentKind(options: DocumentImportOptions): ImportKind<DocumentImportField, StagedDocument> {
  return {
    target: 'documents',
    noun: '目录条目',
    auditAction: 'catalogue_entry.imported',
    specs: DOCUMENT_FIELD_SPECS,
    async plan(deps, { agency, today, actor }) {
      const repos = createRepositories(deps.db);
      const setting = await repos.catalogue.findIndexNumberPattern(agency.id);
      const rule = parseIndexNumberPattern(setting?.pattern ?? DEFAULT_INDEX_NUMBER_PATTERN);
      if (!rule.ok)
        throw new DomainError('validation_failed', `本机关的索引号规则有误：${rule.error.message}`);
      const allowedCategories = categoriesForLevel(agency.level);
      let defaultCategory: string | null = null;
      if (options.defaultCategory) {
        const found = findCategoryByText(options.defaultCategory, ALL_CATEGORIES);
        const allowed = found && allowedCategories.find((c) => c.code === found.code);
        if (!allowed) {
          throw new DomainError(
            'validation_failed',
            `统一的类别“${options.defaultCategory}”不是本机关适用的《条例》第二十条、第二十一条事项`,
          );
        }
        defaultCategory = allowed.code;
      }
      const rowContext = {
        today,
        agencyName: agency.name,
        agencyCode: agency.code,
        indexRule: rule.value,
        allowedCategories,
        allCategories: ALL_CATEGORIES,
        defaultCategory,
        defaultDocumentType: options.defaultDocumentType ?? null,
      };
      return {
        validate(cells, line) {
          const result = validateDocumentRow(cells, rowContext);
          if (!result.ok) return result;
          const { fields, publishedOn } = result.value;
          const tokens = entryTokens(fields, { agencyCode: agency.code, publishedOn });
          return {
            ok: true,
            value: {
              line,
              naturalKey: documentKey(fields),
              ...fields,
              publishedOn,
              indexNumber: result.value.indexNumber,
              indexPeriod: result.value.indexPeriod,
              indexSerial: result.value.indexSerial,
              indexReplaced: result.value.indexNumberReplaced,
              numberPeriod: indexNumberPeriod(rule.value, publishedOn),
              tokens: [...new Set(tokens)].join(' '),
            },
          };
        },
        openSink: (jobId, problems) =>
          documentSink(
            deps,
            { jobId, agency, rule: rule.value, createdBy: actor?.staffId ?? null },
            problems,
          ),
      };
    },
  };
}

export function importDocuments(deps: AppDeps, input: ImportDocumentsInput): Promise<ImportReport> {
  const options = input.options ?? {};
  const optional = new Set<DocumentImportField>();
  if (options.defaultCategory) optional.add('category');
  if (options.defaultDocumentType) optional.add('documentType');
  return runImport(deps, documentKind(options), {
    ...input,
    mapping: options.mapping ?? {},
    optionalFields: optional,
    jobOptions: {
      mapping: options.mapping ?? {},
      defaultCategory: options.defaultCategory ?? null,
      defaultDocumentType: options.defaultDocumentType ?? null,
    },
  });
}
