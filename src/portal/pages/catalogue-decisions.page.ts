import type { Agency } from '../../core/agency/index.ts';
import { DECISION_KIND_LABELS, DECISION_KINDS, type DecisionKind } from '../../core/catalogue/index.ts';
import type { DecisionListItem } from '../../db/repositories/decision.repository.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { agencyCatalogueNav, queryString, renderPagination, selectField } from './catalogue-parts.ts';

export interface DecisionListView {
  agency: Agency;
  items: DecisionListItem[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  maxPage: number;
  filters: { kind?: DecisionKind | undefined; year?: number | undefined; text?: string | undefined };
  years: { year: number; kind: DecisionKind; count: number }[];
}

/** 双公示: an agency's licensing, penalty and coercion decisions, by kind and year, searchable. */
export function renderDecisionListPage(view: DecisionListView): string {
  const { agency, filters } = view;
  const base = `/agencies/${agency.code}/decisions`;
  const years = [...new Set(view.years.map((y) => y.year))];
  const totalText = view.totalIsCapped ? `${view.total} 条以上（请用条件缩小范围）` : `${view.total} 条`;
  const main = html`
    <h1>${agency.name}行政许可、行政处罚、行政强制决定</h1>
    ${agencyCatalogueNav(agency, 'decisions')}
    <p class="lead">依照《条例》第二十条第（五）项、第（六）项公开的处理决定。可按文号或行政相对人名称查询。</p>
    <form class="filters" method="get" action="${base}" aria-label="查询决定">
      ${selectField({
        id: 'd-kind',
        name: 'kind',
        label: '决定类别',
        value: filters.kind,
        anyLabel: '全部类别',
        choices: DECISION_KINDS.map((k) => ({ value: k, label: DECISION_KIND_LABELS[k] })),
      })}
      ${selectField({
        id: 'd-year',
        name: 'year',
        label: '决定年度',
        value: filters.year?.toString(),
        anyLabel: '全部年度',
        choices: years.map((y) => ({ value: String(y), label: `${y} 年` })),
      })}
      <div class="filter filter-text">
        <label for="d-text">文号或相对人名称</label>
        <input id="d-text" name="q" type="search" value="${filters.text ?? ''}" maxlength="100" placeholder="如：张审批企〔2021〕00012 或 公司名称">
      </div>
      <div class="filter-actions"><button class="button" type="submit">查询</button></div>
    </form>
    <h2 id="results">共 ${totalText}</h2>
    ${
      view.items.length === 0
        ? html`<p>没有符合条件的决定。</p>`
        : html`<div class="table-scroll"><table class="decisions">
            <caption class="visually-hidden">决定列表</caption>
            <thead><tr><th scope="col">文号</th><th scope="col">决定名称</th><th scope="col">行政相对人</th><th scope="col">决定日期</th><th scope="col">类别</th></tr></thead>
            <tbody>${view.items.map(
              (d) => html`<tr>
                <td><a href="${base}/${d.id}">${d.documentNumber}</a></td>
                <td>${d.title}</td>
                <td>${d.counterpartyName}</td>
                <td><time datetime="${d.decidedOn}">${d.decidedOn}</time></td>
                <td>${DECISION_KIND_LABELS[d.kind]}${d.matterCategory ? html`<br><span class="muted">${d.matterCategory}</span>` : ''}</td>
              </tr>`,
            )}</tbody>
          </table></div>`
    }
    ${renderPagination({
      basePath: base,
      params: { kind: filters.kind, year: filters.year, q: filters.text },
      page: view.page,
      pageSize: view.pageSize,
      total: view.total,
      maxPage: view.maxPage,
    })}`;
  return renderPage({
    title: `${agency.name}行政许可、行政处罚、行政强制决定`,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: agency.name, href: `/agencies/${agency.code}` },
      { label: '行政决定公示' },
    ],
    main,
  });
}

export function renderDecisionPage(decision: DecisionListItem): string {
  const rows: [string, string | null][] = [
    ['决定类别', DECISION_KIND_LABELS[decision.kind]],
    ['文号', decision.documentNumber],
    ['决定名称', decision.title],
    ['事项名称', decision.matterName],
    ['事项类别', decision.matterCategory],
    ['行政相对人', decision.counterpartyName],
    ['统一社会信用代码', decision.counterpartyCode],
    ['决定内容', decision.content],
    ['依据', decision.basis],
    ['罚没金额（元）', decision.amountYuan === null ? null : decision.amountYuan.toFixed(2)],
    ['决定日期', decision.decidedOn],
    ['有效期自', decision.validFrom],
    ['有效期至', decision.validUntil],
    ['公示日期', decision.publishedOn],
    ['决定机关', decision.agencyName],
  ];
  const main = html`
    <article aria-labelledby="d-title">
      <h1 id="d-title">${decision.title}</h1>
      <table class="entry-fields">
        <caption>决定信息</caption>
        <tbody>${rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody>
      </table>
      <p><a href="/agencies/${decision.agencyCode}/decisions${queryString({ kind: decision.kind, year: decision.decidedOn.slice(0, 4) })}">返回决定列表</a></p>
    </article>`;
  return renderPage({
    title: decision.title,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: decision.agencyName, href: `/agencies/${decision.agencyCode}` },
      { label: '行政决定公示', href: `/agencies/${decision.agencyCode}/decisions` },
      { label: decision.documentNumber },
    ],
    main,
  });
}
