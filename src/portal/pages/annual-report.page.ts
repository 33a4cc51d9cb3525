import type {
  PublishedReport,
  PublishedReportSummary,
  RegionReportRow,
} from '../../app/annual-report/public-annual-reports.ts';
import { type Agency, annualReportDeadline } from '../../core/agency/index.ts';
import { listCells, SECTION_TITLES } from '../../core/annual-report/index.ts';
import { type ReportFormat, renderReportArticle } from '../../export/index.ts';
import { type Html, html, raw } from '../html.ts';
import { renderPage } from '../layout.ts';
import { agencyCatalogueNav } from './catalogue-parts.ts';

/**
 * 政府信息公开工作年度报告 on the portal (条例第五十条: 向社会公布): an agency's published reports, each
 * report at a stable address as the published document, with its files; and a region's list of every
 * agency's report for a year. The report's body is the HTML export's own fragment, so the page and the
 * downloadable files show the same tables.
 */

export const REPORT_STYLESHEET = '/annual-report.css';

export function agencyReportsHref(agencyCode: string): string {
  return `/agencies/${agencyCode}/annual-reports`;
}

export function reportHref(agencyCode: string, year: number): string {
  return `${agencyReportsHref(agencyCode)}/${year}`;
}

export function reportFileHref(agencyCode: string, year: number, format: ReportFormat): string {
  return `${reportHref(agencyCode, year)}/download/${format}`;
}

/** The files a reader can take away, in the order offered; HTML opens in the browser, the rest download. */
export const PORTAL_REPORT_FILES: { format: ReportFormat; label: string; opens: boolean }[] = [
  { format: 'docx', label: 'Word 文档（DOCX）', opens: false },
  { format: 'xlsx', label: 'Excel 表格（XLSX）', opens: false },
  { format: 'html', label: '网页版（HTML）', opens: true },
  { format: 'html-vivid', label: '图解版（HTML）', opens: true },
  { format: 'txt', label: '纯文本（TXT）', opens: false },
  { format: 'json', label: '数据（JSON）', opens: false },
];

function dateText(isoDate: string | null): string {
  const match = isoDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) : null;
  if (!match) return isoDate ?? '';
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

function publishedOnHtml(isoDate: string | null): Html {
  return isoDate
    ? html`<time datetime="${isoDate}">${dateText(isoDate)}</time>`
    : html`<span class="muted">原文件未载明</span>`;
}

function deadlineText(agency: Agency, year: number): string {
  return dateText(annualReportDeadline(agency.kind, year));
}

/** File links under a visible label (so a screen reader hears “下载2021年度报告：Word 文档”). */
function fileLinks(
  agencyCode: string,
  year: number,
  labelledBy: string,
  files: readonly (typeof PORTAL_REPORT_FILES)[number][] = PORTAL_REPORT_FILES,
): Html {
  return html`<ul class="file-links" aria-labelledby="${labelledBy}">${files.map(
    (file) =>
      html`<li><a href="${reportFileHref(agencyCode, year, file.format)}"${file.opens ? '' : raw(' download')}>${file.label}</a></li>`,
  )}</ul>`;
}

// ── one agency's reports ────────────────────────────────────────────────────────────────────────────

export function renderAgencyReportListPage(view: {
  agency: Agency;
  reports: PublishedReportSummary[];
}): string {
  const { agency, reports } = view;
  const heading = `${agency.name}政府信息公开工作年度报告`;
  const main = html`
    <h1>${heading}</h1>
    ${agencyCatalogueNav(agency, 'annual-reports')}
    <p class="lead">行政机关每年编制上一年度政府信息公开工作年度报告并向社会公布（《条例》第四十九条、第五十条）。本机关的年度报告于次年 ${agency.kind === 'government' ? '3 月 31 日' : '1 月 31 日'}前公布。</p>
    ${
      reports.length === 0
        ? html`<p>本机关尚未在本平台发布年度报告。</p>`
        : html`<ul class="report-list">${reports.map(
            (report) => html`<li class="report-item">
              <h2 class="report-item-title"><a href="${reportHref(agency.code, report.year)}">${report.title}</a></h2>
              <p class="entry-meta"><span>${report.year} 年度</span><span>发布日期 ${publishedOnHtml(report.publishedOn)}</span></p>
              <div class="report-item-files"><span id="files-${report.year}">下载${report.year}年度报告：</span>${fileLinks(agency.code, report.year, `files-${report.year}`, PORTAL_REPORT_FILES.slice(0, 2))}</div>
            </li>`,
          )}</ul>`
    }
    <p><a href="/annual-reports">查看本地区各机关的政府信息公开工作年度报告</a></p>`;
  return renderPage({
    title: heading,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: agency.name, href: `/agencies/${agency.code}` },
      { label: '政府信息公开工作年度报告' },
    ],
    main,
    stylesheets: [REPORT_STYLESHEET],
    description: `${agency.name}历年政府信息公开工作年度报告`,
  });
}

