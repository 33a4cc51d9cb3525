import { DOCUMENT_FIELD_SPECS, type DocumentImportField, findCategory } from '../../core/catalogue/index.ts';
import { writeCsvTable, writeXlsxTable } from './write-table.ts';

/**
 * Writes catalogue documents as a file the document import reads back: the template people fill in
 * (XLSX from the console, or `gongkai import template --for documents`), test and benchmark inputs.
 * A row is its cells as the file shows them (类别 by its label, dates YYYY-MM-DD).
 */

export type DocumentFileRow = Partial<Record<DocumentImportField, string>>;

const ALL_FIELDS: readonly DocumentImportField[] = DOCUMENT_FIELD_SPECS.map((s) => s.field);
const LABELS = new Map(DOCUMENT_FIELD_SPECS.map((s) => [s.field, s.label]));
const WIDTHS: Partial<Record<DocumentImportField, number>> = {
  indexNumber: 24,
  title: 48,
  documentNumber: 22,
  formedOn: 12,
  publishedOn: 12,
  category: 30,
  documentType: 16,
  issuingAgencyName: 24,
  summary: 40,
  body: 40,
  validity: 10,
  validityChangedOn: 12,
  repealedBy: 22,
};

function* asCells(
  rows: Iterable<DocumentFileRow>,
  fields: readonly DocumentImportField[],
): Generator<string[]> {
  for (const row of rows) yield fields.map((f) => row[f] ?? '');
}

export function writeDocumentsCsv(
  path: string,
  rows: Iterable<DocumentFileRow>,
  fields: readonly DocumentImportField[] = ALL_FIELDS,
): Promise<number> {
  return writeCsvTable(
    path,
    fields.map((f) => LABELS.get(f)!),
    asCells(rows, fields),
  );
}

export function writeDocumentsXlsx(
  path: string,
  rows: Iterable<DocumentFileRow>,
  fields: readonly DocumentImportField[] = ALL_FIELDS,
): Promise<number> {
  const sheet = documentTemplateSheet(rows, fields);
  return writeXlsxTable(path, sheet.name, sheet.headers, sheet.rows, sheet.widths);
}

/** The data sheet: its name, the fields' labels as headers, the rows' cells, column widths. */
export function documentTemplateSheet(
  rows: Iterable<DocumentFileRow>,
  fields: readonly DocumentImportField[] = ALL_FIELDS,
) {
  return {
    name: '政府信息公开目录',
    headers: fields.map((f) => LABELS.get(f)!),
    rows: asCells(rows, fields),
    widths: fields.map((f) => WIDTHS[f] ?? 14),
  };
}

/** The template's example rows: a normative document in force and a repealed one, a notice without 文号. */
export function documentTemplateRows(agencyName: string): DocumentFileRow[] {
  const normative = findCategory('a20_01')!.label;
  return [
    {
      title: `${agencyName}关于印发《政务服务事项容缺受理办法》的通知`,
      documentNumber: '张审批规〔2021〕2号',
      formedOn: '2021-03-01',
      publishedOn: '2021-03-04',
      category: normative,
      documentType: '行政规范性文件',
      topic: '政务服务',
      issuingAgencyName: agencyName,
      summary: '明确容缺受理的适用范围、办理程序和监督管理。',
      validity: '现行有效',
    },
    {
      title: `${agencyName}关于印发《企业登记容缺办理暂行规定》的通知`,
      documentNumber: '张审批规〔2019〕1号',
      formedOn: '2019-05-10',
      publishedOn: '2019-05-15',
      category: normative,
      documentType: '行政规范性文件',
      topic: '市场主体登记',
      validity: '已废止',
      validityChangedOn: '2021-03-01',
      repealedBy: '张审批规〔2021〕2号',
    },
    {
      title: '关于调整政务服务中心窗口办公时间的通告',
      formedOn: '2021-06-25',
      publishedOn: '2021-06-28',
      category: findCategory('a20_02')!.label,
      documentType: '通知公告',
      topic: '机构职能',
      summary: '自2021年7月1日起，政务服务中心窗口周六上午办理预约业务。',
    },
  ];
}
