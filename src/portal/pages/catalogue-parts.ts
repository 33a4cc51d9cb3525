import type { Agency } from '../../core/agency/index.ts';
import {
  type CatalogueEntry,
  categoryShortLabel,
  DOCUMENT_TYPE_LABELS,
  findCategory,
  indexNumberToSlug,
  VALIDITY_LABELS,
  type Validity,
} from '../../core/catalogue/index.ts';
import type { HighlightPart } from '../../search/index.ts';
import { type Html, html } from '../html.ts';

/** Shared pieces of the catalogue, decision and search pages. */

export function entryHref(agencyCode: string, indexNumber: string): string {
  return `/agencies/${agencyCode}/catalogue/${indexNumberToSlug(indexNumber)}`;
}

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Marked search hits: <mark> around the parts that matched. */
export function renderParts(parts: HighlightPart[]): Html {
  return html`${parts.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : p.text))}`;
}

export function validityTag(validity: Validity): Html {
  return html`<span class="tag validity-${validity}">${VALIDITY_LABELS[validity]}</span>`;
}

export function categoryLabel(code: string): string {
  return findCategory(code)?.label ?? code;
}

/** Previous / numbered / next links, keeping the filters; never links past `maxPage`. */
export function renderPagination(options: {
  basePath: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pageSize: number;
  total: number;
  maxPage: number;
  /** The total is a lower bound (“more than”): offer the next page while this one is full. */
  more?: boolean;
}): Html | '' {
  const known = Math.ceil(options.total / options.pageSize);
  const pages = Math.min(options.more ? Math.max(known, options.page + 1) : known, options.maxPage);
  if (pages <= 1) return '';
  const href = (page: number) =>
    `${options.basePath}${queryString({ ...options.params, page: page === 1 ? undefined : page })}`;
  const shown = new Set([
    1,
    pages,
    options.page - 2,
    options.page - 1,
    options.page,
    options.page + 1,
    options.page + 2,
  ]);
  const numbers = [...shown].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Html[] = [];
  let previous = 0;
  for (const n of numbers) {
    if (n > previous + 1) items.push(html`<li class="gap" aria-hidden="true">…</li>`);
    items.push(
      n === options.page
        ? html`<li><a href="${href(n)}" aria-current="page">${n}</a></li>`
        : html`<li><a href="${href(n)}">${n}</a></li>`,
    );
    previous = n;
  }
  return html`<nav class="pagination" aria-label="分页">
    <ul>
      ${options.page > 1 ? html`<li><a href="${href(options.page - 1)}" rel="prev">上一页</a></li>` : ''}
      ${items}
      ${options.page < pages ? html`<li><a href="${href(options.page + 1)}" rel="next">下一页</a></li>` : ''}
    </ul>
  </nav>`;
}

export function selectField(options: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  choices: { value: string; label: string }[];
  anyLabel: string;
}): Html {
  return html`<div class="filter">
    <label for="${options.id}">${options.label}</label>
    <select id="${options.id}" name="${options.name}">
      <option value="">${options.anyLabel}</option>
      ${options.choices.map((c) =>
        c.value === options.value
          ? html`<option value="${c.value}" selected>${c.label}</option>`
          : html`<option value="${c.value}">${c.label}</option>`,
      )}
    </select>
  </div>`;
}

/** One catalogue entry in a list: title, then 索引号 · 发布日期 · 文号 · 类别 · 有效性. */
export function renderEntryItem(
  agencyCode: string,
  entry: Pick<
    CatalogueEntry,
    | 'title'
    | 'indexNumber'
    | 'publishedOn'
    | 'documentNumber'
    | 'category'
    | 'validity'
    | 'documentType'
    | 'summary'
  >,
  parts?: {
    title?: HighlightPart[];
    summary?: HighlightPart[] | null;
    documentNumber?: HighlightPart[] | null;
  },
  agencyName?: string,
): Html {
  return html`<li class="entry-item">
    <a class="entry-title" href="${entryHref(agencyCode, entry.indexNumber!)}">${parts?.title ? renderParts(parts.title) : entry.title}</a>
    ${parts?.summary ? html`<p class="entry-summary">${renderParts(parts.summary)}</p>` : ''}
    <p class="entry-meta">
      <span>索引号 ${entry.indexNumber}</span>
      <span>发布日期 <time datetime="${entry.publishedOn}">${entry.publishedOn}</time></span>
      ${entry.documentNumber ? html`<span>文号 ${parts?.documentNumber ? renderParts(parts.documentNumber) : entry.documentNumber}</span>` : ''}
      ${agencyName ? html`<span>${agencyName}</span>` : ''}
      <span>${categoryShortLabel(entry.category)}</span>
      <span>${DOCUMENT_TYPE_LABELS[entry.documentType]}</span>
      ${validityTag(entry.validity)}
    </p>
  </li>`;
}

export function agencyCatalogueNav(
  agency: Agency,
  current: 'catalogue' | 'decisions' | 'guide' | 'annual-reports',
): Html {
  const link = (key: typeof current, href: string, label: string) =>
    key === current
      ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
      : html`<li><a href="${href}">${label}</a></li>`;
  return html`<nav class="section-nav" aria-label="${agency.name}的公开栏目">
    <ul>
      ${link('guide', `/agencies/${agency.code}`, '政府信息公开指南')}
      ${link('catalogue', `/agencies/${agency.code}/catalogue`, '政府信息公开目录')}
      ${link('decisions', `/agencies/${agency.code}/decisions`, '行政许可、处罚、强制决定')}
      ${link('annual-reports', `/agencies/${agency.code}/annual-reports`, '政府信息公开工作年度报告')}
      <li><a href="/search${queryString({ agency: agency.code })}">在本机关内检索</a></li>
    </ul>
  </nav>`;
}