// ── one report ──────────────────────────────────────────────────────────────────────────────────────

export function renderReportPage(view: PublishedReport): string {
  const { agency, report, model } = view;
  const blanks = listCells(report.tables).filter((c) => c.value === null).length;
  const headerExtra = html`
    <div class="report-downloads">
      <span id="downloads-label">下载本报告：</span>${fileLinks(agency.code, report.year, 'downloads-label')}
    </div>
    ${
      blanks > 0
        ? html`<p class="note report-note">本报告由已发布的报告文件录入，${blanks} 个表格单元格未能从原文件中识别，表中留空。</p>`
        : ''
    }
    <nav class="report-toc" aria-label="报告目录"><ol>${SECTION_TITLES.map(
      (title, i) => html`<li><a href="#section-${i + 1}">${title}</a></li>`,
    )}</ol></nav>`;
  const main = html`<div class="report-document">${raw(
    renderReportArticle(model, { headerExtra: headerExtra.value }),
  )}</div>
    <p class="report-back"><a href="${agencyReportsHref(agency.code)}">${agency.name}历年年度报告</a> · <a href="/annual-reports?year=${report.year}">本地区各机关${report.year}年度报告</a></p>`;
  return renderPage({
    title: model.title,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: agency.name, href: `/agencies/${agency.code}` },
      { label: '年度报告', href: agencyReportsHref(agency.code) },
      { label: `${report.year}年度` },
    ],
    main,
    stylesheets: [REPORT_STYLESHEET],
    description: `${model.title}：总体情况，主动公开、依申请公开、行政复议和行政诉讼情况，存在的问题及改进情况`,
  });
}

// ── the region ──────────────────────────────────────────────────────────────────────────────────────

export function renderRegionReportsPage(view: {
  year: number | null;
  years: { year: number; count: number }[];
  rows: RegionReportRow[];
}): string {
  const { year, years, rows } = view;
  const heading = year === null ? '政府信息公开工作年度报告' : `${year}年度政府信息公开工作年度报告`;
  const published = rows.filter((r) => r.report !== null).length;
  const main = html`
    <h1>${heading}</h1>
    <p class="lead">各行政机关每年编制并公布上一年度政府信息公开工作年度报告：政府部门于次年 1 月 31 日前、县级以上地方人民政府于次年 3 月 31 日前向社会公布（《条例》第四十九条、第五十条）。</p>
    ${
      years.length > 0
        ? html`<nav class="year-nav" aria-label="选择年度"><span id="year-nav-label">年度：</span><ul aria-labelledby="year-nav-label">${years.map(
            (y) =>
              y.year === year
                ? html`<li><a href="/annual-reports?year=${y.year}" aria-current="page">${y.year} 年（${y.count} 份）</a></li>`
                : html`<li><a href="/annual-reports?year=${y.year}">${y.year} 年（${y.count} 份）</a></li>`,
          )}</ul></nav>`
        : ''
    }
    ${
      year === null
        ? html`<p>本平台尚无已发布的年度报告。</p>`
        : html`<p>${year} 年度：${rows.length} 个机关中，${published} 个机关的年度报告已在本平台发布。</p>
      <table class="region-reports">
        <caption>${year}年度各机关政府信息公开工作年度报告</caption>
        <thead><tr><th scope="col">机关</th><th scope="col">年度报告</th><th scope="col">发布日期</th></tr></thead>
        <tbody>${rows.map(
          (row) => html`<tr>
            <th scope="row" class="depth-${Math.min(row.depth, 3)}"><a href="${agencyReportsHref(row.agency.code)}">${row.agency.name}</a></th>
            <td>${
              row.report
                ? html`<a href="${reportHref(row.agency.code, year)}">${row.report.title}</a>`
                : html`<span class="muted">本平台暂无（公布期限：${deadlineText(row.agency, year)}）</span>`
            }</td>
            ${
              row.report
                ? html`<td><span class="phone-label">发布日期：</span>${publishedOnHtml(row.report.publishedOn)}</td>`
                : html`<td class="no-date"><span class="muted">—</span></td>`
            }
          </tr>`,
        )}</tbody>
      </table>`
    }`;
  return renderPage({
    title: heading,
    breadcrumbs: [{ label: '首页', href: '/' }, { label: '年度报告' }],
    main,
    stylesheets: [REPORT_STYLESHEET],
    description: '本地区各行政机关的政府信息公开工作年度报告',
  });
}
