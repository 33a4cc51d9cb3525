import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { demoDecisions } from '../../app/demo/catalogue.seed.ts';
import { importDecisions } from '../../app/import/import-decisions.ts';
import { importDocuments } from '../../app/import/import-documents.ts';
import { buildImportTemplate } from '../../app/import/import-template.ts';
import type { ImportProgress, ImportReport } from '../../app/import/run-import.ts';
import {
  decisionTemplateRows,
  writeDecisionsCsv,
  writeDecisionsXlsx,
} from '../../app/import/write-decisions-file.ts';
import { documentTemplateRows, writeDocumentsCsv } from '../../app/import/write-documents-file.ts';
import type { System } from '../../bootstrap.ts';
import type { Agency } from '../../core/agency/agency.ts';
import {
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  type DecisionInput,
  DOCUMENT_FIELD_SPECS,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type ImportFieldSpec,
  parseDecisionKind,
  parseDocumentType,
  parseMappingText,
} from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { failWith, usageError } from '../output.ts';
import { withSystem } from '../system.ts';

const PHASE_LABELS: Record<ImportProgress['phase'], string> = {
  reading: '读取校验',
  checking: '全文件核对',
  committing: '写入',
  done: '完成',
};

/** --mapping: a JSON file {字段或列名: 表头} or the text 字段=表头,字段=表头. */
function readMapping<F extends string>(
  specs: readonly ImportFieldSpec<F>[],
  value: string | undefined,
): Partial<Record<F, string>> {
  if (!value) return {};
  let text = value;
  if (existsSync(value) && extname(value).toLowerCase() === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(value, 'utf8'));
    } catch {
      usageError(`列映射文件 ${value} 不是有效的 JSON`);
    }
    if (!parsed || typeof parsed !== 'object') usageError('列映射文件应为 {"字段": "表头"} 形式的 JSON 对象');
    text = Object.entries(parsed as Record<string, unknown>)
      .map(([field, header]) => `${field}=${String(header)}`)
      .join(',');
  }
  const mapping = parseMappingText(specs, text);
  if (!mapping.ok) usageError(mapping.error.message);
  return mapping.value;
}

