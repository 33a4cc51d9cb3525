import { type HTMLElement, parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import {
  SECTION_TITLES,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
} from '../core/annual-report/index.ts';
import { loadDistinctFigures, loadSeedModel, loadSeedTables } from './__golden__/seed-model.ts';
import { escapeHtml, renderReportHtml } from './to-html.ts';

const seed = loadSeedModel();
const distinct = { ...seed, tables: loadDistinctFigures() };

function page(html: string): HTMLElement {
  return parse(html);
}

const attr = (el: HTMLElement, name: string) => el.getAttribute(name);
const span = (el: HTMLElement, name: 'rowspan' | 'colspan') => Number(attr(el, name) ?? '1');

describe('renderReportHtml', () => {
  const html = renderReportHtml(distinct);
  const root = page(html);

  it('is a complete zh-CN document with the title', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(root.querySelector('meta[charset]')).not.toBeNull();
    expect(root.querySelector('title')!.text).toBe(seed.title);
    expect(root.querySelector('h1')!.text).toBe(seed.title);
    expect(root.querySelectorAll('h1')).toHaveLength(1);
    expect(root.querySelector('main')).not.toBeNull();
    expect(root.querySelector('time')!.getAttribute('datetime')).toBe('2022-01-28');
  });

  it('has the six sections as h2, in order, each labelling its section', () => {
    const h2 = root.querySelectorAll('h2');
    expect(h2.map((h) => h.text)).toEqual([...SECTION_TITLES]);
    for (const h of h2) {
      const section = h.parentNode as HTMLElement;
      expect(section.tagName).toBe('SECTION');
      expect(attr(section, 'aria-labelledby')).toBe(attr(h, 'id'));
    }
  });

  it('has three tables with captions in sections 二, 三, 四', () => {
    const sections = root.querySelectorAll('section.report-section');
    expect(sections.map((s) => s.querySelectorAll('table').length)).toEqual([0, 1, 1, 1, 0, 0]);
    for (const table of root.querySelectorAll('table')) {
      expect(table.querySelector('caption')!.text.length).toBeGreaterThan(0);
    }
  });

  it('merges the header cells of section 三 like the official table', () => {
    const table = root.querySelector('table.section3')!;
    const headRows = table.querySelectorAll('thead tr');
    expect(headRows).toHaveLength(3);
    const [first, second] = headRows;
    const firstCells = first!.querySelectorAll('td, th');
    expect(firstCells.map((c) => [c.text, span(c, 'rowspan'), span(c, 'colspan')])).toEqual([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3],
      ['申请人情况', 1, 7],
    ]);
    expect(
      second!.querySelectorAll('th').map((c) => [c.text, span(c, 'rowspan'), span(c, 'colspan')]),
    ).toEqual([
      ['自然人', 2, 1],
      ['法人或其他组织', 1, 5],
      ['总计', 2, 1],
    ]);
    const group = (text: string) => table.querySelectorAll('tbody th').find((th) => th.text === text)!;
    expect(span(group('三、本年度办理结果'), 'rowspan')).toBe(22);
    expect(attr(group('三、本年度办理结果'), 'scope')).toBe('rowgroup');
    expect(span(group('（三）不予公开'), 'rowspan')).toBe(8);
    expect(span(group('（四）无法提供'), 'rowspan')).toBe(3);
    expect(span(group('（五）不予处理'), 'rowspan')).toBe(5);
    expect(span(group('（六）其他处理'), 'rowspan')).toBe(3);
    expect(span(group('（七）总计'), 'colspan')).toBe(2);
    expect(span(group('一、本年新收政府信息公开申请数量'), 'colspan')).toBe(3);
    expect(attr(group('一、本年新收政府信息公开申请数量'), 'scope')).toBe('row');
  });

  it('merges section 四: 行政复议 over 5, 行政诉讼 over 10 with two blocks of 5', () => {
    const table = root.querySelector('table.section4')!;
    const th = (text: string) => table.querySelectorAll('th').find((c) => c.text === text)!;
    expect(span(th('行政复议'), 'colspan')).toBe(5);
    expect(span(th('行政诉讼'), 'colspan')).toBe(10);
    expect(span(th('未经复议直接起诉'), 'colspan')).toBe(5);
    expect(span(th('复议后起诉'), 'colspan')).toBe(5);
    expect(attr(th('行政诉讼'), 'scope')).toBe('colgroup');
    expect(table.querySelectorAll('th').filter((c) => c.text === '结果维持')).toHaveLength(3);
  });

  it('prints every figure in the cell that names it, with its row and column headers', () => {
    const cells = new Map(root.querySelectorAll('td[data-cell]').map((td) => [attr(td, 'data-cell')!, td]));
    for (const row of SECTION3_ROWS) {
      for (const column of SECTION3_COLUMNS) {
        const td = cells.get(`section3.${row}.${column}`)!;
        expect(td.text, `${row}.${column}`).toBe(String(distinct.tables.section3[row][column]));
      }
    }
    for (const block of SECTION4_BLOCKS) {
      for (const column of SECTION4_COLUMNS) {
        expect(cells.get(`section4.${block}.${column}`)!.text).toBe(
          String(distinct.tables.section4[block][column]),
        );
      }
    }
    expect(cells.get('section2.licensing.decisions')!.text).toBe(
      String(distinct.tables.section2.licensing.decisions),
    );
    expect(cells.get('section2.administrative_fee.amount_wan_yuan')!.text).toBe('12.3457');
    // Each data cell's headers attribute names header cells that exist, row and column alike.
    const ids = new Set(root.querySelectorAll('[id]').map((el) => attr(el, 'id')));
    for (const td of cells.values()) {
      const headers = attr(td, 'headers')!.split(' ');
      expect(headers.length).toBeGreaterThanOrEqual(2);
      for (const id of headers) expect(ids.has(id), id).toBe(true);
    }
    const leaf = cells.get('section3.not_processed.duplicate.legal_service_org')!;
    const names = attr(leaf, 'headers')!
      .split(' ')
      .map((id) => root.getElementById(id)!.text);
    expect(names).toEqual([
      '三、本年度办理结果',
      '（五）不予处理',
      '2.重复申请',
      '申请人情况',
      '法人或其他组织',
      '法律服务机构',
    ]);
  });

  it('keeps the rows of section 三 rectangular (10 grid columns in every row)', () => {
    const table = root.querySelector('table.section3')!;
    const rows = table.querySelectorAll('tr');
    const carried: number[] = Array.from({ length: rows.length }, () => 0);
    rows.forEach((tr, r) => {
      let width = carried[r]!;
      for (const cell of tr.querySelectorAll('td, th')) {
        width += span(cell, 'colspan');
        for (let k = 1; k < span(cell, 'rowspan'); k++) carried[r + k]! += span(cell, 'colspan');
      }
      expect(width, `row ${r}`).toBe(10);
    });
  });

  it('renders prose paragraphs with bold runs and no markers', () => {
    const strong = root.querySelectorAll('strong').map((s) => s.text);
    expect(strong).toContain('主动公开方面');
    expect(html).not.toContain('**');
    expect(root.querySelectorAll('p').some((p) => p.text.startsWith('（一）建立健全工作机制。'))).toBe(true);
  });

  it('has print styles, a Chinese font stack, and no figures or scripts unless vivid', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('@page');
    expect(html).toMatch(/font-family: [^;]*"Noto Sans CJK SC"/);
    expect(html).toContain('仿宋_GB2312');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<script');
  });

  it('escapes every text it prints', () => {
    const hostile = {
      ...seed,
      agencyName: '<script>alert("x")</script>局',
      title: '<script>alert("x")</script>局2021年报告',
      prose: { ...seed.prose, problems: '**<img src=x onerror=alert(1)>** & "q"' },
    };
    const out = renderReportHtml(hostile, { vivid: true });
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;局');
    expect(out).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong> &amp; &quot;q&quot;');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('renderReportHtml: vivid', () => {
  it('adds server-side SVG figures for applicants, outcomes and proactive disclosure', () => {
    const html = renderReportHtml(seed, { vivid: true });
    const root = page(html);
    expect(root.querySelectorAll('h2')).toHaveLength(6);
    const figures = root.querySelectorAll('figure.chart');
    expect(figures.map((f) => attr(f, 'id'))).toEqual([
      'figure-proactive',
      'figure-applicants',
      'figure-outcomes',
    ]);
    for (const figure of figures) {
      const svg = figure.querySelector('svg')!;
      expect(svg).not.toBeNull();
      expect(attr(svg, 'role')).toBe('img');
      expect(attr(svg, 'aria-label')!.length).toBeGreaterThan(10);
      expect(figure.querySelector('figcaption')!.text.length).toBeGreaterThan(0);
    }
    expect(attr(root.querySelector('#figure-applicants svg')!, 'aria-label')).toContain('自然人2件');
    expect(attr(root.querySelector('#figure-outcomes svg')!, 'aria-label')).toContain('无法提供2件');
    expect(attr(root.querySelector('#figure-proactive svg')!, 'aria-label')).toContain('行政许可决定43850件');
    // The applicant figure sits in section 三, the proactive one in section 二.
    expect(root.querySelector('#figure-applicants')!.closest('section')!.querySelector('h2')!.text).toBe(
      SECTION_TITLES[2],
    );
    expect(root.querySelector('#figure-proactive')!.closest('section')!.querySelector('h2')!.text).toBe(
      SECTION_TITLES[1],
    );
    expect(root.querySelector('dl.key-figures')!.text).toContain('43850');
    expect(html).not.toContain('<script');
  });

  it('adds a year-over-year figure and changes when last year is given', () => {
    const previous = loadSeedTables();
    previous.year = 2020;
    previous.section3.new.natural_person = 5;
    previous.section3.new.total = 5;
    previous.section2.licensing.decisions = 40000;
    const root = page(renderReportHtml(seed, { vivid: true, previous }));
    const yoy = root.querySelector('#figure-year-over-year')!;
    expect(yoy.querySelector('svg')).not.toBeNull();
    expect(attr(yoy.querySelector('svg')!, 'aria-label')).toContain('2020年：本年新收5件');
    expect(root.querySelector('#figure-applicants figcaption')!.text).toContain('与上年对比');
    expect(root.querySelector('dl.key-figures')!.text).toContain('比上年增加3850件');
    expect(root.querySelector('dl.key-figures')!.text).toContain('比上年减少3件');
  });

  it('compares only like with like against a 2019-format year', () => {
    const previous = loadSeedTables();
    previous.year = 2020;
    previous.formatVersion = '2019';
    previous.section2_2019 = {
      rule: { made_this_year: 9, published_this_year: 9, published_total: 9 },
      normative_document: { made_this_year: 9, published_this_year: 9, published_total: 9 },
      licensing: { items_last_year: 1, items_change: 0, decisions: 30000 },
      other_management_service: { items_last_year: 0, items_change: 0, decisions: 0 },
      penalty: { items_last_year: 0, items_change: 0, decisions: 7 },
      coercion: { items_last_year: 0, items_change: 0, decisions: 0 },
      administrative_fee: { items_last_year: 0, items_change: 0 },
      centralised_procurement: { projects: 0, amount_wan_yuan: 0 },
    };
    const label = attr(
      page(renderReportHtml(seed, { vivid: true, previous })).querySelector('#figure-proactive svg')!,
      'aria-label',
    )!;
    expect(label).toContain('2020年：规章（本年制发）未填报');
    expect(label).toContain('行政许可决定30000件');
  });
});
