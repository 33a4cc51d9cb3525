/**
 * Table 二 (主动公开政府信息情况): the small tables under the 第二十条第（X）项 titles, in the 2021 layout
 * or the 2019 试行 layout (国办公开办函〔2019〕60号), whose columns mean different things and are kept
 * apart in `section2_2019`.
 */
import type { FormatVersion, Section2, Section2Format2019 } from '../core/annual-report/cells.ts';
import type { ReadDocument } from './document.ts';
import {
  matchArticle20Item,
  matchSection2Column,
  matchSection2Row,
  moneyUnit,
  SECTION2_2019_ONLY_COLUMNS,
  type Section2ColumnKey,
  type Section2RowKey,
} from './labels.ts';
import { type Pending, Placer } from './place.ts';
import type { Money, Sink } from './sink.ts';
import { type Region, type Token, tokenise } from './tokens.ts';

interface HeaderColumn {
  key: Section2ColumnKey;
  token: Token;
}

interface RowMatch {
  row: Section2RowKey;
  header: HeaderColumn[];
}

const COLUMNS_2021: Partial<Record<Section2RowKey, readonly Section2ColumnKey[]>> = {
  rule: ['issued', 'repealed', 'in_force'],
  normative_document: ['issued', 'repealed', 'in_force'],
  licensing: ['decisions'],
  penalty: ['decisions'],
  coercion: ['decisions'],
  administrative_fee: ['amount_wan_yuan'],
};

const ITEMS_2019: readonly Section2ColumnKey[] = ['items_last_year', 'items_change', 'decisions'];
const COLUMNS_2019: Record<Section2RowKey, readonly Section2ColumnKey[]> = {
  rule: ['made_this_year', 'published_this_year', 'published_total'],
  normative_document: ['made_this_year', 'published_this_year', 'published_total'],
  licensing: ITEMS_2019,
  other_management_service: ITEMS_2019,
  penalty: ITEMS_2019,
  coercion: ITEMS_2019,
  administrative_fee: ['items_last_year', 'items_change'],
  centralised_procurement: ['projects', 'procurement_amount'],
};

function walk(tokens: Token[]): Pending<RowMatch>[] {
  const out: Pending<RowMatch>[] = [];
  let pending: Pending<RowMatch> | null = null;
  let header: HeaderColumn[] = [];
  let headerClosed = true;
  for (const tok of tokens) {
    if (tok.kind === 'text') {
      if (matchArticle20Item(tok.cell.text)) {
        header = [];
        headerClosed = true;
        pending = null;
        continue;
      }
      const column = matchSection2Column(tok.cell.text);
      if (column) {
        if (headerClosed) header = [];
        headerClosed = false;
        header.push({ key: column, token: tok });
        pending = null;
        continue;
      }
      const row = matchSection2Row(tok.cell.text);
      if (row) {
        headerClosed = true;
        pending = { match: { row, header }, label: tok, values: [], texts: [] };
        out.push(pending);
      } else if (
        pending &&
        tok.line === pending.label.line &&
        (tok.lineKind === 'grid' || tok.lineKind === 'row')
      ) {
        pending.texts.push(tok);
      }
      continue;
    }
    if (!pending) continue;
    if ((tok.lineKind === 'grid' || tok.lineKind === 'row') && tok.line !== pending.label.line) continue;
    pending.values.push(tok);
  }
  return out;
}

/** formatVersion from the columns printed in table 二; null when the table was not found. */
export function detectFormatVersion(doc: ReadDocument, region: Region): FormatVersion | null {
  let seen2021 = false;
  for (const tok of tokenise(doc, region.from, region.to)) {
    if (tok.kind !== 'text') continue;
    if (matchArticle20Item(tok.cell.text) === '九') return '2019';
    const column = matchSection2Column(tok.cell.text);
    if (column && SECTION2_2019_ONLY_COLUMNS.has(column)) return '2019';
    if (column) seen2021 = true;
  }
  return seen2021 ? '2021' : null;
}

export interface Section2Read {
  section2: Section2;
  section2_2019?: Section2Format2019;
}

const OUTPUT_COLUMN: Partial<Record<Section2ColumnKey, string>> = { procurement_amount: 'amount_wan_yuan' };

