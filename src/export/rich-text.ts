import type { RichText } from '../core/annual-report/index.ts';

/** A stretch of text with one weight. */
export interface TextRun {
  text: string;
  bold: boolean;
}

/** One printed paragraph: its runs in order, never empty, adjacent runs of equal weight merged. */
export type RichParagraph = TextRun[];

/**
 * A line that opens a numbered sub-heading (`（一）`, `一、`, `1.`) starts a paragraph of its own even
 * when the author put no blank line before it, so that "kept as written" headings are not glued to
 * the sentence above.
 */
const HEADING_LINE =
  /^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.．、])/;

const ASCII_WORD_END = /[A-Za-z0-9]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

/**
 * Parses the report's prose format (model.ts `RichText`): paragraphs separated by blank lines, `**bold**`
 * runs. Lines inside a paragraph are joined (Chinese text takes no space between them; two Latin words
 * get one). An unpaired `**` stays as literal text rather than bolding the rest of the paragraph.
 */
export function parseRichText(source: RichText): RichParagraph[] {
  const paragraphs: RichParagraph[] = [];
  for (const lines of splitParagraphLines(source)) {
    const text = lines.reduce((joined, line) => {
      if (joined === '') return line;
      const gap = ASCII_WORD_END.test(joined) && ASCII_WORD_START.test(line) ? ' ' : '';
      return joined + gap + line;
    }, '');
    const runs = parseRuns(text);
    if (runs.length > 0) paragraphs.push(runs);
  }
  return paragraphs;
}

/** The text of a paragraph without its weights. */
export function plainText(paragraph: RichParagraph): string {
  return paragraph.map((run) => run.text).join('');
}

function splitParagraphLines(source: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(current);
    current = [];
  };
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(/^[ \t\u3000]+|[ \t\u3000]+$/g, '');
    if (line === '') {
      flush();
      continue;
    }
    if (current.length > 0 && HEADING_LINE.test(line)) flush();
    current.push(line);
  }
  flush();
  return blocks;
}

function parseRuns(text: string): TextRun[] {
  const parts = text.split('**');
  // An even number of parts means one `**` has no partner: it is kept as text.
  const unpairedAt = parts.length % 2 === 0 ? parts.length - 1 : -1;
  const runs: TextRun[] = [];
  parts.forEach((part, index) => {
    if (index === unpairedAt) {
      pushRun(runs, `**${part}`, false);
      return;
    }
    pushRun(runs, part, index % 2 === 1);
  });
  return runs;
}

function pushRun(runs: TextRun[], text: string, bold: boolean): void {
  if (text === '') return;
  const last = runs[runs.length - 1];
  if (last && last.bold === bold) {
    last.text += text;
    return;
  }
  runs.push({ text, bold });
}
