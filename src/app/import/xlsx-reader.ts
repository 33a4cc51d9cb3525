import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * A streaming reader for the first worksheet of an XLSX workbook, in constant memory apart from the
 * shared-string table (which XLSX requires in full).
 *
 * Why not exceljs' WorkbookReader: it decodes each inflated chunk to text on its own, so a Chinese
 * character whose UTF-8 bytes straddle two chunks becomes U+FFFD (“有���公司”) — silently, in about
 * one row of 200. Here a streaming TextDecoder carries the bytes over.
 *
 * The zip is read through its central directory (the file is on disk, so random access is free),
 * each entry inflated as a stream; the XML is tokenised by a small pull parser that knows the
 * SpreadsheetML subset: rows, cells, shared strings (rich-text runs joined, phonetic runs skipped),
 * inline strings, and the styles that make a number a date.
 */

export interface XlsxRow {
  /** 1-based row number in the sheet. */
  number: number;
  cells: string[];
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function readCentralDirectory(handle: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(size, 65_557);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('不是有效的 ZIP 文件（找不到目录）');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    // ZIP64: the locator sits right before the classic record.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new Error('无法读取 ZIP64 目录');
    const record = await readAt(handle, Number(tail.readBigUInt64LE(locator + 8)), 56);
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count && p + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('ZIP 目录已损坏');
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    // ZIP64 extra field: 64-bit sizes and offset for the values marked 0xFFFFFFFF.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const length = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (cd.readUInt32LE(p + 24) === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + length;
    }
    entries.set(name, { name, method, compressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

async function openEntry(
  path: string,
  handle: FileHandle,
  entry: ZipEntry,
  onBytes?: (bytes: number) => void,
): Promise<Readable> {
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new Error(`ZIP 条目 ${entry.name} 已损坏`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return createReadStream(path, { start, end: start - 1 });
  const file = createReadStream(path, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 256 * 1024,
  });
  const raw = onBytes
    ? file.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            onBytes(chunk.length);
            callback(null, chunk);
          },
        }),
      )
    : file;
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new Error(`不支持的 ZIP 压缩方式 ${entry.method}`);
  return raw.pipe(createInflateRaw());
}

// ── A pull tokenizer for machine-written XML ───────────────────────────────────────────────────

type XmlEvent =
  | { type: 'open'; name: string; attributes: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity]!;
  });
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

async function* xmlEvents(stream: Readable): AsyncGenerator<XmlEvent[]> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  const drain = (final: boolean): XmlEvent[] => {
    const events: XmlEvent[] = [];
    let p = 0;
    for (;;) {
      const lt = buffer.indexOf('<', p);
      if (lt < 0) {
        if (final && p < buffer.length) events.push({ type: 'text', text: decodeEntities(buffer.slice(p)) });
        p = final ? buffer.length : p;
        break;
      }
      if (lt > p) events.push({ type: 'text', text: decodeEntities(buffer.slice(p, lt)) });
      if (buffer.startsWith('<![CDATA[', lt)) {
        const end = buffer.indexOf(']]>', lt + 9);
        if (end < 0) {
          p = lt;
          break;
        }
        events.push({ type: 'text', text: buffer.slice(lt + 9, end) });
        p = end + 3;
        continue;
      }
      if (buffer.startsWith('<!--', lt)) {
        const end = buffer.indexOf('-->', lt + 4);
        if (end < 0) {
          p = lt;
          break;
        }
        p = end + 3;
        continue;
      }
      // The tag ends at the first '>' outside quotes.
      let gt = -1;
      let quote = '';
      for (let i = lt + 1; i < buffer.length; i++) {
        const c = buffer[i]!;
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') {
          gt = i;
          break;
        }
      }
      if (gt < 0) {
        p = lt;
        break;
      }
      const body = buffer.slice(lt + 1, gt);
      p = gt + 1;
      if (body.startsWith('?') || body.startsWith('!')) continue;
      if (body.startsWith('/')) {
        events.push({ type: 'close', name: localName(body.slice(1).trim()) });
        continue;
      }
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const space = inner.search(/\s/);
      const name = localName(space < 0 ? inner : inner.slice(0, space));
      const attributes: Record<string, string> = {};
      if (space >= 0) {
        for (const match of inner.slice(space).matchAll(ATTRIBUTE)) {
          attributes[localName(match[1]!)] = decodeEntities(match[2] ?? match[3] ?? '');
        }
      }
      events.push({ type: 'open', name, attributes, selfClosing });
      if (selfClosing) events.push({ type: 'close', name });
    }
    buffer = buffer.slice(p);
    return events;
  };
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk as Buffer, { stream: true });
    yield drain(false);
  }
  buffer += decoder.decode();
  yield drain(true);
}

async function readWholeXml(stream: Readable, onEvent: (event: XmlEvent) => void): Promise<void> {
  for await (const events of xmlEvents(stream)) for (const event of events) onEvent(event);
}

// ── Workbook parts ─────────────────────────────────────────────────────────────────────────────

