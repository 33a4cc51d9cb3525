/**
 * `gongkai report check` and `gongkai report compile`: published report files audited and compiled from
 * the command line. Pure file work — no database — so they run beside a running server.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  type AuditFinding,
  type AuditResult,
  auditReadReports,
  hasErrorFinding,
  type ReadResult,
  readReports,
} from '../../app/report-audit/audit-report-file.ts';
import { agencyNameMatch } from '../../app/report-audit/match-agency.ts';
import {
  expandInput,
  type InputItem,
  isReportFileName,
  MAX_FILE_BYTES,
  tooLargeMessage,
} from '../../app/report-audit/report-inputs.ts';
import { describePlace, PUBLISHED_CHECK_LABELS, SOURCE_KIND_LABELS } from '../../contract/report-audit.ts';
import {
  type CellId,
  compileReports,
  describeCell,
  draftOverviewSentences,
  type FormatVersion,
  findCompileGaps,
  listCells,
  OUTCOME_GROUPS,
  overviewFactsFromTables,
  parseCellId,
  type ReportTables,
  reportTitle,
  runRules,
  SECTION2_2019_LAYOUT,
  SECTION2_LAYOUT,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SEVERITY_LABELS,
  type Section3Row,
  type Section4Block,
  section3RowTitle,
  section4BlockTitle,
  toCanonicalObject,
} from '../../core/annual-report/index.ts';
import { isReportFormat, REPORT_FORMATS, type ReportFormat, renderReport } from '../../export/index.ts';
import { type Provenance, PUBLISHED_CHECKS } from '../../report-parser/index.ts';

/** Where the commands write; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

export const EXIT_OK = 0;
/** Some report breaks a rule (an error-level finding). */
export const EXIT_FINDINGS = 1;
/** Some file could not be read at all (missing, unreadable, not a report), or the command was misused. */
export const EXIT_UNREADABLE = 2;

const FORMAT_VERSION_LABELS: Record<FormatVersion, string> = {
  '2021': '2021年版（国办公开办函〔2021〕30号）',
  '2019': '2019年版（国办公开办函〔2019〕60号）',
};

/** Above this many files a progress bar runs on stderr (only when stderr is a terminal). */
const PROGRESS_FROM = 4;

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name, 'zh-Hans-CN'),
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && isReportFileName(entry.name)) out.push(path);
  }
  return out;
}

function fileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取此文件的权限';
  if (code === 'EISDIR') return '这是一个目录';
  return `无法读取文件（${error instanceof Error ? error.message : String(error)}）`;
}

/**
 * The documents named on the command line: files as given (always tried, whatever their extension),
 * directories walked for report files, ZIP archives opened.
 */
export async function collectInputs(paths: readonly string[]): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = statSync(path).isDirectory() ? walk(path) : [path];
    } catch (error) {
      out.push({ ok: false, name: path, error: fileError(error) });
      continue;
    }
    if (files.length === 0) {
      out.push({ ok: false, name: path, error: '目录中没有年度报告文件（PDF、DOCX、网页、文本或 ZIP）' });
    }
    for (const file of files) {
      try {
        const size = statSync(file).size;
        if (size > MAX_FILE_BYTES) {
          out.push({ ok: false, name: file, error: tooLargeMessage(basename(file), size) });
          continue;
        }
        out.push(...(await expandInput({ name: file, bytes: new Uint8Array(readFileSync(file)) })));
      } catch (error) {
        out.push({ ok: false, name: file, error: fileError(error) });
      }
    }
  }
  return out;
}

async function readWithProgress(items: readonly InputItem[], io: CliIo): Promise<ReadResult[]> {
  if (items.length < PROGRESS_FROM) return readReports(items);
  const bar = new SingleBar({
    stream: io.stderr,
    format: '读取报告 [{bar}] {value}/{total} {file}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(items.length, 0, { file: '' });
  try {
    return await readReports(items, (done, _total, file) => bar.update(done, { file: basename(file) }));
  } finally {
    bar.stop();
  }
}

// ── Text summary ────────────────────────────────────────────────────────────────────────────────────

const formatNumber = (n: number | null) =>
  n === null ? '空' : Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));

