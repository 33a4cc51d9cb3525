import type { Agency } from '../../core/agency/index.ts';
import {
  type CatalogueEntry,
  DECISION_KIND_LABELS,
  type DecisionKind,
  VALIDITY_LABELS,
  type Validity,
} from '../../core/catalogue/index.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import {
  agencyCatalogueNav,
  categoryLabel,
  queryString,
  renderEntryItem,
  renderPagination,
  selectField,
} from './catalogue-parts.ts';

export interface CatalogueListView {
  agency: Agency;
  entries: CatalogueEntry[];
  total: number;
  page: number;
  pageSize: number;
  maxPage: number;
  filters: { year?: number | undefined; category?: string | undefined; validity?: Validity | undefined };
  facets: {
    years: { year: number; count: number }[];
    categories: { category: string; count: number }[];
    validities: { validity: Validity; count: number }[];
  };
  decisionYears: { year: number; kind: DecisionKind; count: number }[];
}

/** 政府信息公开目录 (条例第十二条): an agency's published entries, by year, category and validity. */
export function renderCatalogueListPage(view: CatalogueListView): string {
  const { agency, filters } = view;
  const base = `/agencies/${agency.code}/catalogue`;
  const params = { year: filters.year, category: filters.category, validity: filters.validity };
  const filtered =
    filters.year !== undefined || filters.category !== undefined || filters.validity !== undefined;
  const main = html`
    <h1>${agency.name}政府信息公开目录</h1>
    ${agencyCatalogueNav(agency, 'catalogue')}
    <p class="lead">本目录列出本机关主动公开的政府信息，每条信息有唯一的索引号。属于主动公开范围的政府信息，自形成或者变更之日起 20 个工作日内予以公开（《条例》第二十六条）。</p>
    <form class="filters" method="get" action="${base}" aria-label="筛选目录">
      ${selectField({
        id: 'f-year',
        name: 'year',
        label: '发布年度',
        value: filters.year?.toString(),
        anyLabel: '全部年度',
        choices: view.facets.years.map((y) => ({
          value: String(y.year),
          label: `${y.year} 年（${y.count}）`,
        })),
      })}
      ${selectField({
        id: 'f-category',
        name: 'category',
        label: '公开类别',
        value: filters.category,
        anyLabel: '全部类别',
        choices: view.facets.categories.map((c) => ({
          value: c.category,
          label: `${categoryLabel(c.category)}（${c.count}）`,
        })),
      })}
      ${selectField({
        id: 'f-validity',
        name: 'validity',
        label: '有效性',
        value: filters.validity,
        anyLabel: '全部',
        choices: view.facets.validities.map((v) => ({
          value: v.validity,
          label: `${VALIDITY_LABELS[v.validity]}（${v.count}）`,
        })),
      })}
      <div class="filter-actions">
        <button class="button" type="submit">筛选</button>
        ${filtered ? html`<a href="${base}">清除筛选</a>` : ''}
      </div>
    </form>
    <h2 id="results">${filtered ? '筛选结果' : '全部条目'}（共 ${view.total} 条）</h2>
    ${
      view.entries.length === 0
        ? html`<p>没有符合条件的条目。</p>`
        : html`<ol class="entry-list" aria-labelledby="results">${view.entries.map((e) => renderEntryItem(agency.code, e))}</ol>`
    }
    ${renderPagination({ basePath: base, params, page: view.page, pageSize: view.pageSize, total: view.total, maxPage: view.maxPage })}
    ${
      view.decisionYears.length > 0
        ? html`<h2>行政许可、行政处罚、行政强制决定</h2>
          <p>依照《条例》第二十条第（五）（六）项公开的处理决定，逐条列于决定公示栏目：</p>
          <ul class="decision-years">${view.decisionYears.map(
            (d) =>
              html`<li><a href="/agencies/${agency.code}/decisions${queryString({ kind: d.kind, year: d.year })}">${d.year} 年${DECISION_KIND_LABELS[d.kind]}决定</a>（${d.count} 件）</li>`,
          )}</ul>`
        : ''
    }`;
  return renderPage({
    title: `${agency.name}政府信息公开目录`,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: agency.name, href: `/agencies/${agency.code}` },
      { label: '政府信息公开目录' },
    ],
    main,
    description: `${agency.name}主动公开的政府信息目录`,
  });
}
