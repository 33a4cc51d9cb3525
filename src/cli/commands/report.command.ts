import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildReportFile } from '../../app/annual-report/build-report-file.ts';
import { REPORT_EXPORT_FORMATS, type ReportExportFormat } from '../../contract/annual-report-api.ts';
import { failWith, usageError } from '../output.ts';
import { withSystem } from '../system.ts';
import { registerReportAuditCommands } from './report-audit.ts';

function requireFormat(value: string): ReportExportFormat {
  if (!(REPORT_EXPORT_FORMATS as readonly string[]).includes(value)) {
    usageError(`格式“${value}”无效，应为 ${REPORT_EXPORT_FORMATS.join('、')} 之一`);
  }
  return value as ReportExportFormat;
}

function requireYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) usageError(`年度“${value}”无效`);
  return year;
}

/**
 * `gongkai report …`: the annual report from the command line. This file holds the whole `report`
 * group; each area adds its subcommands in its own block below.
 */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('政府信息公开工作年度报告');

  // ── Stored reports (annual-report area) ─────────────────────────────────────────────────────────
  report
    .command('build')
    .description('把系统中保存的年度报告导出为文件（DOCX、XLSX、HTML、JSON、TXT）')
    .requiredOption('--agency <agency>', '机关的统一社会信用代码、组织机构代码或全称')
    .requiredOption('--year <year>', '报告年度，如 2021')
    .option('--format <format>', `文件格式：${REPORT_EXPORT_FORMATS.join('|')}`, 'docx')
    .requiredOption('--out <path>', '输出文件路径（给出目录时使用报告标题作文件名）')
    .action(async (options: { agency: string; year: string; format: string; out: string }) => {
      const format = requireFormat(options.format);
      const year = requireYear(options.year);
      try {
        const file = await withSystem((system) =>
          buildReportFile(system.deps, { agency: options.agency, year, format }),
        );
        const target = resolve(options.out);
        const path =
          existsSync(target) && statSync(target).isDirectory() ? join(target, file.fileName) : target;
        writeFileSync(path, file.bytes);
        process.stdout.write(`已导出：${path}（${file.bytes.length} 字节）\n`);
      } catch (error) {
        failWith(error);
      }
    });

  // ── Published report files (report-parser area) ────────────────────────────────────────────────
  // `report check` and `report compile` for parsed files: no database, they run beside a server.
  registerReportAuditCommands(report);
}