/** A row (or section-四 block) as people name it, without a column. */
function rowLabel(section: string, row: string): string {
  switch (section) {
    case 'section2':
      return `第二部分“${SECTION2_LAYOUT.find((r) => r.key === row)?.label ?? row}”`;
    case 'section2_2019':
      return `第二部分（2019年格式）“${SECTION2_2019_LAYOUT.find((r) => r.key === row)?.label ?? row}”`;
    case 'section3':
      return `第三部分“${(SECTION3_ROWS as readonly string[]).includes(row) ? section3RowTitle(row as Section3Row) : row}”行`;
    case 'section3_merged':
      return `第三部分“${OUTCOME_GROUPS.find((g) => g.key === row)?.label ?? row}”（合并行）`;
    case 'section4':
      return `第四部分${(SECTION4_BLOCKS as readonly string[]).includes(row) ? section4BlockTitle(row as Section4Block) : row}`;
    default:
      return row;
  }
}

/** Cells named compactly: a row whose every cell is listed is named once, as 整行. */
export function describeCells(cells: readonly CellId[], tables: ReportTables, limit = 12): string {
  const rows = new Map<string, { section: string; row: string; cells: CellId[] }>();
  for (const cell of cells) {
    const id = parseCellId(cell);
    const key = id ? `${id.section}.${id.row}` : cell;
    const entry = rows.get(key) ?? { section: id?.section ?? '', row: id?.row ?? cell, cells: [] };
    entry.cells.push(cell);
    rows.set(key, entry);
  }
  const all = listCells(tables);
  const parts: string[] = [];
  for (const [key, { section, row, cells: rowCells }] of rows) {
    const width = all.filter((c) => c.cell.startsWith(`${key}.`)).length;
    if (rowCells.length > 1 && rowCells.length === width) {
      parts.push(`${rowLabel(section, row)}（整行${width}格）`);
    } else {
      parts.push(...rowCells.map(describeCell));
    }
  }
  if (parts.length <= limit) return parts.join('；');
  return `${parts.slice(0, limit).join('；')}……等${parts.length}处`;
}

function placeOf(provenance: Provenance | undefined): string {
  if (!provenance) return '';
  return `${describePlace(provenance)}印作“${provenance.text}”`;
}

function findingLines(f: AuditFinding, result: AuditResult & { ok: true }): string[] {
  const mark = f.severity === 'error' ? '✗' : '!';
  const lines = [`    ${mark} [${f.id} ${SEVERITY_LABELS[f.severity]}] ${f.message}`];
  for (const [cell, value] of Object.entries(f.values)) {
    const previous = cell.startsWith('previous.');
    const name = previous
      ? `${result.previous?.year ?? '上一'}年度报告${describeCell(cell.slice('previous.'.length))}`
      : describeCell(cell);
    const place = previous ? '' : placeOf(result.parsed.provenance[cell]);
    lines.push(`        ${name} = ${formatNumber(value)}${place ? `（${place}）` : ''}`);
  }
  return lines;
}