export function readSection2(
  doc: ReadDocument,
  region: Region | null,
  version: FormatVersion,
  sink: Sink,
): Section2Read {
  const layout = version === '2019' ? COLUMNS_2019 : COLUMNS_2021;
  const table = version === '2019' ? 'section2_2019' : 'section2';
  const pendings = region ? walk(tokenise(doc, region.from, region.to)) : [];
  const placer = new Placer(doc);
  const out: Record<string, Record<string, number | null>> = {};

  for (const [row, columns] of Object.entries(layout) as [Section2RowKey, readonly Section2ColumnKey[]][]) {
    const cells: Record<string, number | null> = {};
    out[row] = cells;
    const ids = columns.map((c) => `${table}.${row}.${OUTPUT_COLUMN[c] ?? c}`);
    const candidates = pendings.filter((p) => p.match.row === row);
    const p = candidates.find((c) => c.values.some((v) => v.kind === 'value')) ?? candidates[0];
    if (!p) {
      columns.forEach((c, i) => {
        cells[OUTPUT_COLUMN[c] ?? c] = sink.miss(
          ids[i]!,
          region ? '表二中未找到此行' : '未找到“二、主动公开政府信息情况”',
        );
      });
      continue;
    }
    // The printed header is used when it fits this row; otherwise the layout's columns in order.
    const header = p.match.header;
    const labelLine = doc.lines[p.label.line]!;
    const fits =
      header.length === columns.length &&
      columns.every((c) => header.some((h) => h.key === c)) &&
      // A delimited header row narrower than the data row lost its spans: positions lie.
      header.every(
        (h) => h.token.lineKind !== 'row' || doc.lines[h.token.line]!.cells.length === labelLine.cells.length,
      );
    const columnOf = fits
      ? (i: number) => header.find((h) => h.key === columns[i])?.token.cell.col
      : undefined;
    // PDF: figures sit under the centre of their header cell.
    const xs = fits ? columns.map((c) => header.find((h) => h.key === c)?.token) : [];
    const anchors =
      xs.length > 1 && xs.every((t) => t?.cell.origin.source === 'pdf' && t.cell.x !== undefined)
        ? xs.map((t) => t!.cell.x!)
        : undefined;
    const placement = placer.place(p, columns.length, { columnOf, anchors });
    columns.forEach((c, i) => {
      const key = OUTPUT_COLUMN[c] ?? c;
      if ('reason' in placement) {
        cells[key] = sink.miss(ids[i]!, `“${p.label.cell.raw.trim()}”：${placement.reason}`, p.label);
        return;
      }
      const slot = placement.slots[i]!;
      if ('token' in slot) {
        const headerText = header.find((h) => h.key === c)?.token.cell.text ?? '';
        const money: { header: Money } | undefined =
          c === 'amount_wan_yuan'
            ? { header: moneyUnit(headerText) ?? 'wan_yuan' }
            : c === 'procurement_amount'
              ? { header: moneyUnit(headerText) }
              : undefined;
        cells[key] = sink.take(ids[i]!, slot.token, money);
      } else if ('text' in slot) cells[key] = sink.unreadable(ids[i]!, slot.text);
      else cells[key] = sink.miss(ids[i]!, slot.missing, slot.near);
    });
  }

  if (version === '2021') return { section2: out as unknown as Section2 };

  // 处理决定数量 means the same in both layouts; nothing else of the 2019 table carries over.
  const s = out as unknown as Section2Format2019;
  const copy = (row: 'licensing' | 'penalty' | 'coercion') => {
    const from = sink.provenance[`section2_2019.${row}.decisions`];
    if (from) sink.provenance[`section2.${row}.decisions`] = from;
    if (s[row].decisions === null) sink.miss(`section2.${row}.decisions`, '2019版表二中未读出处理决定数量');
    return { decisions: s[row].decisions };
  };
  const absent = '2019版格式（国办公开办函〔2019〕60号）没有此栏目';
  for (const id of [
    'section2.rule.issued',
    'section2.rule.repealed',
    'section2.rule.in_force',
    'section2.normative_document.issued',
    'section2.normative_document.repealed',
    'section2.normative_document.in_force',
    'section2.administrative_fee.amount_wan_yuan',
  ]) {
    sink.miss(id, absent);
  }
  return {
    section2: {
      rule: { issued: null, repealed: null, in_force: null },
      normative_document: { issued: null, repealed: null, in_force: null },
      licensing: copy('licensing'),
      penalty: copy('penalty'),
      coercion: copy('coercion'),
      administrative_fee: { amount_wan_yuan: null },
    },
    section2_2019: s,
  };
}
