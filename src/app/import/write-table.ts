import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
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

/** A sheet after the data (the import reads the first sheet only): notes, lists of accepted values. */
export interface ExtraSheet {
  name: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  widths?: readonly number[];
}

/** To a file (path) or a stream (a download): the data sheet first, then any extra sheets. */
export async function writeXlsxTable(
  target: string | Writable,
  sheetName: string,
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  widths: readonly number[] = [],
  extraSheets: readonly ExtraSheet[] = [],
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof target === 'string' ? { filename: target } : { stream: target }),
    useSharedStrings: true,
  });
  const addSheet = (name: string, names: readonly string[], columnWidths: readonly number[]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = names.map((header, i) => ({
      header,
      width: columnWidths[i] ?? (header.length > 6 ? 24 : 14),
    }));
    sheet.getRow(1).font = { bold: true };
    return sheet;
  };
  const sheet = addSheet(sheetName, headers, widths);
  let count = 0;
  for (const row of rows) {
    sheet.addRow([...row]).commit();
    count++;
  }
  sheet.commit();
  for (const extra of extraSheets) {
    const more = addSheet(extra.name, extra.headers, extra.widths ?? []);
    for (const row of extra.rows) more.addRow([...row]).commit();
    more.commit();
  }
  await workbook.commit();
  return count;
}
