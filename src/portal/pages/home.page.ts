import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS, type Agency } from '../../core/agency/index.ts';
import { type Html, html } from '../html.ts';
import { renderPage } from '../layout.ts';

function renderTree(agencies: Agency[], parentId: string | null): Html | '' {
  const children = agencies.filter((a) => a.parentId === parentId);
  if (children.length === 0) return '';
  return html`<ul>${children.map(
    (agency) => html`<li>
      <div class="agency-card">
        <a class="name" href="/agencies/${agency.code}">${agency.name}</a>
        <span class="tag">${AGENCY_LEVEL_LABELS[agency.level]}${AGENCY_KIND_LABELS[agency.kind]}</span>
        <a href="/agencies/${agency.code}">政府信息公开指南</a>
        <a href="/agencies/${agency.code}/catalogue">政府信息公开目录</a>
      </div>
      ${renderTree(agencies, agency.id)}
    </li>`,
  )}</ul>`;
}

export function renderHomePage(agencies: Agency[]): string {
  const ids = new Set(agencies.map((a) => a.id));
  // Roots are agencies whose parent is not published here.
  const roots = agencies.filter((a) => a.parentId === null || !ids.has(a.parentId));
  const main = html`
    <h1>政府信息公开</h1>
    <p class="lead">依据《中华人民共和国政府信息公开条例》，各行政机关在此公开政府信息公开指南。公民、法人或者其他组织可以查阅各机关的公开范围、申请方式和联系方式。</p>
    <form class="search-form home-search" method="get" action="/search" role="search" aria-label="检索政府信息">
      <label for="home-q">检索政府信息公开目录</label>
      <div class="search-row"><input id="home-q" name="q" type="search" maxlength="100" placeholder="如：企业开办、行政许可、文号"><button class="button" type="submit">检索</button></div>
    </form>
    <p>各机关的<a href="/annual-reports">政府信息公开工作年度报告</a>按年度汇集，可在线阅读并下载 Word、Excel 文件。</p>
    <h2 id="agencies">机关列表</h2>
    ${
      agencies.length === 0
        ? html`<p>尚未登记任何机关。</p>`
        : html`<nav aria-labelledby="agencies"><ul class="agency-tree">${roots.map(
            (root) => html`<li>
              <div class="agency-card">
                <a class="name" href="/agencies/${root.code}">${root.name}</a>
                <span class="tag">${AGENCY_LEVEL_LABELS[root.level]}${AGENCY_KIND_LABELS[root.kind]}</span>
                <a href="/agencies/${root.code}">政府信息公开指南</a>
                <a href="/agencies/${root.code}/catalogue">政府信息公开目录</a>
              </div>
              ${renderTree(agencies, root.id)}
            </li>`,
          )}</ul></nav>`
    }`;
  return renderPage({ title: '首页', main, description: '各行政机关的政府信息公开指南' });
}