/** The readable summary of one file, in Chinese. */
export function formatCheckSummary(result: AuditResult): string {
  if (!result.ok) return `━━ ${result.file}\n  无法读取：${result.error}\n  结论：未核查\n`;
  const p = result.parsed;
  const out: string[] = [`━━ ${result.file}`];
  out.push(
    `  机关：${p.agency ?? '（未读出）'}　年度：${p.year ?? '（未读出）'}　格式：${FORMAT_VERSION_LABELS[p.formatVersion]}　来源：${SOURCE_KIND_LABELS[p.source]}`,
  );
  const dates = [
    p.publishedOn ? `发布日期：${p.publishedOn}` : '',
    p.datedOn ? `落款日期：${p.datedOn}` : '',
  ].filter(Boolean);
  if (dates.length > 0) out.push(`  ${dates.join('　')}`);
  for (const w of p.warnings) out.push(`  注意：${w}`);

  out.push(`  单元格：读出 ${result.cellsRead} 个，未读出 ${result.cellsUnread} 个`);
  const byReason = new Map<string, string[]>();
  for (const u of p.unread) byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.cell]);
  for (const [reason, cells] of byReason) {
    out.push(`    未读出（${reason}，${cells.length}格）：${describeCells(cells, p.tables)}`);
  }

  const rules = result.findings.filter((f) => f.kind === 'rule');
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  out.push(
    rules.length === 0
      ? `  表格核对（R1–R8）：${result.cellsUnread > 0 ? '未发现错误' : '全部通过'}`
      : `  表格核对（R1–R8）：${rules.filter((f) => f.severity === 'error').length} 处错误，${rules.filter((f) => f.severity === 'warning').length} 处提示`,
  );
  for (const f of rules) out.push(...findingLines(f, result));
  if (!result.previous) out.push('    （未提供该机关上一年度的报告，R6、R7 未核对）');
  else out.push(`    （R6、R7 对照 ${result.previous.year} 年度报告：${result.previous.label}）`);

  out.push('  公开文本检查：');
  for (const check of PUBLISHED_CHECKS) {
    const found = result.findings.filter(
      (f) =>
        f.id === check ||
        (check === 'prose_figures' && f.id === 'R8' && f.cells.some((c) => c.startsWith('prose.'))),
    );
    const label = PUBLISHED_CHECK_LABELS[check] ?? check;
    if (found.length > 0) {
      for (const f of found) {
        if (f.kind === 'rule') out.push(`    ! ${label}：见上 ${f.id}`);
        else out.push(...findingLines(f, result));
      }
    } else if (check === 'deadline' && !p.publishedOn && !p.datedOn) {
      out.push(`    - ${label}：报告未注明发布日期或落款日期，未检查`);
    } else if (check === 'repeated' && !result.previous) {
      out.push(`    - ${label}：未提供上一年度报告，未检查`);
    } else {
      out.push(`    ✓ ${label}`);
    }
  }
  const notes = [
    errors > 0 ? `${errors} 处错误` : '',
    warnings > 0 ? `${warnings} 处提示` : '',
    // The rules are silent on unread cells: say so rather than let 通过 claim more than was checked.
    result.cellsUnread > 0 ? `另有 ${result.cellsUnread} 格未读出，未参与核对` : '',
  ].filter(Boolean);
  out.push(`  结论：${errors > 0 ? '不通过' : '通过'}${notes.length > 0 ? `（${notes.join('，')}）` : ''}`);
  return `${out.join('\n')}\n`;
}

// ── JSON ────────────────────────────────────────────────────────────────────────────────────────────

/** One file of `report check --json`. */
export function checkResultJson(result: AuditResult) {
  if (!result.ok) {
    return {
      file: result.file,
      error: result.error,
      agency: null,
      year: null,
      formatVersion: null,
      tables: null,
      provenance: {},
      unread: [],
      findings: [],
    };
  }
  const p = result.parsed;
  return {
    file: result.file,
    agency: p.agency,
    year: p.year,
    formatVersion: p.formatVersion,
    source: p.source,
    publishedOn: p.publishedOn ?? null,
    datedOn: p.datedOn ?? null,
    cellsRead: result.cellsRead,
    cellsUnread: result.cellsUnread,
    tables: result.tables,
    provenance: p.provenance,
    unread: p.unread,
    sections: p.sections.map((s) => ({ key: s.key, title: s.title })),
    warnings: p.warnings,
    previous: result.previous,
    findings: result.findings.map((f) => ({
      id: f.id,
      ...(f.kind === 'rule' ? { rule: f.id } : { check: f.id }),
      kind: f.kind,
      severity: f.severity,
      cells: f.cells,
      values: f.values,
      message: f.message,
    })),
  };
}

// ── report check ────────────────────────────────────────────────────────────────────────────────────

