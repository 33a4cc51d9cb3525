import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { LocalDate } from '../../core/shared/local-date.ts';
import { chineseDate } from './letter-templates.ts';

/**
 * A letter as a Word document in 公文 style (GB/T 9704): A4, title in 方正小标宋简体 二号, body in
 * 仿宋_GB2312 三号 on a fixed 28-point line with a two-character indent, the issuing agency and the
 * date on the right, and the template it was drafted from in the footer (the archive names it).
 */

const SIZE_ERHAO = 44;
const SIZE_SANHAO = 32;
const SIZE_XIAOWU = 18;
const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, hint: 'eastAsia' as const });
const TITLE_FONT = font('方正小标宋简体');
const BODY_FONT = font('仿宋_GB2312');
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const BODY_LINE = 560;

export interface LetterDocument {
  title: string;
  body: string;
  agencyName: string;
  trackingCode: string;
  issuedOn: LocalDate;
  templateKey: string;
  templateVersion: string;
}

const bodyRun = (text: string) => new TextRun({ text, font: BODY_FONT, size: SIZE_SANHAO });

function bodyParagraph(line: string, index: number): Paragraph {
  // The addressee line (张三：) stands flush left; every other paragraph is indented two characters.
  const flush = index === 0 && /[：:]$/.test(line);
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    ...(flush ? {} : { indent: { firstLineChars: 200, firstLine: 640 } }),
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    children: [bodyRun(line)],
  });
}

export async function renderLetterDocx(letter: LetterDocument): Promise<Buffer> {
  const lines = letter.body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const right = (text: string, spacingBefore = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 640 },
      spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: spacingBefore },
      children: [bodyRun(text)],
    });
  const document = new Document({
    creator: letter.agencyName,
    title: letter.title,
    description: `${letter.title}（受理编号 ${letter.trackingCode}）`,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
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
                    font: BODY_FONT,
                    size: SIZE_XIAOWU,
                  }),
                  new TextRun({
                    text: `    文书模板：${letter.templateKey} 第 ${letter.templateVersion} 版`,
                    font: BODY_FONT,
                    size: SIZE_XIAOWU,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: letter.title, font: TITLE_FONT, size: SIZE_ERHAO })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [bodyRun(`受理编号：${letter.trackingCode}`)],
          }),
          ...lines.map(bodyParagraph),
          right(letter.agencyName, 560),
          right(chineseDate(letter.issuedOn)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
