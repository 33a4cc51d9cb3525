/**
 * Table 四 (政府信息公开行政复议、行政诉讼情况): fifteen figures, five columns (结果维持, 结果纠正,
 * 其他结果, 尚未审结, 总计) for each of 行政复议, 未经复议直接起诉 and 复议后起诉. The table has no row
 * labels, so figures are placed by the header above them (grids), by the block heading before them
 * (three small tables), or by printed order when all fifteen were printed.
 */
import {
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  type Section4,
  type Section4Block,
  type Section4Column,
} from '../core/annual-report/cells.ts';
import type { ReadDocument } from './document.ts';
import { matchSection4Block, matchSection4Column } from './labels.ts';
import { parseCellValue } from './normalise.ts';
import type { Sink } from './sink.ts';
import { type Region, type Token, tableLines, tableWidth, tokenise } from './tokens.ts';

type Place = { block: Section4Block | null; column: Section4Column };

/** Block and column of each grid column, from the table's header lines. */
function headerColumns(doc: ReadDocument, table: number): { map: Map<number, Place>; width: number } {
  const lines = tableLines(doc, table);
  const header = [];
  for (const l of lines) {
    if (l.line.cells.some((c) => !c.covered && /^\d+$/.test(c.text))) break;
    header.push(l.line);
  }
  const width = tableWidth(lines);
  const map = new Map<number, Place>();
  // Delimited text whose header rows are narrower than its data rows lost its spans: positions lie.
  if (header.some((line) => line.kind === 'row' && line.cells.length !== width)) return { map, width };
  const blocks = new Map<number, Section4Block>();
  for (const line of header) {
    // Delimited text rows lose their spans: a block title covers the empty cells to its right.
    let carried: Section4Block | null = null;
    for (const cell of [...line.cells].sort((a, b) => (a.col ?? 0) - (b.col ?? 0))) {
      if (cell.col === undefined) continue;
      const block: Section4Block | null =
        cell.text === '' ? (line.kind === 'row' ? carried : null) : matchSection4Block(cell.text);
      if (cell.text !== '') carried = block;
      if (block) {
        const prior = blocks.get(cell.col);
        // 未经复议直接起诉 / 复议后起诉 are more specific than the 行政复议 above them.
        if (!prior || prior === 'reconsideration') blocks.set(cell.col, block);
      }
    }
  }
  for (let col = 0; col < width; col++) {
    for (let r = header.length - 1; r >= 0; r--) {
      const cell = header[r]!.cells.find((c) => c.col === col);
      if (!cell || cell.text === '') continue;
      const column = matchSection4Column(cell.text);
      if (column) {
        map.set(col, { block: blocks.get(col) ?? null, column });
        break;
      }
    }
  }
  return { map, width };
}

/**
 * The order of the three blocks when the fifteen figures follow one header, or null when header words
 * and figures alternate (a transposed table, where printed order says nothing).
 */
function printedOrder(tokens: Token[]): Section4Block[] | null {
  const first = tokens.findIndex((t) => t.kind === 'value');
  if (first < 0) return null;
  const after = tokens
    .slice(first)
    .some((t) => t.kind === 'text' && (matchSection4Column(t.cell.text) || matchSection4Block(t.cell.text)));
  if (after) return null;
  const seen: Section4Block[] = [];
  for (const t of tokens.slice(0, first)) {
    const block = t.kind === 'text' ? matchSection4Block(t.cell.text) : null;
    if (block && !seen.includes(block)) seen.push(block);
  }
  return seen.length === 3 ? seen : [...SECTION4_BLOCKS];
}

const COLUMN_ENDINGS: readonly [Section4Column, readonly string[]][] = [
  ['upheld', ['维持']],
  ['corrected', ['纠正']],
  ['other', ['其他结果', '其它结果', '其他']],
  ['pending', ['审结', '尚未']],
  ['total', ['总计', '合计']],
];

/**
 * PDF with blank cells in table 四: the column words (结果/维持 … 总计) stacked by horizontal position
 * must give fifteen columns in the format's pattern; each printed figure goes under the nearest one.
 */
export function placeByHeader(tokens: Token[], values: Token[], assigned: Map<string, Token>): boolean {
  if (values.some((v) => v.cell.origin.source !== 'pdf' || v.cell.x === undefined)) return false;
  const first = tokens.indexOf(values[0]!);
  const words = tokens.slice(0, first).filter((t) => t.kind === 'text' && t.cell.x !== undefined);
  const stacks: { x: number; parts: Token[] }[] = [];
  for (const t of [...words].sort((a, b) => a.cell.x! - b.cell.x!)) {
    const last = stacks.at(-1);
    if (last && Math.abs(t.cell.x! - last.x) <= 4) last.parts.push(t);
    else stacks.push({ x: t.cell.x!, parts: [t] });
  }
  const columns: { x: number; column: Section4Column }[] = [];
  for (const st of stacks) {
    const text = st.parts
      .sort((a, b) => (a.cell.y ?? 0) - (b.cell.y ?? 0))
      .map((t) => t.cell.text.replace(/\s/g, ''))
      .join('');
    const column = COLUMN_ENDINGS.find(([, ends]) => ends.some((e) => text.endsWith(e)))?.[0];
    if (column) columns.push({ x: st.x, column });
  }
  if (columns.length !== 15 || columns.some((c, i) => c.column !== SECTION4_COLUMNS[i % 5])) return false;
  let minGap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < columns.length; i++) minGap = Math.min(minGap, columns[i]!.x - columns[i - 1]!.x);
  const placed = new Map<string, Token>();
  for (const v of values) {
    let best = -1;
    let distance = Number.POSITIVE_INFINITY;
    columns.forEach((c, i) => {
      const d = Math.abs(c.x - v.cell.x!);
      if (d < distance) [best, distance] = [i, d];
    });
    const id = `${SECTION4_BLOCKS[Math.floor(best / 5)]}.${SECTION4_COLUMNS[best % 5]}`;
    if (best < 0 || distance > minGap * 0.4 || placed.has(id)) return false;
    placed.set(id, v);
  }
  for (const [id, v] of placed) assigned.set(id, v);
  return true;
}

