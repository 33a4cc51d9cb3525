import type { ReportModel, RichText } from '../core/annual-report/index.ts';
import { SECTION_TITLES } from '../core/annual-report/index.ts';
import { buildReportGrids, gridPositions, type TableGrid } from './report-layout.ts';
import { parseRichText, plainText } from './rich-text.ts';

/**
 * The report as plain text, laid out like the published text the project's parser reads (the seed):
 * prose paragraphs separated by a blank line, tables tab-separated with one position per grid column,
 * a merged cell printed once at its top-left position and the positions it covers left empty. Labels are
 * the official ones with full-width brackets.
 */

function proseLines(source: RichText): string[] {
  return parseRichText(source).map(plainText);
}

/** Tabs and line breaks inside a cell would shift every column after it. */
const cellText = (text: string) => text.replace(/[\t\r\n]+/g, ' ');

export function renderTableText(grid: TableGrid): string[] {
  return gridPositions(grid).map((line) =>
    line.map(({ cell, isOrigin }) => (isOrigin ? cellText(cell.text) : '')).join('\t'),
  );
}

export function renderReportText(model: ReportModel): string {
  const grids = buildReportGrids(model.tables);
  const prose = (source: RichText) => ({ lines: proseLines(source), separator: '\n\n' });
  const table = (grid: TableGrid) => ({ lines: renderTableText(grid), separator: '\n' });
  const heading = (index: number) => ({ lines: [SECTION_TITLES[index]!], separator: '' });
  // Prose paragraphs are separated by blank lines; a table's rows follow each other directly.
  const blocks = [
    { lines: [model.title], separator: '' },
    prose(model.prose.preamble),
    heading(0),
    prose(model.prose.overview),
    heading(1),
    table(grids.section2),
    heading(2),
    table(grids.section3),
    heading(3),
    table(grids.section4),
    heading(4),
    prose(model.prose.problems),
    heading(5),
    prose(model.prose.otherMatters),
  ];
  const out = blocks
    .filter((block) => block.lines.length > 0)
    .map((block) => block.lines.join(block.separator));
  return `${out.join('\n\n')}\n`;
}