/** Number formats Excel shows as dates: the built-in ones, and custom codes with y, d or m (not time). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58,
]);

function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[yd]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

function excelSerialToDate(serial: number, date1904: boolean): string {
  // 1900 system: serial 25569 is 1970-01-01 (Excel's fictitious 1900-02-29 lies before every real date here).
  const days = Math.floor(serial) - (date1904 ? 24107 : 25569);
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const c of reference) {
    const code = c.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return `xl/${target}`.replace(/\/\.\//g, '/');
}

export async function* readXlsxFirstSheet(
  path: string,
  size: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<XlsxRow> {
  const handle = await open(path, 'r');
  try {
    const entries = await readCentralDirectory(handle, size);
    const entry = (name: string) => entries.get(name);

    // Which part is the first sheet, and is the workbook on the 1904 date system.
    let firstSheetRelId: string | null = null;
    let date1904 = false;
    const workbook = entry('xl/workbook.xml');
    if (!workbook) throw new Error('工作簿缺少 xl/workbook.xml');
    await readWholeXml(await openEntry(path, handle, workbook), (event) => {
      if (event.type !== 'open') return;
      if (event.name === 'workbookPr')
        date1904 = event.attributes.date1904 === '1' || event.attributes.date1904 === 'true';
      if (event.name === 'sheet' && firstSheetRelId === null) firstSheetRelId = event.attributes.id ?? null;
    });
    const targets = new Map<string, string>();
    let sharedStringsPart = 'xl/sharedStrings.xml';
    let stylesPart = 'xl/styles.xml';
    const rels = entry('xl/_rels/workbook.xml.rels');
    if (rels) {
      await readWholeXml(await openEntry(path, handle, rels), (event) => {
        if (event.type !== 'open' || event.name !== 'Relationship') return;
        const target = resolveTarget(event.attributes.Target ?? '');
        targets.set(event.attributes.Id ?? '', target);
        const type = event.attributes.Type ?? '';
        if (type.endsWith('/sharedStrings')) sharedStringsPart = target;
        if (type.endsWith('/styles')) stylesPart = target;
      });
    }
    const sheetPart = (firstSheetRelId && targets.get(firstSheetRelId)) || 'xl/worksheets/sheet1.xml';
    const sheet = entry(sheetPart);
    if (!sheet) throw new Error('工作簿中没有工作表');

    // Styles: which cell formats are dates.
    const dateStyles = new Set<number>();
    const styles = entry(stylesPart);
    if (styles) {
      const customDate = new Set<number>();
      let inCellXfs = false;
      let xfIndex = 0;
      await readWholeXml(await openEntry(path, handle, styles), (event) => {
        if (event.type === 'open' && event.name === 'numFmt') {
          const id = Number(event.attributes.numFmtId);
          if (isDateFormatCode(event.attributes.formatCode ?? '')) customDate.add(id);
        } else if (event.type === 'open' && event.name === 'cellXfs') inCellXfs = true;
        else if (event.type === 'close' && event.name === 'cellXfs') inCellXfs = false;
        else if (event.type === 'open' && event.name === 'xf' && inCellXfs) {
          const id = Number(event.attributes.numFmtId ?? 0);
          if (BUILTIN_DATE_FORMATS.has(id) || customDate.has(id)) dateStyles.add(xfIndex);
          xfIndex++;
        }
      });
    }

    // Shared strings: the text of each <si>, rich-text runs joined, phonetic guides (<rPh>) left out.
    const sharedStrings: string[] = [];
    const shared = entry(sharedStringsPart);
    if (shared) {
      let current: string | null = null;
      let inText = false;
      let phonetic = 0;
      await readWholeXml(await openEntry(path, handle, shared), (event) => {
        if (event.type === 'open') {
          if (event.name === 'si') current = '';
          else if (event.name === 'rPh') phonetic++;
          else if (event.name === 't' && phonetic === 0) inText = !event.selfClosing;
        } else if (event.type === 'close') {
          if (event.name === 'si') {
            sharedStrings.push(current ?? '');
            current = null;
          } else if (event.name === 'rPh') phonetic--;
          else if (event.name === 't') inText = false;
        } else if (inText && current !== null) current += event.text;
      });
    }

    // The sheet, row by row.
    let rowNumber = 0;
    let cells: string[] = [];
    let cellColumn = 0;
    let cellType = '';
    let cellStyle = 0;
    let value = '';
    let inValue = false;
    let inInline = false;
    let inRow = false;
    for await (const events of xmlEvents(await openEntry(path, handle, sheet, onBytes))) {
      const ready: XlsxRow[] = [];
      for (const event of events) {
        if (event.type === 'open') {
          if (event.name === 'row') {
            inRow = true;
            rowNumber = event.attributes.r ? Number(event.attributes.r) : rowNumber + 1;
            cells = [];
          } else if (event.name === 'c' && inRow) {
            cellColumn = event.attributes.r ? columnIndex(event.attributes.r) : cells.length;
            cellType = event.attributes.t ?? 'n';
            cellStyle = Number(event.attributes.s ?? 0);
            value = '';
          } else if (event.name === 'v') inValue = true;
          else if (event.name === 'is') inInline = true;
          else if (event.name === 't' && inInline) inValue = true;
        } else if (event.type === 'close') {
          if (event.name === 'v' || event.name === 't') inValue = false;
          else if (event.name === 'is') inInline = false;
          else if (event.name === 'c' && inRow) {
            let text = value;
            if (cellType === 's') text = sharedStrings[Number(value)] ?? '';
            else if (cellType === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
            else if (cellType === 'e') text = '';
            else if ((cellType === 'n' || cellType === 'd') && value !== '' && dateStyles.has(cellStyle)) {
              const serial = Number(value);
              if (Number.isFinite(serial)) text = excelSerialToDate(serial, date1904);
            }
            while (cells.length < cellColumn) cells.push('');
            cells[cellColumn] = text;
          } else if (event.name === 'row') {
            inRow = false;
            ready.push({ number: rowNumber, cells });
          }
        } else if (inValue) value += event.text;
      }
      for (const row of ready) yield row;
    }
  } finally {
    await handle.close();
  }
}
