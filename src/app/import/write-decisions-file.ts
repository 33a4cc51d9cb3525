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

/** The template's example row (a licensing decision of the demo bureau's kind). */
export function decisionTemplateRows(): DecisionInput[] {
  return [
    {
      kind: 'licensing',
      documentNumber: '张审批企〔2021〕00001号',
      title: '张家港某某贸易有限公司设立登记',
      matterName: '有限责任公司设立登记',
      matterCategory: '企业开办类',
      counterpartyName: '张家港某某贸易有限公司',
      counterpartyCode: null,
      decidedOn: '2021-01-04',
      validFrom: '2021-01-04',
      validUntil: null,
      publishedOn: '2021-01-06',
      content: '准予有限责任公司设立登记',
      basis: '《中华人民共和国市场主体登记管理条例》',
      amountYuan: null,
    },
  ];
}

export { asCells as decisionCells, HEADERS as DECISION_FILE_HEADERS };
