import {
  DECISION_FIELD_SPECS,
  DECISION_KIND_LABELS,
  type DecisionField,
  type DecisionInput,
} from '../../core/catalogue/index.ts';
import { writeCsvTable, writeXlsxTable } from './write-table.ts';

/**
 * Writes decisions as a file the import reads back: the template people fill in, the demo bureau's
 * 2021 decisions (`gongkai import example`), benchmark inputs.
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

function* asCells(rows: Iterable<DecisionInput>): Generator<string[]> {
  for (const row of rows) yield cells(row);
}

export function writeDecisionsCsv(path: string, rows: Iterable<DecisionInput>): Promise<number> {
  return writeCsvTable(path, HEADERS, asCells(rows));
}

export function writeDecisionsXlsx(path: string, rows: Iterable<DecisionInput>): Promise<number> {
  return writeXlsxTable(path, '行政决定', HEADERS, asCells(rows));
}
