import { describe, expect, it } from 'vitest';
import { parseRichText, plainText } from './rich-text.ts';

describe('parseRichText', () => {
  const cases: { name: string; source: string; expected: { text: string; bold: boolean }[][] }[] = [
    { name: 'empty text', source: '', expected: [] },
    { name: 'blank lines only', source: '\n \n\u3000\n', expected: [] },
    {
      name: 'one plain paragraph',
      source: '本年度无收费。',
      expected: [[{ text: '本年度无收费。', bold: false }]],
    },
    {
      name: 'bold runs inside a paragraph',
      source: '2021 年度，**主动公开方面**，公开信息 43850 条；**依申请公开方面**，共 2 件',
      expected: [
        [
          { text: '2021 年度，', bold: false },
          { text: '主动公开方面', bold: true },
          { text: '，公开信息 43850 条；', bold: false },
          { text: '依申请公开方面', bold: true },
          { text: '，共 2 件', bold: false },
        ],
      ],
    },
    {
      name: 'paragraphs split on blank lines, CRLF and surrounding spaces',
      source: '  第一段。\r\n\r\n\r\n第二段。  \r\n',
      expected: [[{ text: '第一段。', bold: false }], [{ text: '第二段。', bold: false }]],
    },
    {
      name: 'lines of one paragraph join without a space between Chinese characters',
      source: '政务服务\n改革',
      expected: [[{ text: '政务服务改革', bold: false }]],
    },
    {
      name: 'lines of one paragraph join with a space between Latin words',
      source: '江苏政务服务 APP\nonline',
      expected: [[{ text: '江苏政务服务 APP online', bold: false }]],
    },
    {
      name: 'a numbered heading line starts its own paragraph',
      source: '相关工作措施如下：\n（一）建立健全工作机制。\n（二）规范信息公开运行。',
      expected: [
        [{ text: '相关工作措施如下：', bold: false }],
        [{ text: '（一）建立健全工作机制。', bold: false }],
        [{ text: '（二）规范信息公开运行。', bold: false }],
      ],
    },
    {
      name: 'an unpaired ** stays literal',
      source: '**重点**工作**未完',
      expected: [
        [
          { text: '重点', bold: true },
          { text: '工作**未完', bold: false },
        ],
      ],
    },
    {
      name: 'empty bold markers vanish',
      source: '前****后',
      expected: [[{ text: '前后', bold: false }]],
    },
    {
      name: 'markup-looking text is kept as text',
      source: '<script>alert(1)</script> & “引号”',
      expected: [[{ text: '<script>alert(1)</script> & “引号”', bold: false }]],
    },
  ];

  it.each(cases)('$name', ({ source, expected }) => {
    expect(parseRichText(source)).toEqual(expected);
  });

  it('plainText drops the weights', () => {
    const [paragraph] = parseRichText('甲**乙**丙');
    expect(plainText(paragraph!)).toBe('甲乙丙');
  });
});