export function readSection4(doc: ReadDocument, region: Region | null, sink: Sink): Section4 {
  const out = Object.fromEntries(
    SECTION4_BLOCKS.map((b) => [b, Object.fromEntries(SECTION4_COLUMNS.map((c) => [c, null]))]),
  ) as Section4;
  if (!region) {
    for (const b of SECTION4_BLOCKS)
      for (const c of SECTION4_COLUMNS)
        sink.miss(`section4.${b}.${c}`, '未找到“四、政府信息公开行政复议、行政诉讼情况”');
    return out;
  }
  const tokens = tokenise(doc, region.from, region.to);
  const assigned = new Map<string, Token>();
  const conflicts = new Set<string>();
  const blanks = new Set<string>();

  // 1. Grids and delimited rows: each figure under its header.
  let context: Section4Block | null = null;
  const headers = new Map<number, ReturnType<typeof headerColumns>>();
  for (const tok of tokens) {
    if (tok.kind === 'text') {
      const block = matchSection4Block(tok.cell.text);
      if (block && tok.table === undefined) context = block;
      continue;
    }
    if (tok.table === undefined || tok.cell.col === undefined) continue;
    if (!headers.has(tok.table)) headers.set(tok.table, headerColumns(doc, tok.table));
    const { map, width } = headers.get(tok.table)!;
    const line = doc.lines[tok.line]!;
    if (line.kind === 'row' && line.cells.length !== width) continue;
    // Blank cells of header lines are not figures: only lines that print a figure are data rows.
    if (!line.cells.some((c) => !c.covered && parseCellValue(c.text)?.kind === 'number')) continue;
    const place = map.get(tok.cell.col);
    const block = place?.block ?? context;
    if (!place || !block) continue;
    const id = `${block}.${place.column}`;
    if (assigned.has(id)) conflicts.add(id);
    assigned.set(id, tok);
  }

  // 2. Otherwise by order: fifteen figures, or five after each block heading.
  if (assigned.size === 0) {
    const values = tokens.filter((t) => t.kind === 'value');
    const order = printedOrder(tokens);
    if (values.length === 15 && order) {
      values.forEach((tok, i) => {
        assigned.set(`${order[Math.floor(i / 5)]}.${SECTION4_COLUMNS[i % 5]}`, tok);
      });
    } else if (values.length > 0 && values.length < 15 && placeByHeader(tokens, values, assigned)) {
      for (const b of SECTION4_BLOCKS) {
        for (const c of SECTION4_COLUMNS) {
          if (!assigned.has(`${b}.${c}`)) blanks.add(`${b}.${c}`);
        }
      }
    } else {
      const groups = new Map<Section4Block, Token[]>();
      let current: Section4Block | null = null;
      for (const tok of tokens) {
        if (tok.kind === 'text') current = matchSection4Block(tok.cell.text) ?? current;
        else if (tok.kind === 'value' && current) groups.set(current, [...(groups.get(current) ?? []), tok]);
      }
      for (const [block, list] of groups) {
        if (list.length !== 5) continue;
        list.forEach((tok, i) => {
          assigned.set(`${block}.${SECTION4_COLUMNS[i]}`, tok);
        });
      }
      if (assigned.size === 0 && values.length > 0) {
        for (const b of SECTION4_BLOCKS) {
          for (const c of SECTION4_COLUMNS) {
            out[b][c] = sink.miss(
              `section4.${b}.${c}`,
              `表四印出${values.length}个数字，应有15个，无法确定各数字所属的栏目，未予猜测`,
              values[0],
            );
          }
        }
        return out;
      }
    }
  }

  for (const b of SECTION4_BLOCKS) {
    for (const c of SECTION4_COLUMNS) {
      const id = `section4.${b}.${c}`;
      const tok = assigned.get(`${b}.${c}`);
      if (conflicts.has(`${b}.${c}`)) out[b][c] = sink.miss(id, '表四中此栏目对应多个数字，未予采用', tok);
      else if (tok) out[b][c] = sink.take(id, tok);
      else if (blanks.has(`${b}.${c}`)) out[b][c] = sink.miss(id, '该位置没有印出数字（空白单元格）');
      else out[b][c] = sink.miss(id, '表四中未找到此栏目');
    }
  }
  return out;
}
