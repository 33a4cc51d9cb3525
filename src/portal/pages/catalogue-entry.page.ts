import type { PublicEntry } from '../../app/catalogue/public-catalogue.ts';
import { DOCUMENT_TYPE_LABELS, LINK_KIND_LABELS, VALIDITY_LABELS } from '../../core/catalogue/index.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { agencyCatalogueNav, categoryLabel, entryHref, validityTag } from './catalogue-parts.ts';

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * One entry at its stable address: the catalogue's fields (条例第十二条: 索引、名称、内容概述、生成日期,
 * and those portals show), the text, the attachments and the linked interpretations.
 */
export function renderCatalogueEntryPage(view: PublicEntry): string {
  const { agency, entry } = view;
  const crumbs = [
    { label: '首页', href: '/' },
    { label: agency.name, href: `/agencies/${agency.code}` },
    { label: '政府信息公开目录', href: `/agencies/${agency.code}/catalogue` },
    { label: entry.title },
  ];
  if (entry.status === 'withdrawn') {
    return renderPage({
      title: entry.title,
      breadcrumbs: crumbs,
      main: html`<h1>${entry.title}</h1>
        <p class="note">索引号 ${entry.indexNumber} 的信息已于 ${entry.withdrawnOn} 撤回，不再公开。撤回理由：${entry.withdrawalReason}</p>
        <p><a href="/agencies/${agency.code}/catalogue">返回${agency.name}政府信息公开目录</a></p>`,
    });
  }
  const rows: [string, ReturnType<typeof html> | string | null][] = [
    ['索引号', entry.indexNumber],
    ['名称', entry.title],
    ['内容概述', entry.summary],
    ['发布机构', entry.issuingAgencyName],
    ['文号', entry.documentNumber],
    ['成文日期', entry.formedOn],
    ['发布日期', entry.publishedOn],
    ['公开类别', categoryLabel(entry.category)],
    ['主题分类', entry.topic],
    ['体裁', DOCUMENT_TYPE_LABELS[entry.documentType]],
    ['有效性', validityTag(entry.validity)],
  ];
  if (entry.validity !== 'in_force') {
    rows.push([`${VALIDITY_LABELS[entry.validity]}日期`, entry.validityChangedOn]);
    if (entry.repealedBy) rows.push(['废止依据', entry.repealedBy]);
  }
  const interpretations = view.links.filter((l) => l.direction === 'interpreted_by');
  const interprets = view.links.filter((l) => l.direction === 'interprets');
  const main = html`
    <article aria-labelledby="entry-title">
      <h1 id="entry-title">${entry.title}</h1>
      ${agencyCatalogueNav(agency, 'catalogue')}
      <table class="entry-fields">
        <caption>目录信息</caption>
        <tbody>${rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody>
      </table>
      ${
        entry.body
          ? html`<section aria-labelledby="body-title"><h2 id="body-title">正文</h2>${entry.body
              .split(/\n+/)
              .filter((p) => p.trim() !== '')
              .map((p) => html`<p>${p}</p>`)}</section>`
          : ''
      }
      ${
        view.attachments.length > 0
          ? html`<section aria-labelledby="files-title"><h2 id="files-title">附件</h2><ul class="attachments">${view.attachments.map(
              (a) =>
                html`<li><a href="${entryHref(agency.code, entry.indexNumber!)}/attachments/${a.id}" download>${a.fileName}</a>（${fileSize(a.byteSize)}）</li>`,
            )}</ul></section>`
          : ''
      }
      ${
        interpretations.length > 0
          ? html`<section aria-labelledby="interp-title"><h2 id="interp-title">政策解读与图解</h2><ul>${interpretations.map(
              (l) =>
                html`<li><span class="tag">${LINK_KIND_LABELS[l.kind]}</span> <a href="${entryHref(l.agencyCode, l.indexNumber!)}">${l.title}</a></li>`,
            )}</ul></section>`
          : ''
      }
      ${
        interprets.length > 0
          ? html`<section aria-labelledby="doc-title"><h2 id="doc-title">所解读的文件</h2><ul>${interprets.map(
              (l) => html`<li><a href="${entryHref(l.agencyCode, l.indexNumber!)}">${l.title}</a></li>`,
            )}</ul></section>`
          : ''
      }
    </article>`;
  return renderPage({
    title: entry.title,
    breadcrumbs: crumbs,
    main,
    description: entry.summary ?? `${agency.name}：${entry.title}`,
  });
}
