import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../../test/helpers/shared-fixtures.ts';
import { expandInput, isReportFileName, MAX_FILE_BYTES } from './report-inputs.ts';

const SHARED = process.env.GONGKAI_SHARED ?? SHARED_DIR;
const SEED = readFileSync(join(SHARED, 'fixtures/seed/zhangjiagang-approval-bureau-2021.txt'));
const DOCX = readFileSync(
  join(import.meta.dirname, '../../../test/fixtures/reports/sample-county-2022.official-layout.docx'),
);

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0]);
const zipOf = async (
  files: Record<string, Uint8Array | string>,
  compression: 'STORE' | 'DEFLATE' = 'DEFLATE',
): Promise<Uint8Array> => {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression });
};

describe('expandInput', () => {
  it.each([
    ['empty', new Uint8Array(), '文件为空'],
    ['old Word', bytes(0xd0, 0xcf, 0x11, 0xe0), '旧版 Office 文件'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47), '图片文件'],
    ['JPEG', bytes(0xff, 0xd8, 0xff), '图片文件'],
    ['RAR', bytes(0x52, 0x61, 0x72, 0x21), 'RAR'],
    ['RTF', new TextEncoder().encode('{\\rtf1 report}'), 'RTF'],
  ])('refuses %s with the reason', async (_kind, content, reason) => {
    const [item] = await expandInput({ name: 'x', bytes: content });
    expect(item).toMatchObject({ ok: false, name: 'x' });
    expect(item?.ok === false && item.error).toContain(reason);
  });

  it('refuses a file above 20 MB', async () => {
    const [item] = await expandInput({ name: 'big.pdf', bytes: new Uint8Array(MAX_FILE_BYTES + 1) });
    expect(item?.ok === false && item.error).toBe('文件“big.pdf”大小为20 MB，超过单个文件20 MB的上限');
    const [bigger] = await expandInput({ name: 'b.pdf', bytes: new Uint8Array(21_000_000) });
    expect(bigger?.ok === false && bigger.error).toContain('大小为20.03 MB');
  });

  it('passes text and a DOCX (a ZIP with word/document.xml) through as one document', async () => {
    expect(await expandInput({ name: 'a.txt', bytes: SEED })).toEqual([
      { ok: true, name: 'a.txt', bytes: SEED },
    ]);
    const [docx] = await expandInput({ name: 'a.docx', bytes: DOCX });
    expect(docx).toMatchObject({ ok: true, name: 'a.docx' });
  });

  it('opens an archive: report files in name order, other files ignored, names as archive!/entry', async () => {
    const archive = await zipOf({
      'b/审批局.txt': SEED,
      'a.docx': DOCX,
      'logo.png': bytes(0x89, 0x50, 0x4e, 0x47),
      '__MACOSX/._a.docx': 'x',
      'README.md': 'read me',
    });
    const items = await expandInput({ name: 'up.zip', bytes: archive });
    expect(items.map((i) => [i.name, i.ok])).toEqual([
      ['up.zip!/a.docx', true],
      ['up.zip!/b/审批局.txt', true],
    ]);
    expect(items[1]?.ok && Buffer.from(items[1].bytes).equals(SEED)).toBe(true);
  });

  it('decodes GBK entry names written without the UTF-8 flag', async () => {
    // A ZIP made on Chinese Windows: the name 审批局.txt in GBK bytes, general-purpose flag bit 11 unset.
    const gbkName = new Uint8Array([0xc9, 0xf3, 0xc5, 0xfa, 0xbe, 0xd6, 0x2e, 0x74, 0x78, 0x74]);
    const archive = await zipOf({ 'abcdef.txt': SEED }, 'STORE');
    const patched = patchEntryName(archive, 'abcdef.txt', gbkName);
    const items = await expandInput({ name: 'gbk.zip', bytes: patched });
    expect(items.map((i) => i.name)).toEqual(['gbk.zip!/审批局.txt']);
  });

  it('refuses spreadsheets, archives without reports, nested archives and oversized entries', async () => {
    const xlsx = await zipOf({ 'xl/workbook.xml': '<workbook/>', '[Content_Types].xml': '<Types/>' });
    expect((await expandInput({ name: 'r.xlsx', bytes: xlsx }))[0]).toMatchObject({ ok: false });
    const none = await zipOf({ 'a.png': bytes(0x89, 0x50, 0x4e, 0x47) });
    expect((await expandInput({ name: 'n.zip', bytes: none }))[0]).toMatchObject({
      ok: false,
      error: '压缩包中没有年度报告文件（PDF、DOCX、网页或文本）',
    });
    const nested = await zipOf({ 'inner.zip': await zipOf({ 'a.txt': SEED }) });
    expect(await expandInput({ name: 'outer.zip', bytes: nested })).toEqual([
      { ok: false, name: 'outer.zip!/inner.zip', error: '压缩包中又有压缩包的，请解开后再核查' },
    ]);
    // A small archive inflating to more than 20 MB (a ZIP bomb) is stopped while inflating.
    const bomb = await zipOf({ 'bomb.txt': new Uint8Array(MAX_FILE_BYTES + 1024), 'ok.txt': SEED });
    expect(bomb.length).toBeLessThan(100_000);
    const items = await expandInput({ name: 'bomb.zip', bytes: bomb });
    expect(items.map((i) => [i.name, i.ok])).toEqual([
      ['bomb.zip!/bomb.txt', false],
      ['bomb.zip!/ok.txt', true],
    ]);
    expect(items[0]?.ok === false && items[0].error).toContain('解压后超过单个文件20 MB的上限');
  });
});

describe('isReportFileName', () => {
  it.each([
    ['report.pdf', true],
    ['报告.DOCX', true],
    ['page.shtml', true],
    ['a/b/c.txt', true],
    ['reports.zip', true],
    ['old.doc', true],
    ['README.md', false],
    ['.hidden.pdf', false],
    ['~$draft.docx', false],
    ['data.expected.json', false],
    ['logo.png', false],
    ['noextension', false],
  ])('%s → %s', (name, expected) => {
    expect(isReportFileName(name)).toBe(expected);
  });
});

/** Rewrites one entry name (same length) in both the local header and the central directory. */
function patchEntryName(zip: Uint8Array, name: string, replacement: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip);
  const target = new TextEncoder().encode(name);
  if (target.length !== replacement.length) throw new Error('names must have the same length');
  for (let i = 0; i + target.length <= out.length; i++) {
    if (target.every((b, j) => out[i + j] === b)) out.set(replacement, i);
  }
  return out;
}
