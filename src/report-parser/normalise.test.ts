import { describe, expect, it } from 'vitest';
import {
  isPageNumber,
  lcsLength,
  looksTraditional,
  normaliseText,
  parseCellValue,
  parseDate,
  stripNumbering,
} from './normalise.ts';

describe('normaliseText', () => {
  it.each([
    ['４３８５０', '43850'],
    ['（一）予以公开', '(一)予以公开'],
    ['结果\u00a0\u00a0维持', '结果 维持'],
    ['\u3000\u3000总计\u3000', '总计'],
    ['——', '--'],
    ['样例县人\u2ea0政府', '样例县人民政府'],
  ])('%s → %s', (raw, out) => {
    expect(normaliseText(raw)).toBe(out);
  });

  it('converts Traditional to Simplified when asked', () => {
    expect(normaliseText('政府信息公開工作年度報告', true)).toBe('政府信息公开工作年度报告');
    expect(looksTraditional('政府信息公開工作年度報告，申請數量，總計，結轉')).toBe(true);
    expect(looksTraditional('政府信息公开工作年度报告，申请数量，总计，结转')).toBe(false);
  });
});

describe('parseCellValue', () => {
  it.each([
    ['0', { kind: 'number', value: 0 }],
    ['7730.28', { kind: 'number', value: 7730.28 }],
    ['3,119', { kind: 'number', value: 3119 }],
    ['+6', { kind: 'number', value: 6 }],
    ['-2', { kind: 'number', value: -2 }],
    ['1856.4万元', { kind: 'number', value: 1856.4, unit: 'wan_yuan' }],
    ['3940元', { kind: 'number', value: 3940, unit: 'yuan' }],
    ['12件', { kind: 'number', value: 12 }],
    ['/', { kind: 'mark' }],
    ['-', { kind: 'mark' }],
    ['--', { kind: 'mark' }],
    ['', { kind: 'blank' }],
    ['无', null],
    ['1.', null],
    ['-3-', null],
  ] as const)('%s', (text, value) => {
    expect(parseCellValue(text)).toEqual(value);
  });
});

describe('stripNumbering', () => {
  it.each([
    ['三、本年度办理结果(一)予以公开', ['三、'], '本年度办理结果(一)予以公开'],
    ['(三)1.属于国家秘密', ['(三)', '1.'], '属于国家秘密'],
    ['1.属于国家秘密', ['1.'], '属于国家秘密'],
    ['1、申请人无正当理由逾期不补', ['1、'], '申请人无正当理由逾期不补'],
    ['2. 其他法律行政法规禁止公开', ['2.'], '其他法律行政法规禁止公开'],
    ['危及"三安全一稳定"', [], '危及"三安全一稳定"'],
  ])('%s', (label, prefixes, rest) => {
    expect(stripNumbering(label)).toEqual({ prefixes, rest });
  });
});

describe('small helpers', () => {
  it.each(['-3-', '- 3 -', '第3页', '第 3 页 共 6 页', '3/6'])('%s is a page number', (t) => {
    expect(isPageNumber(normaliseText(t))).toBe(true);
  });
  it.each(['3', '-', '2023'])('%s is not a page number', (t) => {
    expect(isPageNumber(t)).toBe(false);
  });
  it('measures the longest common subsequence', () => {
    expect(lcsLength('其他法律行政止公开', '其他法律行政法规禁止公开')).toBe(9);
  });
  it.each([
    ['2025-01-20', '2025-01-20'],
    ['2025年1月20日', '2025-01-20'],
    ['2025/1/2', '2025-01-02'],
    ['2025-02-30', null],
  ])('parseDate(%s)', (t, d) => {
    expect(parseDate(t)).toBe(d);
  });
});
