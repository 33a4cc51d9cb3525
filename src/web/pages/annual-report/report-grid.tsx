import { useMemo, useState } from 'react';
import { describeCell, readCell } from '../../../core/annual-report/cell-access.ts';
import type { CellId, ReportTables } from '../../../core/annual-report/cells.ts';
import type { Finding } from '../../../core/annual-report/rules.ts';
import {
  type CellOverlay,
  type OfficialTableKey,
  OfficialTables,
  type RowNotes,
  type ValueGridCell,
  worstSeverity,
} from '../../components/official-tables/official-tables.tsx';
import { type FindingIndex, findingKey, indexFindings, placeOf, rowKey } from './grid-findings.ts';
import './report-grid.css';

export interface ReportGridProps {
  tables: ReportTables;
  findings: readonly Finding[];
  editable: boolean;
  onChange?: (cell: CellId, value: number | null) => void;
  /** Who entered the value and when, for the cell's tooltip. */
  cellInfo?: (cell: CellId) => string | undefined;
  /** Cells whose value the ledger computed: tinted, with a corner mark that opens their records. */
  isComputed?: (cell: CellId) => boolean;
  onOpenLedger?: (cell: CellId) => void;
  /** Only some sections (the console shows them under their headings). */
  sections?: readonly OfficialTableKey[];
  /** Print each section's heading (二、三、四) above its table. */
  withHeadings?: boolean;
}

/** Digits as typed, full-width digits and minus included; '' is a blank cell. */
export function parseCellInput(text: string): number | null | 'invalid' {
  const normal = text.normalize('NFKC').replace(/[\s,]/g, '');
  if (normal === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return 'invalid';
  return Number(normal);
}

/** The stored figure as the input shows it: every decimal kept, so nothing typed is hidden. */
function formatCell(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

/** Enter moves down the column, as in a spreadsheet. */
function focusCellBelow(input: HTMLInputElement) {
  const inputs = [...document.querySelectorAll<HTMLInputElement>('.report-grid input')];
  const here = input.getBoundingClientRect();
  const below = inputs
    .map((other) => ({ other, rect: other.getBoundingClientRect() }))
    .filter(({ rect }) => Math.abs(rect.left - here.left) < 4 && rect.top > here.top + 2)
    .sort((a, b) => a.rect.top - b.rect.top)[0];
  below?.other.focus();
  below?.other.select();
}

/** Rule findings as messages: in the 核对 column, under the prose, above the tables. */
export function FindingMessages({ findings }: { findings: readonly Finding[] }) {
  return findings.map((f) => (
    <div key={findingKey(f)} className={`grid-message ${f.severity}`} role="note">
      <span className="rule-id">{f.rule}</span>
      {f.message}
    </div>
  ));
}

/** The 核对 column: each rule's message beside the row of the last cell it names. */
function checkNotes(index: FindingIndex): RowNotes {
  return {
    heading: '核对',
    render(values) {
      const place = values[0] && placeOf(values[0].cellId);
      if (!place) return { content: null };
      return {
        testId: `check-${place.table}-${place.row}`,
        content: <FindingMessages findings={index.byRow.get(rowKey(place.table, place.row)) ?? []} />,
      };
    },
  };
}

/**
 * The report's tables as the official format, with a number input in every cell when editable. Every
 * rule finding is shown at once: the cells it names are outlined, and its message stands in the 核对
 * column beside the row it is about. Cells the ledger computed are tinted and open their records.
 */
export function ReportGrid(props: ReportGridProps) {
  const { tables, editable } = props;
  const [texts, setTexts] = useState<Record<string, string>>({});
  const index = useMemo(() => indexFindings(props.findings), [props.findings]);
  const setText = (cell: CellId, text: string | null) =>
    setTexts((current) => {
      const next = { ...current };
      if (text === null) delete next[cell];
      else next[cell] = text;
      return next;
    });

  const overlay = ({ cellId: cell, text: printed }: ValueGridCell): CellOverlay => {
    const value = readCell(tables, cell);
    const findings = index.byCell.get(cell) ?? [];
    const severity = worstSeverity(findings);
    const text = texts[cell];
    const invalid = text !== undefined && parseCellInput(text) === 'invalid';
    const hover = [
      describeCell(cell),
      props.cellInfo?.(cell),
      ...findings.map((f) => `【${f.rule}】${f.message}`),
      invalid ? '请输入数字（没有的填0）' : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    const computed = props.isComputed?.(cell) ?? false;
    const className = [
      computed ? 'cell-computed' : '',
      severity ? `cell-${severity}` : '',
      invalid ? 'cell-invalid' : '',
      value === null ? 'cell-blank' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const open = computed && props.onOpenLedger ? () => props.onOpenLedger?.(cell) : null;
    const attributes = { 'data-origin': computed ? 'computed' : undefined };
    if (!editable) {
      return {
        className,
        attributes: { ...attributes, title: hover },
        // The figure itself opens its records; the corner mark is drawn by CSS (not in the text).
        content: open ? (
          <button
            type="button"
            className="ledger-value"
            aria-label={`${printed}（台账生成，点击查看台账记录）`}
            onClick={open}
          >
            {printed}
          </button>
        ) : undefined,
      };
    }
    return {
      className,
      attributes,
      content: (
        <>
          {open && (
            <button
              type="button"
              className="ledger-mark"
              title="台账生成：点击查看对应的台账记录"
              // Not the cell's own name: the input keeps its label to itself.
              aria-label="查看该单元格的台账记录"
              onClick={open}
            />
          )}
          <input
            aria-label={describeCell(cell)}
            aria-invalid={severity === 'error' || invalid}
            title={hover}
            inputMode="decimal"
            autoComplete="off"
            value={text ?? formatCell(value)}
            onChange={(event) => {
              const next = event.target.value;
              setText(cell, next);
              const parsed = parseCellInput(next);
              if (parsed !== 'invalid') props.onChange?.(cell, parsed);
            }}
            onBlur={() => {
              if (text !== undefined && parseCellInput(text) !== 'invalid') setText(cell, null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') focusCellBelow(event.currentTarget);
            }}
          />
        </>
      ),
    };
  };

  return (
    <OfficialTables
      tables={tables}
      sections={props.sections}
      withHeadings={props.withHeadings}
      className={editable ? 'report-grid editable' : 'report-grid'}
      overlay={overlay}
      notes={checkNotes(index)}
    />
  );
}
