import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.ts';
import { indexTokens, queryTokens, toTsQuery } from './tokenize.ts';

describe('Chinese tokens for the catalogue search', () => {
  it.each([
    ['企业开办类行政许可', ['企业开办', '行政许可', '企业', '开办', '许可']],
    ['行政规范性文件', ['行政规范性文件', '规范性文件']],
    ['张审批〔2021〕12号', ['审批', '2021', '12']],
    ['张家港恒通贸易有限公司设立登记', ['张家港', '恒通', '有限公司', '设立登记']],
  ])('indexes %s so that %j are found', (text, expected) => {
    expect(indexTokens(text)).toEqual(expect.arrayContaining(expected));
  });

  it('keeps only letters and digits in tokens (a lexeme never needs quoting)', () => {
    for (const token of indexTokens('《条例》第二十六条：“20 个工作日”！ABC-def')) {
      expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(indexTokens('ABC')).toContain('abc');
  });

  it.each([
    ['行政许可', ['行政许可']],
    ['企业开办类行政许可', ['企业开办', '类', '行政许可']],
    ['张审批〔2021〕12', ['张', '审批', '2021', '12']],
    ['  规范性文件   恒通 ', ['规范性文件', '恒通']],
    ['〔〕《》', []],
  ])('cuts the query %j into %j', (query, words) => {
    expect(queryTokens(query)).toEqual(words);
  });

  it('writes a tsquery of all the words', () => {
    expect(toTsQuery(['企业开办', '类', '行政许可'])).toBe("'企业开办' & '类' & '行政许可'");
  });

  it('marks every occurrence, longest needle first, merging overlaps', () => {
    expect(highlight('企业开办类行政许可，行政许可结果', ['行政许可', '行政', '企业开办'])).toEqual([
      { text: '企业开办', hit: true },
      { text: '类', hit: false },
      { text: '行政许可', hit: true },
      { text: '，', hit: false },
      { text: '行政许可', hit: true },
      { text: '结果', hit: false },
    ]);
    expect(highlight('ABC abc', ['abc'])).toEqual([
      { text: 'ABC', hit: true },
      { text: ' ', hit: false },
      { text: 'abc', hit: true },
    ]);
    expect(highlight('无匹配', ['行政'])).toEqual([{ text: '无匹配', hit: false }]);
  });
});
