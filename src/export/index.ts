import type { ReportModel, ReportTables } from '../core/annual-report/index.ts';
import { renderReportDocx } from './to-docx.ts';
import { renderReportHtml } from './to-html.ts';
import { renderReportJson } from './to-json.ts';
import { renderReportText } from './to-text.ts';
import { renderReportXlsx } from './to-xlsx.ts';

export { parseRichText, plainText, type RichParagraph, type TextRun } from './rich-text.ts';
export { renderReportDocx } from './to-docx.ts';
export {
  escapeHtml,
  type HtmlRenderOptions,
  REPORT_BODY_STYLE,
  type ReportArticleOptions,
  renderReportArticle,
  renderReportHtml,
} from './to-html.ts';
export { renderReportJson } from './to-json.ts';
export { renderReportText } from './to-text.ts';
export { renderReportXlsx, XLSX_SHEET_NAMES, XLSX_TABLE_FIRST_ROW } from './to-xlsx.ts';

export const REPORT_FORMATS = ['docx', 'xlsx', 'html', 'html-vivid', 'json', 'txt'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  bytes: Buffer;
  /** For the Content-Type header. */
  contentType: string;
  /** Without the dot: 'docx', 'xlsx', 'html', 'json', 'txt'. */
  extension: string;
  /** A download name, e.g. 张家港市行政审批局2021年政府信息公开工作年度报告.docx (vivid: …（图解版）.html). */
  fileName: string;
}

export interface RenderOptions {
  /** Last year's tables, for the year-over-year figures of 'html-vivid'. */
  previous?: ReportTables;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  'html-vivid': 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Characters that Windows and browsers refuse in a download name. */
function safeFileName(name: string): string {
  const visible = [...name].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20).join('');
  return visible.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'report';
}

/** Every export of the annual report, each rendered from the one canonical model. */
export async function renderReport(
  model: ReportModel,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<RenderedReport> {
  const extension = format === 'html-vivid' ? 'html' : format;
  const base = safeFileName(model.title) + (format === 'html-vivid' ? '（图解版）' : '');
  const done = (bytes: Buffer): RenderedReport => ({
    bytes,
    contentType: CONTENT_TYPES[format],
    extension,
    fileName: `${base}.${extension}`,
  });
  switch (format) {
    case 'docx':
      return done(await renderReportDocx(model));
    case 'xlsx':
      return done(await renderReportXlsx(model));
    case 'html':
      return done(Buffer.from(renderReportHtml(model), 'utf8'));
    case 'html-vivid':
      return done(Buffer.from(renderReportHtml(model, { vivid: true, previous: options.previous }), 'utf8'));
    case 'json':
      return done(Buffer.from(renderReportJson(model), 'utf8'));
    case 'txt':
      return done(Buffer.from(renderReportText(model), 'utf8'));
  }
}
