import {
  DECISION_FIELD_SPECS,
  DOCUMENT_FIELD_SPECS,
  type ImportFieldSpec,
  resolveColumnMapping,
} from '../../core/catalogue/index.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { ImportTarget } from '../../db/repositories/catalogue-import.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { openTable, type TableRow } from './read-table.ts';
import { findHeader, HEADER_SEARCH_ROWS } from './run-import.ts';

/**
 * The head of a file before it is imported — the console's column-mapping step: the header row the
 * import would use, the column it would read each field from, what it would refuse, and a few rows
 * to recognise the data by. Only the first rows are read (for a CSV the console sends just the
 * first part of the file), and nothing is written.
 */

export interface ImportPreview {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  headerLine: number | null;
  headers: string[];
  fields: { field: string; label: string; required: boolean; header: string | null }[];
  problems: string[];
  sampleRows: string[][];
}

const SAMPLE_ROWS = 3;

export const IMPORT_FIELD_SPECS: Record<ImportTarget, readonly ImportFieldSpec[]> = {
  decisions: DECISION_FIELD_SPECS,
  documents: DOCUMENT_FIELD_SPECS,
};

function isBlank(row: TableRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}

export async function previewImport(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; target: ImportTarget; file: { path: string; name: string } },
): Promise<ImportPreview> {
  requirePermission(input.actor, 'catalogue.import');
  await requireAgencyInScope(createRepositories(deps.db), input.actor, input.agencyId);
  const specs = IMPORT_FIELD_SPECS[input.target];
  const table = await openTable(input.file.path, input.file.name);
  const rows: TableRow[] = [];
  const iterator = table.batches()[Symbol.asyncIterator]();
  try {
    while (rows.length < HEADER_SEARCH_ROWS + SAMPLE_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      for (const row of next.value) if (!isBlank(row)) rows.push(row);
    }
  } finally {
    await iterator.return?.();
  }
  const leading = rows.slice(0, HEADER_SEARCH_ROWS);
  const found = findHeader(specs, leading, {});
  // Without a row that names every required column, the fullest leading row is the likely header
  // (a title line above it has one cell): its columns are offered for mapping by hand.
  let index = found.ok ? found.index : -1;
  if (index < 0 && leading.length > 0) {
    const filled = leading.map((r) => r.cells.filter((c) => c.trim() !== '').length);
    index = filled.indexOf(Math.max(...filled));
  }
  const header = index >= 0 ? leading[index]! : null;
  const guessed = header
    ? resolveColumnMapping(specs, header.cells, {}, new Set(specs.map((s) => s.field)))
    : null;
  const columns: Partial<Record<string, number>> = guessed?.ok ? guessed.value.columns : {};
  const problems = found.ok ? [] : found.problems;
  if (guessed && !guessed.ok) problems.push(...guessed.error.problems);
  if (!header) problems.push('文件中没有任何数据');
  return {
    format: table.format,
    encoding: table.encoding,
    headerLine: header?.line ?? null,
    headers: header?.cells ?? [],
    fields: specs.map((s) => {
      const column = columns[s.field];
      return {
        field: s.field,
        label: s.label,
        required: s.required,
        header: column === undefined ? null : (header?.cells[column] ?? null),
      };
    }),
    problems: [...new Set(problems)],
    sampleRows: header
      ? rows.slice(rows.indexOf(header) + 1, rows.indexOf(header) + 1 + SAMPLE_ROWS).map((r) => r.cells)
      : [],
  };
}
