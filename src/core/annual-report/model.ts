import type { FormatVersion, ReportTables } from './cells.ts';

/**
 * Prose is kept as a small, safe rich-text format: paragraphs separated by a blank line, `**bold**`
 * runs, and lines starting with `（一）`-style headings kept as written. Every export (DOCX, HTML, text)
 * renders this one format; nothing else (no raw HTML) is accepted.
 */
export type RichText = string;

/** The prose of a report: the opening paragraph, and sections 一, 五 and 六. */
export interface ReportProse {
  /** The paragraph(s) before section 一 (optional in the format, common in practice). */
  preamble: RichText;
  /** 一、总体情况 */
  overview: RichText;
  /** 五、存在的主要问题及改进情况 */
  problems: RichText;
  /** 六、其他需要报告的事项 */
  otherMatters: RichText;
}

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已审核通过',
  published: '已发布',
};

/** Everything an export needs: formatting never reaches past this object. */
export interface ReportModel {
  agencyName: string;
  year: number;
  formatVersion: FormatVersion;
  /** e.g. 张家港市行政审批局2021年政府信息公开工作年度报告 */
  title: string;
  tables: ReportTables;
  prose: ReportProse;
  /** Set once published. */
  publishedOn?: string | null;
}

export function reportTitle(agencyName: string, year: number): string {
  return `${agencyName}${year}年政府信息公开工作年度报告`;
}
