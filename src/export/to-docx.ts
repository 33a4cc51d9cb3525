import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import type { ReportModel, RichText } from '../core/annual-report/index.ts';
import { SECTION_TITLES } from '../core/annual-report/index.ts';
import { buildReportGrids, type GridCell, type TableGrid } from './report-layout.ts';
import { parseRichText } from './rich-text.ts';

/**
 * The report as a Word document laid out like a 公文 (GB/T 9704): A4, title in 方正小标宋简体 二号,
 * headings in 黑体 三号, body in 仿宋_GB2312 三号 with a two-character first-line indent and a fixed
 * 28-point line, and the official tables with their merged cells.
 */

// Sizes are in half-points: 二号 22pt, 三号 16pt, 五号 10.5pt, 小四 12pt.
const SIZE_ERHAO = 44;
const SIZE_SANHAO = 32;
const SIZE_WUHAO = 21;
const SIZE_XIAOWU = 18;

/** Chinese font names as installed on Chinese Windows, with the font Word falls back to when missing. */
const FONTS = {
  title: { name: '方正小标宋简体', altName: '宋体', panose: '02000000000000000000', family: 'script' },
  heading: { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern' },
  body: { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', family: 'modern' },
  table: { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'auto' },
} as const;
type FontRole = keyof typeof FONTS;
const LATIN_FONT = 'Times New Roman';

const runFont = (role: FontRole) => ({
  ascii: LATIN_FONT,
  hAnsi: LATIN_FONT,
  eastAsia: FONTS[role].name,
  hint: 'eastAsia',
});

// A4 in twips, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 公文 body: 22 lines a page on a fixed 28-point line. */
const BODY_LINE = 560;

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const TABLE_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

function bodyParagraphs(source: RichText): Paragraph[] {
  return parseRichText(source).map(
    (runs) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLineChars: 200, firstLine: 640 },
        spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
        children: runs.map(
          (run) =>
            new TextRun({
              text: run.text,
              bold: run.bold ? true : undefined,
              font: runFont('body'),
              size: SIZE_SANHAO,
            }),
        ),
      }),
  );
}

function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    indent: { firstLineChars: 200, firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext: true,
    children: [new TextRun({ text, font: runFont('heading'), size: SIZE_SANHAO })],
  });
}

/** Long titles break after the agency name, as printed reports do, rather than mid-word. */
function titleLines(model: ReportModel): string[] {
  const { title, agencyName } = model;
  if (title.length > 20 && title.startsWith(agencyName) && title.length > agencyName.length) {
    return [agencyName, title.slice(agencyName.length)];
  }
  return [title];
}

function titleParagraph(model: ReportModel): Paragraph {
  const lines = titleLines(model);
  return new Paragraph({
    heading: HeadingLevel.TITLE,
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: BODY_LINE },
    children: lines.map(
      (line, i) =>
        new TextRun({ text: line, break: i > 0 ? 1 : 0, font: runFont('title'), size: SIZE_ERHAO }),
    ),
  });
}

// ── tables ──────────────────────────────────────────────────────────────────────────────────────────

/** Column widths in twips for each official table, summing to the text width. */
function columnWidths(grid: TableGrid): number[] {
  const spread = (fixed: number[], rest: number) => {
    const each = Math.floor((CONTENT_WIDTH - fixed.reduce((a, b) => a + b, 0)) / rest);
    const widths = [...fixed, ...Array.from({ length: rest }, () => each)];
    widths[widths.length - 1]! += CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0);
    return widths;
  };
  switch (grid.key) {
    case 'section2':
      return spread([2600], 3);
    case 'section3':
      return spread([760, 1000, 2720], 7);
    case 'section4':
      return spread([], 15);
  }
}

function cellAlignment(cell: GridCell): (typeof AlignmentType)[keyof typeof AlignmentType] {
  if (cell.role === 'corner') return AlignmentType.LEFT;
  if (cell.role === 'row-header' && cell.col + cell.colSpan === 3 && cell.rowSpan === 1)
    return AlignmentType.LEFT;
  if (cell.role === 'row-header' && cell.colSpan > 1) return AlignmentType.LEFT;
  return AlignmentType.CENTER;
}

/**
 * Rows to keep with the next one: the header rows with the first data row, and the rows of a merged
 * outcome group (（三）…（六）) with each other, so that a page break never cuts a group label in two.
 * The block 三、本年度办理结果 is too long to keep whole and may break.
 */
