import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

/**
 * Writes rows as a file the import reads back (templates, examples, benchmark inputs). Both writers
 * stream, so a million rows take no more memory than ten.
 */

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export async function writeCsvTable(
  path: string,
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let count = 0;
  // The BOM lets Excel open the UTF-8 file with its Chinese intact.
  let chunk = `\uFEFF${headers.map(csvField).join(',')}\r\n`;
  for (const row of rows) {
    chunk += `${row.map(csvField).join(',')}\r\n`;
    count++;
    if (chunk.length > 256 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return count;
}

export async function writeXlsxTable(
  path: string,
  sheetName: string,
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  widths: readonly number[] = [],
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = headers.map((header, i) => ({
    header,
    width: widths[i] ?? (header.length > 6 ? 24 : 14),
  }));
  let count = 0;
  for (const row of rows) {
    sheet.addRow([...row]).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
