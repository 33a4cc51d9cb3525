import type { PublicSearch } from '../../app/catalogue/public-catalogue.ts';
import {
  ARTICLE_20_CATEGORIES,
  ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ARTICLE_21_TOWNSHIP_CATEGORIES,
  DECISION_KIND_LABELS,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type DocumentType,
  VALIDITIES,
  VALIDITY_LABELS,
  type Validity,
} from '../../core/catalogue/index.ts';
import type { DecisionListItem } from '../../db/repositories/decision.repository.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { queryString, renderEntryItem, renderPagination, selectField } from './catalogue-parts.ts';

export interface SearchFilters {
  text: string;
  agencyCode?: string | undefined;
  category?: string | undefined;
  year?: number | undefined;
  validity?: Validity | undefined;
  documentType?: DocumentType | undefined;
}

const ALL_CATEGORIES = [
  ...ARTICLE_20_CATEGORIES,
  ...ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ...ARTICLE_21_TOWNSHIP_CATEGORIES,
];

/**
 * 全文检索: Chinese words (jieba) and fragments of titles and 文号, with the hits marked, filters and
 * pages; decisions whose 文号 or counterparty contains the query are listed beside.
 */
export function renderSearchPage(
  filters: SearchFilters,
  found: PublicSearch | null,
  agencies: { code: string; name: string }[],
  options: { pageSize: number; maxPage: number; currentYear: number },
): string {
  const years = Array.from({ length: 8 }, (_, i) => options.currentYear - i);
  const params = {
    q: filters.text,
    agency: filters.agencyCode,
    category: filters.category,
    year: filters.year,
    validity: filters.validity,
    type: filters.documentType,
  };
  const result = found?.result;
  const form = html`<form class="search-form" method="get" action="/search" role="search" aria-label="检索政府信息">
    <div class="search-box">
      <label for="s-q">关键词或文号</label>
      <div class="search-row">
        <input id="s-q" name="q" type="search" value="${filters.text}" maxlength="100" placeholder="如：企业开办、行政许可、张审批〔2021〕12">
        <button class="button" type="submit">检索</button>
      </div>
    </div>
    <details class="search-options" ${filters.agencyCode || filters.category || filters.year || filters.validity || filters.documentType ? 'open' : ''}>
      <summary>筛选条件</summary>
      <div class="filters">
        ${selectField({ id: 's-agency', name: 'agency', label: '发布机关', value: filters.agencyCode, anyLabel: '全部机关', choices: agencies.map((a) => ({ value: a.code, label: a.name })) })}
        ${selectField({ id: 's-category', name: 'category', label: '公开类别', value: filters.category, anyLabel: '全部类别', choices: ALL_CATEGORIES.map((c) => ({ value: c.code, label: c.label.length > 24 ? `${c.label.slice(0, 23)}…` : c.label })) })}
        ${selectField({ id: 's-year', name: 'year', label: '发布年度', value: filters.year?.toString(), anyLabel: '全部年度', choices: years.map((y) => ({ value: String(y), label: `${y} 年` })) })}
        ${selectField({ id: 's-validity', name: 'validity', label: '有效性', value: filters.validity, anyLabel: '全部', choices: VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] })) })}
        ${selectField({ id: 's-type', name: 'type', label: '体裁', value: filters.documentType, anyLabel: '全部体裁', choices: DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] })) })}
      </div>
    </details>
  </form>`;
  let body = html`<p class="lead">可检索各机关政府信息公开目录中的条目（名称、内容概述、文号、发布机构、主题），并查询行政许可、处罚、强制决定的文号和相对人名称。中文按词检索，多个词之间是“并且”的关系；输入文号的一部分也能找到。</p>`;
  if (result && filters.text.trim() !== '') {
    const totalText = result.totalIsCapped ? `${result.total} 条以上` : `${result.total} 条`;
    const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
    body = html`
      <p class="search-summary" role="status">“${filters.text}”找到目录条目 ${totalText}${result.words.length > 1 ? html`（分词：${result.words.join(' / ')}）` : ''}。</p>
      <p><a href="/search/decisions${queryString({ q: filters.text, agency: filters.agencyCode, year: filters.year })}">在行政许可、处罚、强制决定中按文号或相对人名称查找“${filters.text}”</a></p>
      ${
        found?.decisions && found.decisions.total > 0
          ? html`<section class="decision-hits" aria-labelledby="dh-title">
              <h2 id="dh-title">行政许可、处罚、强制决定（${found.decisions.totalIsCapped ? `${found.decisions.total} 条以上` : `${found.decisions.total} 条`}）</h2>
              <ul>${found.decisions.items.map(
                (d) =>
                  html`<li><a href="/agencies/${d.agencyCode}/decisions/${d.id}">${d.documentNumber}</a> ${d.title}（${DECISION_KIND_LABELS[d.kind]}，${d.decidedOn}）</li>`,
              )}</ul>
              ${
                filters.agencyCode
                  ? html`<p><a href="/agencies/${filters.agencyCode}/decisions${queryString({ q: filters.text.replace(/\s+/g, ''), year: filters.year })}">查看全部匹配的决定</a></p>`
                  : ''
              }
            </section>`
          : ''
      }
      <h2 id="hits-title">目录条目</h2>
      ${
        result.hits.length === 0
          ? html`<p>没有找到相关条目。可以换用更短的词，或去掉筛选条件。</p>`
          : html`<ol class="entry-list" aria-labelledby="hits-title">${result.hits.map((hit) =>
              renderEntryItem(
                hit.agencyCode,
                hit,
                { title: hit.titleParts, summary: hit.summaryParts, documentNumber: hit.documentNumberParts },
                agencyName.get(hit.agencyCode) ?? hit.agencyName,
              ),
            )}</ol>`
      }
      ${renderPagination({
        basePath: '/search',
        params,
        page: result.page,
        pageSize: options.pageSize,
        total: result.total,
        maxPage: options.maxPage,
        more: result.totalIsCapped && result.hits.length === options.pageSize,
      })}`;
  }
  return renderPage({
    title: filters.text ? `检索：${filters.text}` : '信息检索',
    breadcrumbs: [{ label: '首页', href: '/' }, { label: '信息检索' }],
    main: html`<h1>政府信息检索</h1>${form}${body}`,
    description: '检索各机关主动公开的政府信息',
  });
}

