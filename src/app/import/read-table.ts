import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type CsvRecord, CsvRecordReader, CsvSyntaxError } from './csv-records.ts';
import { readXlsxFirstSheet } from './xlsx-reader.ts';

/**
 * Reads a spreadsheet row by row in constant memory: CSV (any size, UTF-8 or GB18030 — what Excel
 * writes as “CSV” on a Chinese Windows) through a streaming record reader (csv-records.ts: five times
 * faster than csv-parse), XLSX through our own streaming reader (xlsx-reader.ts explains why not
 * exceljs').
 * An XLSX keeps its whole shared-string table in memory (every distinct text of the file), so XLSX
 * files are limited in size and larger ones are refused with the way out: save as CSV.
 */

export type TableFormat = 'csv' | 'xlsx';

export interface TableRow {
  /** Line (CSV) or row number (XLSX) in the file, 1-based. */
  line: number;
  cells: string[];
}

export interface TableSource {
  format: TableFormat;
  byteSize: number;
  /** Bytes consumed so far (progress). */
  bytesRead(): number;
  /** Rows in the order of the file, a chunk at a time (one await per chunk, not per row). */
  batches(): AsyncIterable<TableRow[]>;
  /** CSV only: the encoding detected. */
  encoding: 'utf-8' | 'gb18030' | null;
}

export const MAX_XLSX_BYTES = 100 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** UTF-8 unless the first 64 KiB are not valid UTF-8 (an incomplete last character is fine). */
function detectEncoding(head: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function openTable(path: string, fileName: string): Promise<TableSource> {
  const info = await stat(path);
  if (info.size === 0) throw new DomainError('import_file_invalid', '文件为空');
  const handle = await open(path, 'r');
  const head = new Uint8Array(65_536);
  let headLength: number;
  try {
    headLength = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  const headBytes = head.subarray(0, headLength);
  const lowerName = fileName.toLowerCase();
  if (startsWith(headBytes, OLE_MAGIC) || lowerName.endsWith('.xls')) {
    throw new DomainError(
      'import_file_invalid',
      '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入',
    );
  }
  let bytes = 0;
  const count = (n: number) => {
    bytes += n;
  };

  if (startsWith(headBytes, ZIP_MAGIC)) {
    if (info.size > MAX_XLSX_BYTES) {
      throw new DomainError(
        'import_file_too_large',
        `XLSX 文件 ${megabytes(info.size)}，超过 ${megabytes(MAX_XLSX_BYTES)} 的上限（XLSX 的共享字符串须整体读入内存）。请在 Excel 中另存为 CSV（UTF-8）后导入：CSV 逐行读取，不限大小`,
      );
    }
    return {
      format: 'xlsx',
      byteSize: info.size,
      encoding: null,
      bytesRead: () => bytes,
      batches: () => readXlsx(path, info.size, count),
    };
  }
  if (lowerName.endsWith('.xlsx')) {
    throw new DomainError(
      'import_file_invalid',
      '文件扩展名为 .xlsx，但内容不是 Excel 工作簿，文件可能已损坏',
    );
  }
  if (headBytes.subarray(0, Math.min(headBytes.length, 8192)).includes(0)) {
    throw new DomainError('import_file_invalid', '文件不是文本格式的 CSV，也不是 XLSX 工作簿，无法读取');
  }
  const encoding = detectEncoding(headBytes);
  return {
    format: 'csv',
    byteSize: info.size,
    encoding,
    bytesRead: () => bytes,
    batches: () => readCsv(path, encoding, count),
  };
}

async function* readCsv(
  path: string,
  encoding: 'utf-8' | 'gb18030',
  onBytes: (bytes: number) => void,
): AsyncIterable<TableRow[]> {
  const decoder = new TextDecoder(encoding);
  const reader = new CsvRecordReader();
  let ready: TableRow[] = [];
  const emit = (record: CsvRecord) => {
    ready.push({ line: record.line, cells: record.fields });
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      onBytes((chunk as Buffer).length);
      reader.push(decoder.decode(chunk as Buffer, { stream: true }), emit);
      if (ready.length > 0) {
        yield ready;
        ready = [];
      }
    }
    reader.push(decoder.decode(), emit);
    reader.end(emit);
    if (ready.length > 0) yield ready;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      const reason = error.kind === 'quote_not_closed' ? '引号没有闭合' : '引号后出现了多余的字符';
      throw new DomainError('import_file_invalid', `CSV 文件第 ${error.line} 行${reason}，无法继续读取`);
    }
    throw error;
  }
}

async function* readXlsx(
  path: string,
  size: number,
  onBytes: (bytes: number) => void,
): AsyncIterable<TableRow[]> {
  let batch: TableRow[] = [];
  try {
    for await (const row of readXlsxFirstSheet(path, size, onBytes)) {
      batch.push({ line: row.number, cells: row.cells });
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'import_file_invalid',
      `无法读取 XLSX 工作簿（${error instanceof Error ? error.message : String(error)}），请确认文件完整，或另存为 CSV 后导入`,
    );
  }
}