function progressBar() {
  const bar = new SingleBar({
    format: '{phase} |{bar}| {percentage}% | {rows} 行 | {mb}/{totalMb} MB | 问题 {errors}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    stream: process.stderr,
    // Without a terminal (logs, CI) a line every few seconds instead of a redrawn bar.
    noTTYOutput: true,
    notTTYSchedule: 3000,
  });
  let started = false;
  return {
    update(p: ImportProgress) {
      const payload = {
        phase: PHASE_LABELS[p.phase].padEnd(5, '　'),
        rows: p.rowsRead,
        mb: (p.bytesRead / 1024 / 1024).toFixed(1),
        totalMb: (p.totalBytes / 1024 / 1024).toFixed(1),
        errors: p.errorCount,
      };
      if (!started) {
        bar.start(Math.max(1, p.totalBytes), 0, payload);
        started = true;
      }
      bar.update(p.phase === 'reading' ? Math.min(p.bytesRead, p.totalBytes) : p.totalBytes, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/**
 * Runs an import with a progress bar on stderr, then prints the report: the outcome on stdout, the
 * first fifty problems with their lines, the whole report as JSON with --report. Exit code 1 when
 * nothing was imported.
 */
async function runImportCommand(
  file: string,
  options: { agency: string; report?: string },
  start: (system: System, agency: Agency, onProgress: (p: ImportProgress) => void) => Promise<ImportReport>,
): Promise<void> {
  if (!existsSync(file)) usageError(`文件 ${file} 不存在`);
  const bar = progressBar();
  try {
    const report = await withSystem(async (system) => {
      const agency = await createRepositories(system.database.db).agencies.findByCodeOrName(options.agency);
      if (!agency) throw new DomainError('not_found', `未找到机关“${options.agency}”（请用代码或准确全称）`);
      process.stderr.write(`导入到：${agency.name}\n`);
      return start(system, agency, (p) => bar.update(p));
    });
    bar.stop();
    if (options.report) writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
    const seconds = (report.elapsedMs / 1000).toFixed(1);
    const rate = report.rowsRead > 0 ? Math.round(report.rowsRead / (report.elapsedMs / 1000)) : 0;
    if (report.ignoredHeaders.length > 0) {
      process.stderr.write(`未使用的列：${report.ignoredHeaders.join('、')}\n`);
    }
    if (report.status === 'succeeded') {
      process.stdout.write(
        `${report.message}（读取 ${report.rowsRead} 行，用时 ${seconds} 秒，约 ${rate} 行/秒；任务 ${report.jobId}）\n`,
      );
      return;
    }
    process.stdout.write(`${report.message}\n`);
    for (const problem of report.errors.slice(0, 50)) {
      const where = [
        problem.line ? `第 ${problem.line} 行` : '',
        problem.column ? `“${problem.column}”列` : '',
      ]
        .filter(Boolean)
        .join('');
      process.stdout.write(`  ${where ? `${where}：` : ''}${problem.message}\n`);
    }
    if (report.errorCount > 50) {
      process.stdout.write(
        `  ……共 ${report.errorCount} 处问题${options.report ? `，完整报告见 ${options.report}` : '（用 --report 文件名 保存完整报告）'}\n`,
      );
    }
    process.exitCode = 1;
  } catch (error) {
    bar.stop();
    failWith(error);
  }
}

async function writeExample(out: string, rows: DecisionInput[]): Promise<number> {
  const extension = extname(out).toLowerCase();
  if (extension === '.xlsx') return writeDecisionsXlsx(out, rows);
  if (extension === '.csv') return writeDecisionsCsv(out, rows);
  usageError('输出文件的扩展名应为 .xlsx 或 .csv');
}

export function registerImportCommands(program: Command): void {
  const command = program
    .command('import')
    .description('批量导入：行政许可、处罚、强制决定（双公示），以及机关原有的政府信息公开目录');

  command
    .command('decisions')
    .description(
      '导入行政许可、行政处罚、行政强制决定（双公示）：CSV（UTF-8 或 GBK）或 XLSX，逐行校验；整个文件无误才写入（全部或全不），重复导入不会重复添加',
    )
    .argument('<file>', 'CSV 或 XLSX 文件')
    .requiredOption('--agency <code-or-name>', '机关的统一社会信用代码、组织机构代码或全称')
    .option('--mapping <mapping>', '列映射：“文号=决定书编号,决定日期=日期”，或 JSON 文件')
    .option('--kind <kind>', '文件没有“决定类别”列时，全部行的类别：行政许可、行政处罚或行政强制')
    .option('--report <file>', '把完整的导入报告写入 JSON 文件')
    .action(
      async (file: string, options: { agency: string; mapping?: string; kind?: string; report?: string }) => {
        const mapping = readMapping(DECISION_FIELD_SPECS, options.mapping);
        const defaultKind = options.kind ? parseDecisionKind(options.kind) : null;
        if (options.kind && !defaultKind)
          usageError(`决定类别“${options.kind}”应为 行政许可、行政处罚 或 行政强制`);
        await runImportCommand(file, options, (system, agency, onProgress) =>
          importDecisions(system.deps, {
            actor: null,
            agencyId: agency.id,
            file: { path: file, name: basename(file) },
            options: { mapping, defaultKind },
            onProgress,
          }),
        );
      },
    );

  command
    .command('documents')
    .description(
      '导入机关原有的政府信息公开目录（规范性文件、政策文件、通知公告等）为已公开条目：CSV（UTF-8 或 GBK）或 XLSX，逐行校验，全部或全不；按文号（无文号时按标题和成文日期）识别，重复导入不重复添加',
    )
    .argument('<file>', 'CSV 或 XLSX 文件')
    .requiredOption('--agency <code-or-name>', '机关的统一社会信用代码、组织机构代码或全称')
    .option('--mapping <mapping>', '列映射：“标题=文件名称,发布日期=上网时间”，或 JSON 文件')
    .option('--category <category>', '文件没有“类别”列时，全部行的公开类别：代码（如 a20_01）或事项名称')
    .option(
      '--type <type>',
      `文件没有“文种”列时，全部行的文种：${DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_LABELS[t]).join('、')}`,
    )
    .option('--report <file>', '把完整的导入报告写入 JSON 文件')
    .action(
      async (
        file: string,
        options: { agency: string; mapping?: string; category?: string; type?: string; report?: string },
      ) => {
        const mapping = readMapping(DOCUMENT_FIELD_SPECS, options.mapping);
        const defaultDocumentType = options.type ? parseDocumentType(options.type) : null;
        if (options.type && !defaultDocumentType)
          usageError(
            `文种“${options.type}”应为 ${DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_LABELS[t]).join('、')} 之一`,
          );
        await runImportCommand(file, options, (system, agency, onProgress) =>
          importDocuments(system.deps, {
            actor: null,
            agencyId: agency.id,
            file: { path: file, name: basename(file) },
            options: { mapping, defaultCategory: options.category ?? null, defaultDocumentType },
            onProgress,
          }),
        );
      },
    );

  command
    .command('template')
    .description('生成导入模板（表头和示例行；XLSX 另附填写说明）')
    .requiredOption('--out <file>', '输出文件：.xlsx 或 .csv')
    .option('--for <target>', 'decisions（行政决定，默认）或 documents（政府信息公开目录）', 'decisions')
    .action(async (options: { out: string; for: string }) => {
      try {
        if (options.for !== 'decisions' && options.for !== 'documents')
          usageError('--for 应为 decisions 或 documents');
        const extension = extname(options.out).toLowerCase();
        if (extension === '.xlsx') {
          const template = await buildImportTemplate(options.for, null);
          writeFileSync(options.out, template.content);
        } else if (options.for === 'decisions') {
          await writeExample(options.out, decisionTemplateRows());
        } else if (extension === '.csv') {
          await writeDocumentsCsv(options.out, documentTemplateRows('张家港市行政审批局'));
        } else usageError('输出文件的扩展名应为 .xlsx 或 .csv');
        const specs: readonly ImportFieldSpec[] =
          options.for === 'decisions' ? DECISION_FIELD_SPECS : DOCUMENT_FIELD_SPECS;
        const required = specs.filter((s) => s.required).map((s) => s.label);
        process.stdout.write(
          options.for === 'decisions'
            ? `已生成模板 ${options.out}。必填列：${required.join('、')}；决定类别为 ${Object.values(DECISION_KIND_LABELS).join('、')}。\n`
            : `已生成模板 ${options.out}。必填列：${required.join('、')}；规章和行政规范性文件还须填写文号。\n`,
        );
      } catch (error) {
        failWith(error);
      }
    });

  command
    .command('example')
    .description(
      '生成演示数据：张家港市行政审批局 2021 年的 43,850 条行政许可决定（与演示库中的相同，重复导入不新增）',
    )
    .requiredOption('--out <file>', '输出文件：.xlsx 或 .csv')
    .option('--rows <n>', '只写前 n 行')
    .action(async (options: { out: string; rows?: string }) => {
      try {
        const limit = options.rows ? Number(options.rows) : undefined;
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) usageError('--rows 应为正整数');
        const rows = demoDecisions().slice(0, limit);
        const count = await writeExample(options.out, rows);
        process.stdout.write(`已写入 ${count} 条决定到 ${options.out}\n`);
      } catch (error) {
        failWith(error);
      }
    });
}