/** Decisions of all agencies (or one) by a fragment of the 文号 or of the counterparty's name. */
export function renderDecisionSearchPage(
  filters: { text: string; agencyCode?: string | undefined; year?: number | undefined },
  found: { items: DecisionListItem[]; total: number; totalIsCapped: boolean } | null,
  agencies: { code: string; name: string }[],
  options: { page: number; pageSize: number; maxPage: number; currentYear: number },
): string {
  const years = Array.from({ length: 8 }, (_, i) => options.currentYear - i);
  const form = html`<form class="search-form" method="get" action="/search/decisions" role="search" aria-label="查找行政决定">
    <div class="search-box">
      <label for="ds-q">文号或行政相对人名称</label>
      <div class="search-row">
        <input id="ds-q" name="q" type="search" value="${filters.text}" maxlength="100" placeholder="如：张审批企〔2021〕00012 或 企业名称">
        <button class="button" type="submit">查找</button>
      </div>
    </div>
    <div class="filters">
      ${selectField({ id: 'ds-agency', name: 'agency', label: '决定机关', value: filters.agencyCode, anyLabel: '全部机关', choices: agencies.map((a) => ({ value: a.code, label: a.name })) })}
      ${selectField({ id: 'ds-year', name: 'year', label: '决定年度', value: filters.year?.toString(), anyLabel: '全部年度', choices: years.map((y) => ({ value: String(y), label: `${y} 年` })) })}
    </div>
  </form>`;
  let body = html`<p class="lead">查找各机关公开的行政许可、行政处罚、行政强制决定（《条例》第二十条第（五）（六）项）。输入文号或行政相对人名称的一部分（至少 2 个字）。</p>`;
  if (found && filters.text.trim() !== '') {
    const totalText = found.totalIsCapped ? `${found.total} 条以上` : `${found.total} 条`;
    body = html`<p class="search-summary" role="status">“${filters.text}”找到决定 ${totalText}。</p>
      ${
        found.items.length === 0
          ? html`<p>没有找到相关决定。</p>`
          : html`<div class="table-scroll"><table class="decisions">
              <caption class="visually-hidden">决定列表</caption>
              <thead><tr><th scope="col">文号</th><th scope="col">决定名称</th><th scope="col">行政相对人</th><th scope="col">决定日期</th><th scope="col">决定机关</th></tr></thead>
              <tbody>${found.items.map(
                (d) => html`<tr>
                  <td><a href="/agencies/${d.agencyCode}/decisions/${d.id}">${d.documentNumber}</a></td>
                  <td>${d.title}</td>
                  <td>${d.counterpartyName}</td>
                  <td><time datetime="${d.decidedOn}">${d.decidedOn}</time></td>
                  <td>${d.agencyName}<br><span class="muted">${DECISION_KIND_LABELS[d.kind]}</span></td>
                </tr>`,
              )}</tbody>
            </table></div>`
      }
      ${renderPagination({
        basePath: '/search/decisions',
        params: { q: filters.text, agency: filters.agencyCode, year: filters.year },
        page: options.page,
        pageSize: options.pageSize,
        total: found.total,
        maxPage: options.maxPage,
      })}`;
  }
  return renderPage({
    title: filters.text ? `查找决定：${filters.text}` : '查找行政决定',
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: '信息检索', href: '/search' },
      { label: '行政决定' },
    ],
    main: html`<h1>查找行政许可、处罚、强制决定</h1>${form}${body}`,
  });
}
