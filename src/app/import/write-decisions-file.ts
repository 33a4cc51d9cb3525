import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import {
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  type DecisionField,
  type DecisionInput,
} from '../../core/catalogue/index.ts';

/**
 * Writes decisions as a file the import reads back: the template people fill in, the demo bureau's
 * 2021 decisions (`gongkai import example`), benchmark inputs. Both writers stream, so a million rows
 * take no more memory than ten.
 */

export const DECISION_FILE_FIELDS: readonly DecisionField[] = DECISION_FIELD_SPECS.map((s) => s.field);
const HEADERS = DECISION_FIELD_SPECS.map((s) => s.label);

function cells(row: DecisionInput): string[] {
  return DECISION_FILE_FIELDS.map((field) => {
    if (field === 'kind') return DECISION_KIND_LABELS[row.kind];
    const value = row[field as keyof DecisionInput];
    if (value === null || value === undefined) return '';
    return typeof value === 'number' ? value.toFixed(2) : String(value);
  });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export async function writeDecisionsCsv(path: string, rows: Iterable<DecisionInput>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let count = 0;
  // The BOM lets Excel open the UTF-8 file with its Chinese intact.
  let chunk = `\uFEFF${HEADERS.join(',')}\r\n`;
  for (const row of rows) {
    chunk += `${cells(row).map(csvField).join(',')}\r\n`;
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

export async function writeDecisionsXlsx(path: string, rows: Iterable<DecisionInput>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('行政决定');
  sheet.columns = HEADERS.map((header) => ({ header, width: header.length > 6 ? 24 : 14 }));
  let count = 0;
  for (const row of rows) {
    sheet.addRow(cells(row)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
