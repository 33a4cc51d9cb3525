/**
 * parseReport: a published annual report (HTML page, DOCX, PDF or text) into the canonical tables
 * (annual-report-format.md), with the place each cell was printed and, for each cell that could not
 * be read, null and the reason. Figures are never guessed and never shifted into a neighbour's cell.
 */
import type {
  FormatVersion,
  OutcomeGroup,
  ReportTables,
  Section3Column,
} from '../core/annual-report/cells.ts';
import type { ReadDocument, SourceKind } from './document.ts';
import type { SectionKey } from './labels.ts';
import {
  extractProse,
  findPublishedOn,
  findSignatureDate,
  findTitle,
  type Prose,
  qualifyAgency,
  type SectionFound,
} from './meta.ts';
import { readDocx } from './read-docx.ts';
import { readHtml } from './read-html.ts';
import { readPdf } from './read-pdf.ts';
import { readText } from './read-text.ts';
import { detectFormatVersion, readSection2 } from './section2.ts';
import { readSection3 } from './section3.ts';
import { readSection4 } from './section4.ts';
import { type Provenance, Sink, type Unread } from './sink.ts';
import { findHeadings, type Region, sectionRegion } from './tokens.ts';

export type { Provenance, Unread } from './sink.ts';

export interface ParsedReport {
  agency: string | null;
  year: number | null;
  formatVersion: FormatVersion;
  /** Canonical tables; `agency`/`year` there fall back to '' and 0 when the title could not be read. */
  tables: ReportTables;
  /** For every cell read (and every blank cell): where it was printed and its text. */
  provenance: Record<string, Provenance>;
  /** Every null cell with the reason, in Chinese. */
  unread: Unread[];
  prose: Prose;
  /** The section headings found, in printed order. */
  sections: SectionFound[];
  /** The date the page states as its publication date (发布日期), 'YYYY-MM-DD'. */
  publishedOn?: string;
  /** The date under the signature at the end of the report, 'YYYY-MM-DD'. */
  datedOn?: string;
  source: SourceKind;
  /** Problems with the document as a whole (no text layer, no headings), in Chinese. */
  warnings: string[];
}

export interface ParseInput {
  fileName: string;
  bytes: Uint8Array;
}

export function sourceKindOf(fileName: string, bytes: Uint8Array): SourceKind {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.startsWith('%PDF')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (
    ext === 'html' ||
    ext === 'htm' ||
    ext === 'shtml' ||
    /<(?:!doctype html|html|body|table|p)[\s>]/i.test(head)
  ) {
    return 'html';
  }
  return 'text';
}

export async function readDocument(input: ParseInput): Promise<ReadDocument> {
  switch (sourceKindOf(input.fileName, input.bytes)) {
    case 'pdf':
      return readPdf(input.bytes);
    case 'docx':
      return readDocx(input.bytes);
    case 'html':
      return readHtml(input.bytes);
    default:
      return readText(input.bytes);
  }
}

export async function parseReport(input: ParseInput): Promise<ParsedReport> {
  return parseDocument(await readDocument(input));
}

/** The table and prose reading, on a document any reader produced. */
export function parseDocument(doc: ReadDocument): ParsedReport {
  const headings = findHeadings(doc);
  const sink = new Sink();
  const title = findTitle(doc, headings[0]?.line ?? -1);
  const region = (key: SectionKey) => sectionRegion(doc, headings, key);

  const all: Region = { from: 0, to: doc.lines.length };
  const r3 = region('applications');
  const r2 = region('proactive') ?? (r3 ? { from: 0, to: r3.from } : null);
  const r4 = region('review') ?? (r3 ? { from: r3.to, to: doc.lines.length } : null);
  // Without headings the labels still find table 三's rows; table 二's are distinct words too.
  const version: FormatVersion =
    detectFormatVersion(doc, r2 ?? all) ?? (title.year !== null && title.year <= 2020 ? '2019' : '2021');
  const s2 = readSection2(doc, r2 ?? all, version, sink);
  const s3 = readSection3(doc, r3 ?? all, sink);
  const section4 = readSection4(doc, r4, sink);

  let agency = title.agency;
  const prose = extractProse(doc, headings, title.lastLine);
  if (agency) agency = qualifyAgency(agency, `${prose.preamble}\n${prose.overview}`);
  const tables: ReportTables = {
    year: title.year ?? 0,
    agency: agency ?? '',
    formatVersion: version,
    section2: s2.section2,
    section3: s3.section3,
    section4,
  };
  if (Object.keys(s3.merged).length > 0) {
    tables.section3_merged = s3.merged as Partial<
      Record<OutcomeGroup, Record<Section3Column, number | null>>
    >;
  }
  if (s2.section2_2019) tables.section2_2019 = s2.section2_2019;

  const warnings: string[] = [];
  if (doc.lines.length === 0) {
    warnings.push(
      doc.source === 'pdf' ? 'PDF中没有可提取的文字（可能是扫描件），无法读取表格' : '文件中没有可读取的文字',
    );
  } else if (headings.length === 0) warnings.push('未找到年度报告的六个部分标题，表格按标签在全文中查找');
  if (title.year === null) warnings.push('未能从标题中读出报告年度');
  if (agency === null) warnings.push('未能从标题中读出机关名称');
  const publishedOn = findPublishedOn(doc);
  const datedOn = findSignatureDate(doc);
  return {
    agency,
    year: title.year,
    formatVersion: version,
    tables,
    provenance: sink.provenance,
    unread: sink.unread,
    prose,
    sections: headings.map((h) => ({ key: h.key, title: h.title, line: h.line })),
    ...(publishedOn ? { publishedOn } : {}),
    ...(datedOn ? { datedOn } : {}),
    source: doc.source,
    warnings,
  };
}
