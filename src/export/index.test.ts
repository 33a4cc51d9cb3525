import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SECTION3_ROWS, toCanonicalObject } from '../core/annual-report/index.ts';
import { loadSeedModel, loadSeedTables } from './__golden__/seed-model.ts';
import { isReportFormat, REPORT_FORMATS, renderReport } from './index.ts';

const seed = loadSeedModel();

describe('renderReport', () => {
  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['html', 'text/html; charset=utf-8', 'html'],
    ['html-vivid', 'text/html; charset=utf-8', 'html'],
    ['json', 'application/json; charset=utf-8', 'json'],
    ['txt', 'text/plain; charset=utf-8', 'txt'],
  ] as const)('%s → %s, .%s', async (format, contentType, extension) => {
    const out = await renderReport(seed, format);
    expect(out.contentType).toBe(contentType);
    expect(out.extension).toBe(extension);
    expect(out.fileName.endsWith(`.${extension}`)).toBe(true);
    expect(out.fileName.startsWith(seed.title)).toBe(true);
    expect(out.bytes.length).toBeGreaterThan(100);
  });

  it('zips DOCX and XLSX as OOXML packages', async () => {
    for (const format of ['docx', 'xlsx'] as const) {
      const zip = await JSZip.loadAsync((await renderReport(seed, format)).bytes);
      expect(zip.file('[Content_Types].xml')).not.toBeNull();
    }
  });

  it('only the vivid HTML carries figures; its file name says so', async () => {
    const plain = await renderReport(seed, 'html');
    const vivid = await renderReport(seed, 'html-vivid', { previous: { ...loadSeedTables(), year: 2020 } });
    expect(plain.bytes.toString('utf8')).not.toContain('<svg');
    expect(vivid.bytes.toString('utf8')).toContain('<svg');
    expect(vivid.bytes.toString('utf8')).toContain('figure-year-over-year');
    expect(vivid.fileName).toBe(`${seed.title}（图解版）.html`);
  });

  it('exports the canonical JSON of the tables, all 25 rows of section 三 in printed order', async () => {
    const text = (await renderReport(seed, 'json')).bytes.toString('utf8');
    const parsed = JSON.parse(text);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(toCanonicalObject(seed.tables))));
    expect(Object.keys(parsed)).toEqual([
      'year',
      'agency',
      'formatVersion',
      'section2',
      'section3',
      'section4',
    ]);
    expect(Object.keys(parsed.section3)).toEqual([...SECTION3_ROWS]);
    expect(parsed.section2.licensing.decisions).toBe(43850);
    expect(parsed.section3['unavailable.not_held'].natural_person).toBe(2);
  });

  it('makes a safe download name from any title', async () => {
    const out = await renderReport({ ...seed, title: '某局/2021:年报?\u0007' }, 'txt');
    expect(out.fileName).toBe('某局_2021_年报_.txt');
  });

  it('knows its formats', () => {
    expect(REPORT_FORMATS.every(isReportFormat)).toBe(true);
    expect(isReportFormat('pdf')).toBe(false);
  });
});