function rowsKeptWithNext(grid: TableGrid): Set<number> {
  const kept = new Set<number>();
  for (let r = 0; r < grid.headerRowCount; r++) kept.add(r);
  for (const cells of grid.rows) {
    for (const cell of cells) {
      if (cell.rowSpan > 1 && cell.col > 0) {
        for (let r = cell.row; r < cell.row + cell.rowSpan - 1; r++) kept.add(r);
      }
    }
  }
  return kept;
}

function renderTable(grid: TableGrid): Table {
  const widths = columnWidths(grid);
  const keptWithNext = rowsKeptWithNext(grid);
  const size = grid.key === 'section2' ? SIZE_WUHAO : SIZE_XIAOWU;
  const rows = grid.rows.map(
    (cells, rowIndex) =>
      new TableRow({
        tableHeader: rowIndex < grid.headerRowCount ? true : undefined,
        cantSplit: true,
        keepNext: keptWithNext.has(rowIndex) ? true : undefined,
        children: cells.map((cell) => {
          const width = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
          return new TableCell({
            columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
            rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 50, right: 50, top: 30, bottom: 30 },
            shading:
              cell.role === 'subheading' ? { fill: 'E7EEF7', type: 'clear', color: 'auto' } : undefined,
            children: [
              new Paragraph({
                alignment: cellAlignment(cell),
                spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
                children: [
                  new TextRun({
                    text: cell.text,
                    bold: cell.role === 'subheading' ? true : undefined,
                    font: runFont('table'),
                    size,
                  }),
                ],
              }),
            ],
          });
        }),
      }),
  );
  return new Table({
    rows,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
  });
}

/** A short gap after a table, so the next heading does not touch the border. */
const spacer = () =>
  new Paragraph({ spacing: { before: 0, after: 0, line: 280, lineRule: LineRuleType.EXACT } });

// ── fonts: declare the Chinese fonts with the font Word substitutes when they are not installed ─────

function fontTableEntry(font: (typeof FONTS)[FontRole]): string {
  return (
    `<w:font w:name="${font.name}"><w:altName w:val="${font.altName}"/><w:panose1 w:val="${font.panose}"/>` +
    `<w:charset w:val="86"/><w:family w:val="${font.family}"/><w:pitch w:val="variable"/></w:font>`
  );
}

async function declareFallbackFonts(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const path = 'word/fontTable.xml';
  const file = zip.file(path);
  if (!file) return bytes;
  const xml = await file.async('string');
  const entries = Object.values(FONTS)
    .filter((font) => !xml.includes(`w:name="${font.name}"`))
    .map(fontTableEntry)
    .join('');
  // docx writes an empty table as a self-closing <w:fonts/>.
  const patched = /<\/w:fonts>\s*$/.test(xml)
    ? xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`)
    : xml.replace(/<w:fonts([^>]*?)\/>\s*$/, `<w:fonts$1>${entries}</w:fonts>`);
  if (patched === xml) return bytes;
  zip.file(path, patched);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ── document ───────────────────────────────────────────────────────────────────────────────────────

export async function renderReportDocx(model: ReportModel): Promise<Buffer> {
  const grids = buildReportGrids(model.tables);
  const [s1, s2, s3, s4, s5, s6] = SECTION_TITLES;
  const children: (Paragraph | Table)[] = [
    titleParagraph(model),
    ...bodyParagraphs(model.prose.preamble),
    headingParagraph(s1),
    ...bodyParagraphs(model.prose.overview),
    headingParagraph(s2),
    renderTable(grids.section2),
    spacer(),
    headingParagraph(s3),
    renderTable(grids.section3),
    spacer(),
    headingParagraph(s4),
    renderTable(grids.section4),
    spacer(),
    headingParagraph(s5),
    ...bodyParagraphs(model.prose.problems),
    headingParagraph(s6),
    ...bodyParagraphs(model.prose.otherMatters),
  ];

  const document = new Document({
    title: model.title,
    creator: model.agencyName,
    description: `${model.year}年政府信息公开工作年度报告`,
    styles: {
      default: {
        document: {
          run: { font: runFont('body'), size: SIZE_SANHAO, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        },
        title: { run: { font: runFont('title'), size: SIZE_ERHAO, color: '000000' } },
        heading1: { run: { font: runFont('heading'), size: SIZE_SANHAO, bold: false, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: 1000 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: runFont('table'),
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return declareFallbackFonts(await Packer.toBuffer(document));
}
