import { PassThrough } from 'node:stream';
import type { AgencyLevel } from '../../core/agency/agency.ts';
import {
  ARTICLE_20_CATEGORIES,
  ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ARTICLE_21_TOWNSHIP_CATEGORIES,
  categoriesForLevel,
  DECISION_FIELD_SPECS,
  DOCUMENT_FIELD_SPECS,
  type ImportFieldSpec,
} from '../../core/catalogue/index.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { ImportTarget } from '../../db/repositories/catalogue-import.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { DECISION_FILE_HEADERS, decisionCells, decisionTemplateRows } from './write-decisions-file.ts';
import { documentTemplateRows, documentTemplateSheet } from './write-documents-file.ts';
import { type ExtraSheet, writeXlsxTable } from './write-table.ts';

/**
 * The XLSX template of an import, as the console offers it for download: the columns with example
 * rows on the first sheet (the one the import reads), then a sheet that says what each column
 * takes and, for documents, the 公开类别 the agency may use (第二十条, plus 第二十一条 by level).
 */

function notesSheet(specs: readonly ImportFieldSpec[]): ExtraSheet {
  return {
    name: '填写说明',
    headers: ['列名', '是否必填', '说明', '也可识别的列名'],
    widths: [16, 10, 60, 60],
    rows: specs.map((s) => [
      s.label,
      s.required ? '必填' : '可选',
      s.hint ?? '',
      s.aliases.filter((a) => a !== s.label && !/^[a-z_]+$/.test(a)).join('、'),
    ]),
  };
}

async function toBuffer(write: (stream: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await write(stream);
  await ended;
  return Buffer.concat(chunks);
}

/** The template of a target, for an agency (its level's categories, its name in the examples). */
export async function buildImportTemplate(
  target: ImportTarget,
  agency: { name: string; level: AgencyLevel } | null,
): Promise<{ fileName: string; content: Buffer }> {
  if (target === 'decisions') {
    const content = await toBuffer((stream) =>
      writeXlsxTable(
        stream,
        '行政决定',
        DECISION_FILE_HEADERS,
        decisionCells(decisionTemplateRows()),
        [],
        [notesSheet(DECISION_FIELD_SPECS)],
      ),
    );
    return { fileName: '行政决定导入模板.xlsx', content };
  }
  const categories = agency
    ? categoriesForLevel(agency.level)
    : [...ARTICLE_20_CATEGORIES, ...ARTICLE_21_CITY_COUNTY_CATEGORIES, ...ARTICLE_21_TOWNSHIP_CATEGORIES];
  const sheet = documentTemplateSheet(documentTemplateRows(agency?.name ?? '张家港市行政审批局'));
  const content = await toBuffer((stream) =>
    writeXlsxTable(stream, sheet.name, sheet.headers, sheet.rows, sheet.widths, [
      notesSheet(DOCUMENT_FIELD_SPECS),
      {
        name: '公开类别',
        headers: ['代码', '名称', '依据'],
        widths: [10, 70, 22],
        rows: categories.map((c) => [c.code, c.label, `《条例》${c.article}`]),
      },
    ]),
  );
  return { fileName: '政府信息公开目录导入模板.xlsx', content };
}

export async function importTemplate(
  deps: AppDeps,
  input: { actor: Actor; target: ImportTarget; agencyId: string },
): Promise<{ fileName: string; content: Buffer }> {
  requirePermission(input.actor, 'catalogue.import');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  const agency = await repos.agencies.findById(input.agencyId);
  return buildImportTemplate(input.target, agency ?? null);
}
