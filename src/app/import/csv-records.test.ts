import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvRecordReader, CsvSyntaxError } from './csv-records.ts';

/** Parses `text` cut into chunks of `size` characters (every boundary is exercised with size 1). */
function parse(text: string, size = text.length): CsvRecord[] {
  const reader = new CsvRecordReader();
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size), (r) => records.push(r));
  reader.end((r) => records.push(r));
  return records;
}

describe('CSV records', () => {
  const cases: [string, string, [number, string[]][]][] = [
    [
      'plain LF',
      'a,b,c\n1,2,3\n',
      [
        [1, ['a', 'b', 'c']],
        [2, ['1', '2', '3']],
      ],
    ],
    [
      'CRLF, no final break',
      'a,b\r\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'lone CR',
      'a\r1\r',
      [
        [1, ['a']],
        [2, ['1']],
      ],
    ],
    [
      'BOM and empty fields',
      '\uFEFF文号,,名称\n,x,\n',
      [
        [1, ['文号', '', '名称']],
        [2, ['', 'x', '']],
      ],
    ],
    ['quotes, commas and doubled quotes', '"a,b","say ""hi""",c\n', [[1, ['a,b', 'say "hi"', 'c']]]],
    [
      'line break inside quotes',
      'x,"line 1\nline 2"\ny,z\n',
      [
        [1, ['x', 'line 1\nline 2']],
        [3, ['y', 'z']],
      ],
    ],
    [
      'empty lines skipped',
      'a\n\n\nb\n',
      [
        [1, ['a']],
        [4, ['b']],
      ],
    ],
    ['quote inside an unquoted field kept', 'a"b,c\n', [[1, ['a"b', 'c']]]],
    ['empty quoted field', '"",x\n', [[1, ['', 'x']]]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const want = expected.map(([line, fields]) => ({ line, fields }));
    expect(parse(text)).toEqual(want);
    expect(parse(text, 1)).toEqual(want);
    expect(parse(text, 3)).toEqual(want);
  });

  it.each([
    ['a,"open\nb,c\n', 'quote_not_closed', 1],
    ['a\n"x"y,z\n', 'text_after_quote', 2],
  ] as const)('refuses %j (%s on line %i)', (text, kind, line) => {
    for (const size of [1, text.length]) {
      let error: unknown;
      try {
        parse(text, size);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect(error).toMatchObject({ kind, line });
    }
  });
});