export function exitStatusOf(results: readonly AuditResult[]): number {
  if (results.some((r) => !r.ok)) return EXIT_UNREADABLE;
  if (results.some(hasErrorFinding)) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** `gongkai report check FILE… [--json]`; returns the exit status. */
export async function runReportCheck(
  paths: readonly string[],
  options: { json?: boolean },
  io: CliIo = processIo,
): Promise<number> {
  const items = await collectInputs(paths);
  const results = auditReadReports(await readWithProgress(items, io));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(results.map(checkResultJson), null, 2)}\n`);
  } else {
    for (const result of results) io.stdout.write(`${formatCheckSummary(result)}\n`);
    if (results.length > 1) {
      const unreadable = results.filter((r) => !r.ok).length;
      const failing = results.filter(hasErrorFinding).length;
      io.stdout.write(
        `共 ${results.length} 个文件：通过 ${results.length - unreadable - failing} 个，不通过 ${failing} 个，无法读取 ${unreadable} 个\n`,
      );
    }
  }
  return exitStatusOf(results);
}

// ── report compile ──────────────────────────────────────────────────────────────────────────────────

const FORMAT_BY_EXTENSION: Record<string, ReportFormat> = {
  '.json': 'json',
  '.docx': 'docx',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'txt',
};

export interface CompileOptions {
  out: string;
  format?: string;
  agency?: string;
  year?: string;
}

/** `gongkai report compile FILE… --out FILE`; returns the exit status. */
export async function runReportCompile(
  paths: readonly string[],
  options: CompileOptions,
  io: CliIo = processIo,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`错误：${message}\n`);
    return EXIT_UNREADABLE;
  };
  const format = options.format ?? FORMAT_BY_EXTENSION[extname(options.out).toLowerCase()];
  if (!format || !isReportFormat(format)) {
    return fail(
      options.format
        ? `格式“${options.format}”无效，应为 ${REPORT_FORMATS.join('、')} 之一`
        : `无法从输出文件名“${options.out}”判断格式，请用 --format 指定（${REPORT_FORMATS.join('、')}）`,
    );
  }
  let year: number | null = null;
  if (options.year !== undefined) {
    year = Number(options.year);
    if (!Number.isInteger(year) || year < 2008 || year > 2100) return fail(`年度“${options.year}”无效`);
  }

  const reads = await readWithProgress(await collectInputs(paths), io);
  const unreadable = reads.filter((r) => !r.ok);
  if (unreadable.length > 0) {
    for (const r of unreadable) io.stderr.write(`无法读取：${r.file}：${r.ok ? '' : r.error}\n`);
    return fail(`有 ${unreadable.length} 个文件无法读取，未生成汇总报告`);
  }
  const reports = reads.filter((r): r is ReadResult & { ok: true } => r.ok);
  if (reports.length === 0) return fail('没有可汇总的报告');

  const years = [...new Set(reports.map((r) => r.parsed.year).filter((y): y is number => y !== null))];
  if (year === null) {
    if (years.length > 1) {
      return fail(
        `报告年度不一致（${years.sort().join('、')}），请只汇总同一年度的报告，或用 --year 指定年度`,
      );
    }
    year = years[0] ?? null;
    if (year === null) return fail('未能从报告中读出年度，请用 --year 指定');
  }
  const wrongYear = reports.filter((r) => r.parsed.year !== null && r.parsed.year !== year);
  if (wrongYear.length > 0) {
    return fail(
      wrongYear.map((r) => `${r.file} 是 ${r.parsed.year} 年度的报告，不是 ${year} 年度的`).join('；'),
    );
  }
  for (const [i, a] of reports.entries()) {
    const twin = reports
      .slice(i + 1)
      .find(
        (b) => a.parsed.agency && b.parsed.agency && agencyNameMatch(a.parsed.agency, b.parsed.agency) === 2,
      );
    if (twin) {
      return fail(`${a.file} 与 ${twin.file} 是同一机关（${a.parsed.agency}）的报告，汇总会重复计数`);
    }
  }

  const agency = options.agency?.trim() || `${reports.length}个机关汇总`;
  const inputs: ReportTables[] = reports.map((r) => ({
    ...r.parsed.tables,
    year: year as number,
    agency: r.parsed.agency ?? basename(r.file),
  }));
  const compileOptions = { agency, year };
  const tables = toCanonicalObject(compileReports(inputs, compileOptions));
  const gaps = findCompileGaps(inputs, compileOptions);
  const findings = runRules({ tables });
  const rendered = await renderReport(
    {
      agencyName: agency,
      year,
      formatVersion: tables.formatVersion,
      title: reportTitle(agency, year),
      tables,
      prose: {
        preamble: '',
        overview: draftOverviewSentences(overviewFactsFromTables(tables)),
        problems: '',
        otherMatters: '',
      },
      publishedOn: null,
    },
    format,
  );
  const target = resolve(options.out);
  let path = target;
  try {
    if (statSync(target).isDirectory()) path = join(target, rendered.fileName);
  } catch {
    // Not there yet: the file is written under that name.
  }
  try {
    writeFileSync(path, rendered.bytes);
  } catch (error) {
    return fail(`无法写入 ${path}：${fileError(error)}`);
  }

  const out: string[] = [`汇总：${reportTitle(agency, year)}`];
  if (!options.agency) out.push(`  （未指定 --agency，汇总机关名称暂用“${agency}”）`);
  out.push(`  输入 ${reports.length} 份报告：`);
  for (const r of reports) {
    const cells = listCells(r.parsed.tables);
    const read = cells.filter((c) => c.value !== null).length;
    out.push(
      `    ${r.file}：${r.parsed.agency ?? '（机关未读出）'}，读出 ${read} 格，未读出 ${cells.length - read} 格`,
    );
  }
  const nullCells = listCells(tables).filter((c) => c.value === null).length;
  if (gaps.length === 0) out.push('  每一格均已汇总（没有输入留下空白单元格）');
  else {
    out.push(`  汇总结果中有 ${nullCells} 格为空（相加的数中有未读出的，和即为未知）：`);
    for (const gap of gaps) {
      const file = reports[gap.index]?.file ?? gap.agency;
      out.push(
        `    ${file}（${gap.agency}）留空 ${gap.cells.length} 格：${describeCells(gap.cells, tables, 6)}`,
      );
    }
  }
  const errors = findings.filter((f) => f.severity === 'error');
  out.push(
    findings.length === 0
      ? '  汇总报告核对（R1–R8）：全部通过'
      : `  汇总报告核对（R1–R8）：${errors.length} 处错误，${findings.length - errors.length} 处提示`,
  );
  for (const f of findings) out.push(`    ${f.severity === 'error' ? '✗' : '!'} [${f.rule}] ${f.message}`);
  out.push(`  已写入：${path}（${rendered.bytes.length} 字节）`);
  io.stdout.write(`${out.join('\n')}\n`);
  return errors.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

// ── Registration ────────────────────────────────────────────────────────────────────────────────────

/** Adds `check` and `compile` to the `report` command group (report.command.ts). */
export function registerReportAuditCommands(report: Command): void {
  report
    .command('check')
    .description('核查已发布的年度报告文件（PDF、DOCX、网页、文本，可给目录或 ZIP）：读出表格并按规则核对')
    .argument('<files...>', '报告文件、目录或 ZIP 压缩包')
    .option('--json', '输出 JSON（每个文件一个对象：表格、每格来源、核对结果）')
    .addHelpText(
      'after',
      '\n退出状态：0 没有错误；1 有报告违反核对规则；2 有文件无法读取（不存在、无法打开或不是年度报告）',
    )
    .action(async (files: string[], options: { json?: boolean }) => {
      process.exitCode = await runReportCheck(files, options);
    });

  report
    .command('compile')
    .description('把多份已发布的年度报告逐格相加，生成汇总报告并核对')
    .argument('<files...>', '报告文件、目录或 ZIP 压缩包')
    .requiredOption('--out <path>', '输出文件（格式默认取扩展名）')
    .option('--format <format>', `文件格式：${REPORT_FORMATS.join('|')}`)
    .option('--agency <name>', '汇总机关的名称，如 淮安市人民政府')
    .option('--year <year>', '报告年度（默认取报告中读出的年度）')
    .action(async (files: string[], options: CompileOptions) => {
      process.exitCode = await runReportCompile(files, options);
    });
}
