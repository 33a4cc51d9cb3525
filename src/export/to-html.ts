import type { ReportModel, RichText } from '../core/annual-report/index.ts';
import { type ReportTables, SECTION_TITLES } from '../core/annual-report/index.ts';
import { buildReportCharts, type ChartFigure, type KeyFigure, keyFigures } from './report-charts.ts';
import { buildReportGrids, formatCount, type GridCell, type TableGrid } from './report-layout.ts';
import { parseRichText } from './rich-text.ts';

/**
 * The report as one self-contained, publishable zh-CN page: semantic headings, the official tables with
 * their merged cells and header associations for screen readers, print styles for A4; with `vivid`,
 * figures drawn on the server as inline SVG (no script on the page).
 */

export interface HtmlRenderOptions {
  /** Add figures (图解): applicants, outcomes, proactive disclosure, and year over year with `previous`. */
  vivid?: boolean;
  /** Last year's tables, for the year-over-year figures and key-figure changes (vivid only). */
  previous?: ReportTables;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const SANS =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';
const SERIF_TITLE =
  '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "STZhongsong", "华文中宋", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif';
const HEI =
  '"SimHei", "黑体", "Heiti SC", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const FANGSONG =
  '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", serif';
const SONG = '"宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif';

/**
 * The styles of the report's body (official tables, key figures, figures), shared by the standalone
 * page below and the public portal's report page, so that both print the tables the same way. The
 * colours come from custom properties set on `.report`; a page may set --ink and --muted.
 */
export const REPORT_BODY_STYLE = `
.report { --rule: #3a3a3a; --head: #eef3f9; }
.table-scroll { overflow-x: auto; margin: 0 0 1.5rem; }
.table-scroll:focus { outline: 2px solid #1f5fa8; outline-offset: 2px; }
table.official { border-collapse: collapse; width: 100%; font-family: ${SONG}; font-size: .9rem; line-height: 1.45; font-variant-numeric: tabular-nums; }
table.official caption { caption-side: top; text-align: left; font-family: ${SANS}; font-size: .9rem; color: var(--muted); padding: 0 0 .4rem; }
table.official th, table.official td { border: 1px solid var(--rule); padding: .35em .45em; text-align: center; vertical-align: middle; font-weight: 400; }
table.official thead th, table.official th.subheading, table.official th.colhead { background: var(--head); }
table.official th.subheading { font-weight: 700; }
table.official th.leaf, table.official th.toprow, table.official td.corner { text-align: left; }
table.official td.corner { font-size: .82rem; color: var(--ink); background: var(--head); }
table.official td.num { white-space: nowrap; }
table.section2, table.section3, table.section4 { table-layout: fixed; }
table.section3, table.section4 { min-width: 760px; }
.key-figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: .75rem; margin: 1.5rem 0 2rem; padding: 0; }
.key-figures div { background: #f6f8fb; border-top: 3px solid #1f5fa8; padding: .7rem .8rem; }
.key-figures dt { font-size: .85rem; color: var(--muted); }
.key-figures dd { margin: .2rem 0 0; font-size: 1.55rem; font-weight: 700; line-height: 1.3; font-variant-numeric: tabular-nums; }
.key-figures dd .unit { font-size: .85rem; font-weight: 400; margin-left: .15em; }
.key-figures dd .change { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
figure.chart { margin: 1.5rem 0 2rem; padding: 1rem; border: 1px solid #e2e2e2; border-radius: 4px; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 720px; margin: 0 auto; }
figure.chart figcaption { font-family: ${HEI}; font-size: .95rem; text-align: center; margin-top: .5rem; color: #333; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 0 1rem; }
.charts figure.chart svg { max-width: 460px; }
table.official .nb { display: inline-block; }
.empty { color: var(--muted); }
@media (max-width: 600px) { .key-figures { grid-template-columns: repeat(2, 1fr); } }
@media print {
  .table-scroll { overflow: visible; }
  /* A collapsed border straddles the table's edge; keep its outer half inside the printable area. */
  table.official { font-size: 9pt; min-width: 0 !important; width: calc(100% - 2px); margin-left: 1px; }
  table.official thead { display: table-header-group; }
  table.official tr { break-inside: avoid; }
  .table-scroll:has(table.section2), .table-scroll:has(table.section4) { break-inside: avoid; }
  table.official th, table.official td { background: none !important; }
  table.official caption { display: none; }
  figure.chart { border: 0; padding: 0; }
  .key-figures div { border: 1px solid #999; background: none; }
}
`;

const STYLE = `
:root { --ink: #1b1b1b; --muted: #5a5a5a; --accent: #b3261e; --paper: #fff; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f3f2ef; color: var(--ink); font-family: ${SANS}; font-size: 17px; line-height: 1.85; }
.skip-link { position: absolute; left: -9999px; top: 0; background: #000; color: #fff; padding: .5em 1em; z-index: 10; }
.skip-link:focus { left: 0; }
.report { max-width: 960px; margin: 2rem auto; background: var(--paper); padding: 3rem clamp(1rem, 5vw, 4rem) 4rem; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
.report-header { text-align: center; margin-bottom: 2rem; }
h1 { font-family: ${SERIF_TITLE}; font-weight: 700; font-size: clamp(1.5rem, 3.2vw, 2.1rem); line-height: 1.5; margin: 0 0 .75rem; letter-spacing: .02em; }
h1 .line { display: block; }
.meta { color: var(--muted); font-size: .95rem; margin: 0; text-indent: 0; text-align: center; }
h2 { font-family: ${HEI}; font-weight: 700; font-size: 1.3rem; margin: 2.2rem 0 1rem; padding-left: .6rem; border-left: 4px solid var(--accent); line-height: 1.5; }
p { margin: 0 0 .8em; text-indent: 2em; text-align: justify; }
strong { font-weight: 700; }
footer.report-footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; text-align: right; }
footer.report-footer p { text-indent: 0; text-align: right; }
.meta span { display: inline-block; }
@media (max-width: 600px) { body { font-size: 16px; } .report { margin: 0; box-shadow: none; } h1 { font-size: 1.3rem; } }
@media print {
  @page { size: A4; margin: 25mm 20mm 22mm; }
  body { background: #fff; font-size: 15pt; line-height: 1.75; font-family: ${FANGSONG}; }
  .report { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .skip-link { display: none; }
  h1 { font-size: 21pt; font-weight: 400; }
  h2 { font-size: 15pt; border-left: 0; padding-left: 0; text-indent: 2em; margin: 1em 0 .3em; break-after: avoid; font-weight: 400; }
}
${REPORT_BODY_STYLE}`;

function renderProse(source: RichText): string {
  return parseRichText(source)
    .map(
      (runs) =>
        `<p>${runs.map((run) => (run.bold ? `<strong>${escapeHtml(run.text)}</strong>` : escapeHtml(run.text))).join('')}</p>`,
    )
    .join('\n');
}

// ── tables ──────────────────────────────────────────────────────────────────────────────────────────

function cellClass(cell: GridCell): string {
  switch (cell.role) {
    case 'corner':
      return 'corner';
    case 'subheading':
      return 'subheading';
    case 'column-header':
      return 'colhead';
    case 'value':
      return 'num';
    case 'row-header':
      if (cell.rowSpan > 1) return cell.col === 0 ? 'group' : 'outcome-group';
      if (cell.col === 0) return 'toprow';
      return 'leaf';
  }
}

function renderCell(cell: GridCell, grid: TableGrid['key']): string {
  const attributes: string[] = [];
  if (cell.id) attributes.push(`id="${escapeHtml(cell.id)}"`);
  if (cell.colSpan > 1) attributes.push(`colspan="${cell.colSpan}"`);
  if (cell.rowSpan > 1) attributes.push(`rowspan="${cell.rowSpan}"`);
  attributes.push(`class="${cellClass(cell)}"`);
  if (cell.headers && cell.headers.length > 0) {
    attributes.push(`headers="${escapeHtml(cell.headers.join(' '))}"`);
  }
  const text = escapeHtml(cell.text);
  if (cell.role === 'value') {
    if (cell.cellId) attributes.push(`data-cell="${escapeHtml(cell.cellId)}"`);
    return `<td ${attributes.join(' ')}>${text}</td>`;
  }
  if (cell.role === 'corner') return `<td ${attributes.join(' ')}>${text}</td>`;
  let scope: string;
  const label = grid === 'section2' ? text : headerText(cell);
  if (cell.role === 'row-header') scope = cell.rowSpan > 1 ? 'rowgroup' : 'row';
  else if (cell.role === 'subheading') scope = 'rowgroup';
  else scope = cell.colSpan > 1 ? 'colgroup' : 'col';
  return `<th scope="${scope}" ${attributes.join(' ')}>${label}</th>`;
}

/** Column widths in percent: label columns as in the printed form, value columns equal. */
function colgroup(grid: TableGrid): string {
  const labels = { section2: [28], section3: [7, 9.5, 34], section4: [] }[grid.key];
  const used = labels.reduce((a, b) => a + b, 0);
  const each = (100 - used) / (grid.columnCount - labels.length);
  const widths = [...labels, ...Array.from({ length: grid.columnCount - labels.length }, () => each)];
  return `<colgroup>${widths.map((w) => `<col style="width:${Number(w.toFixed(3))}%">`).join('')}</colgroup>`;
}

/**
 * Narrow column headers of four or six characters break between pairs (结果/维持, 社会/公益/组织), as in
 * the printed form, never in the middle of a word.
 */
function headerText(cell: GridCell): string {
  const chars = [...cell.text];
  if (cell.role !== 'column-header' || cell.colSpan > 1 || !/^[\u4e00-\u9fff]+$/.test(cell.text)) {
    return escapeHtml(cell.text);
  }
  if (chars.length !== 4 && chars.length !== 6) return escapeHtml(cell.text);
  const pairs: string[] = [];
  for (let i = 0; i < chars.length; i += 2) pairs.push(chars.slice(i, i + 2).join(''));
  return pairs.map((pair) => `<span class="nb">${escapeHtml(pair)}</span>`).join('');
}

function renderTable(grid: TableGrid): string {
  const captionId = `caption-${grid.key}`;
  const row = (cells: GridCell[]) => `<tr>${cells.map((cell) => renderCell(cell, grid.key)).join('')}</tr>`;
  const head = grid.rows.slice(0, grid.headerRowCount);
  const body = grid.rows.slice(grid.headerRowCount);
  let bodyHtml: string;
  if (grid.key === 'section2') {
    // Each 第二十条 item is its own row group, so its sub-heading can take scope="rowgroup".
    const groups: GridCell[][][] = [];
    for (const cells of body) {
      if (cells[0]?.role === 'subheading') groups.push([]);
      groups[groups.length - 1]?.push(cells);
    }
    bodyHtml = groups.map((rows) => `<tbody>\n${rows.map(row).join('\n')}\n</tbody>`).join('\n');
  } else {
    bodyHtml = `<tbody>\n${body.map(row).join('\n')}\n</tbody>`;
  }
  return [
    `<div class="table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">`,
    `<table class="official ${grid.key}">`,
    `<caption id="${captionId}">${escapeHtml(grid.caption)}</caption>`,
    colgroup(grid),
    head.length > 0 ? `<thead>\n${head.map(row).join('\n')}\n</thead>` : '',
    bodyHtml,
    '</table>',
    '</div>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

// ── figures ─────────────────────────────────────────────────────────────────────────────────────────

function renderFigure(figure: ChartFigure): string {
  return [
    `<figure class="chart" id="${figure.id}">`,
    figure.svg,
    `<figcaption>${escapeHtml(figure.caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

function changeText(figure: KeyFigure): string {
  if (!('previous' in figure)) return '';
  if (figure.value === null || figure.previous === null || figure.previous === undefined) return '';
  const delta = figure.value - figure.previous;
  const text =
    delta === 0
      ? '与上年持平'
      : `比上年${delta > 0 ? '增加' : '减少'}${formatCount(Math.abs(delta))}${figure.unit}`;
  return `<span class="change">${escapeHtml(text)}</span>`;
}

function renderKeyFigures(figures: KeyFigure[]): string {
  const items = figures.map(
    (figure) =>
      `<div><dt>${escapeHtml(figure.label)}</dt><dd>${
        figure.value === null ? '<span class="empty">未填报</span>' : escapeHtml(formatCount(figure.value))
      }<span class="unit">${escapeHtml(figure.unit)}</span>${changeText(figure)}</dd></div>`,
  );
  return `<dl class="key-figures" aria-label="本年度主要数据">\n${items.join('\n')}\n</dl>`;
}

// ── page ────────────────────────────────────────────────────────────────────────────────────────────

function titleHtml(model: ReportModel): string {
  const { title, agencyName } = model;
  if (title.startsWith(agencyName) && title.length > agencyName.length) {
    return `<span class="line">${escapeHtml(agencyName)}</span><span class="line">${escapeHtml(title.slice(agencyName.length))}</span>`;
  }
  return escapeHtml(title);
}

function publishedText(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return escapeHtml(isoDate);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

export interface ReportArticleOptions extends HtmlRenderOptions {
  /** Trusted markup placed in the header under the title and date (the portal's download links). */
  headerExtra?: string;
}

/**
 * The report itself as an `<article class="report">` fragment: title (the one h1), date, the prose
 * and the six sections with the official tables. The standalone page below wraps it; the public portal
 * embeds it in its own layout with REPORT_BODY_STYLE, so both show the same document.
 */
export function renderReportArticle(model: ReportModel, options: ReportArticleOptions = {}): string {
  const grids = buildReportGrids(model.tables);
  const vivid = options.vivid === true;
  const charts = vivid ? buildReportCharts(model.tables, options.previous) : null;
  const section = (index: number, body: string) => {
    const title = SECTION_TITLES[index]!;
    return [
      `<section class="report-section" aria-labelledby="section-${index + 1}">`,
      `<h2 id="section-${index + 1}">${escapeHtml(title)}</h2>`,
      body,
      '</section>',
    ].join('\n');
  };
  const meta = [`<span>发布机关：${escapeHtml(model.agencyName)}</span>`];
  if (model.publishedOn) {
    meta.push(
      `<span>发布日期：<time datetime="${escapeHtml(model.publishedOn)}">${publishedText(model.publishedOn)}</time></span>`,
    );
  }

  return [
    `<article class="report${vivid ? ' vivid' : ''}">`,
    '<header class="report-header">',
    `<h1>${titleHtml(model)}</h1>`,
    `<p class="meta">${meta.join('　')}</p>`,
    options.headerExtra ?? '',
    '</header>',
    renderProse(model.prose.preamble),
    charts ? renderKeyFigures(keyFigures(model.tables, options.previous)) : '',
    section(
      0,
      [renderProse(model.prose.overview), charts?.yearOverYear ? renderFigure(charts.yearOverYear) : '']
        .filter(Boolean)
        .join('\n'),
    ),
    section(
      1,
      [renderTable(grids.section2), charts ? renderFigure(charts.proactive) : ''].filter(Boolean).join('\n'),
    ),
    section(
      2,
      [
        renderTable(grids.section3),
        charts
          ? `<div class="charts">\n${renderFigure(charts.applicants)}\n${renderFigure(charts.outcomes)}\n</div>`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    section(3, renderTable(grids.section4)),
    section(4, renderProse(model.prose.problems)),
    section(5, renderProse(model.prose.otherMatters)),
    '</article>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

export function renderReportHtml(model: ReportModel, options: HtmlRenderOptions = {}): string {
  const body = [
    '<a class="skip-link" href="#report-body">跳到正文</a>',
    '<main id="report-body">',
    renderReportArticle(model, options),
    '</main>',
  ].join('\n');

  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)}</title>`,
    `<meta name="description" content="${escapeHtml(`${model.agencyName}${model.year}年政府信息公开工作年度报告`)}">`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
