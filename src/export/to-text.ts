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
  const blocks: string[][] = [
    [model.title],
    proseLines(model.prose.preamble),
    [SECTION_TITLES[0]],
    proseLines(model.prose.overview),
    [SECTION_TITLES[1]],
    renderTableText(grids.section2),
    [SECTION_TITLES[2]],
    renderTableText(grids.section3),
    [SECTION_TITLES[3]],
    renderTableText(grids.section4),
    [SECTION_TITLES[4]],
    proseLines(model.prose.problems),
    [SECTION_TITLES[5]],
    proseLines(model.prose.otherMatters),
  ];
  // Prose paragraphs are separated by blank lines; a table's rows follow each other directly.
  const out: string[] = [];
  for (const block of blocks) {
    if (block.length === 0) continue;
    const isTable = block.some((line) => line.includes('\t'));
    out.push(isTable ? block.join('\n') : block.join('\n\n'));
  }
  return `${out.join('\n\n')}\n`;
}
