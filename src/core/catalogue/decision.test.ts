import { describe, expect, it } from 'vitest';
import {
  DECISION_FIELD_SPECS,
  type DecisionField,
  normaliseDocumentNumber,
  parseDateText,
  validateDecisionRow,
} from './decision.ts';
import { parseMappingText, resolveColumnMapping } from './import-mapping.ts';

const context = { defaultKind: null, today: '2022-01-10' };
const good: Partial<Record<DecisionField, string>> = {
  kind: '行政许可',
  documentNumber: '张审批〔2021〕12号',
  title: '张家港市恒通贸易有限公司设立登记',
  matterCategory: '企业开办类',
  counterpartyName: '张家港市恒通贸易有限公司',
  counterpartyCode: '91320582MA1MXXXX0N',
  decidedOn: '2021-03-04',
};

describe('decision rows', () => {
  it('accepts a complete row', () => {
    const result = validateDecisionRow(good, context);
    expect(result).toMatchObject({
      ok: true,
      value: { kind: 'licensing', documentNumber: '张审批〔2021〕12号', decidedOn: '2021-03-04' },
    });
  });

  it.each([
    [{ decidedOn: '2021-02-30' }, '决定日期“2021-02-30”不是有效日期'],
    [{ decidedOn: '下周' }, '不是有效日期'],
    [{ decidedOn: '' }, '决定日期为空'],
    [{ decidedOn: '2022-02-01' }, '晚于今天'],
    [{ kind: '行政确认' }, '决定类别“行政确认”无法识别'],
    [{ documentNumber: ' ' }, '文号为空'],
    [{ counterpartyName: '' }, '行政相对人名称为空'],
    [{ counterpartyCode: '91320582MA1MXXXX0Y' }, '校验位不正确'],
    [{ publishedOn: '2021-03-01' }, '公示日期 2021-03-01 早于决定日期 2021-03-04'],
    [{ validFrom: '2021-03-04', validUntil: '2021-03-01' }, '有效期至 2021-03-01 早于有效期自'],
    [{ amountYuan: '500' }, '只有行政处罚决定可以填写罚没金额'],
    [{ kind: '行政处罚', amountYuan: '12.345' }, '不超过两位小数'],
    [{ title: 'x'.repeat(301) }, '决定名称超过 300 个字'],
  ])('refuses %j: %s', (change, message) => {
    const result = validateDecisionRow({ ...good, ...change }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message).join('；')).toContain(message);
  });

  it('lists every problem of a row at once', () => {
    const result = validateDecisionRow({ ...good, decidedOn: '2021-13-01', counterpartyName: '' }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(2);
  });

  it('takes the kind given for the whole file when the row has none', () => {
    const result = validateDecisionRow({ ...good, kind: '' }, { ...context, defaultKind: 'penalty' });
    expect(result.ok && result.value.kind).toBe('penalty');
  });

  it('masks a natural person’s ID number instead of storing it', () => {
    const result = validateDecisionRow({ ...good, counterpartyCode: '11010519491231002X' }, context);
    expect(result.ok && result.value.counterpartyCode).toBe('1101**********002X');
  });

  it('reads a penalty amount written with separators', () => {
    const result = validateDecisionRow({ ...good, kind: '处罚', amountYuan: '12,000.50元' }, context);
    expect(result.ok && result.value.amountYuan).toBe(12000.5);
  });

  it.each([
    ['2021-03-04', '2021-03-04'],
    ['2021/3/4', '2021-03-04'],
    ['2021.03.04', '2021-03-04'],
    ['2021年3月4日', '2021-03-04'],
    ['20210304', '2021-03-04'],
    ['2021-03-04 10:22:01', '2021-03-04'],
    ['2021-03-04T00:00:00.000Z', '2021-03-04'],
    ['2021-02-29', null],
    ['3/4/2021', null],
    ['', null],
  ])('date %j → %s', (text, expected) => {
    expect(parseDateText(text)).toBe(expected);
  });

  it.each([
    ['张审批[2021]12号', '张审批〔2021〕12号'],
    ['张审批【2021】12号', '张审批〔2021〕12号'],
    ['张审批（2021）12号', '张审批〔2021〕12号'],
    [' 张审批 〔2021〕 12号 ', '张审批〔2021〕12号'],
    ['ZJG-2021-0012', 'ZJG-2021-0012'],
  ])('文号 %j → %s', (raw, normalised) => {
    expect(normaliseDocumentNumber(raw)).toBe(normalised);
  });
});

describe('column mapping', () => {
  it('recognises headers of a 双公示 export, ignoring extra columns', () => {
    const headers = [
      '序号',
      '行政许可决定文书号',
      '项目名称',
      '许可类别',
      '行政相对人名称',
      '许可决定日期',
      '备注',
    ];
    const result = resolveColumnMapping(DECISION_FIELD_SPECS, headers, {}, new Set(['kind'] as const));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.columns).toEqual({
        documentNumber: 1,
        matterName: 2,
        matterCategory: 3,
        counterpartyName: 4,
        decidedOn: 5,
      });
      expect(result.value.ignoredHeaders).toEqual(['序号', '备注']);
    }
  });

  it('refuses a file without the required columns before reading rows', () => {
    const result = resolveColumnMapping(DECISION_FIELD_SPECS, ['名字', '日期'], {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('缺少必需的列“文号”');
      expect(result.error.message).toContain('缺少必需的列“决定日期”');
    }
  });

  it('lets an explicit mapping name the column, and refuses one the file lacks', () => {
    const headers = ['类别', '编号', '标题', '企业', '日期'];
    const mapping = parseMappingText(
      DECISION_FIELD_SPECS,
      '文号=编号，decidedOn=日期, counterpartyName=企业,title=标题',
    );
    expect(mapping.ok).toBe(true);
    if (!mapping.ok) return;
    const result = resolveColumnMapping(DECISION_FIELD_SPECS, headers, mapping.value);
    expect(result.ok && result.value.columns).toEqual({
      kind: 0,
      documentNumber: 1,
      title: 2,
      counterpartyName: 3,
      decidedOn: 4,
    });
    const missing = resolveColumnMapping(DECISION_FIELD_SPECS, headers, { ...mapping.value, basis: '依据' });
    expect(!missing.ok && missing.error.message).toContain('文件中没有这一列');
  });

  it('refuses an ambiguous guess', () => {
    const result = resolveColumnMapping(
      DECISION_FIELD_SPECS,
      ['文号', '决定文书号', '名称', '当事人', '决定日期', '类别'],
      {},
    );
    expect(!result.ok && result.error.message).toContain('可能取自多列');
  });

  it('refuses a mapping to an unknown field', () => {
    const result = parseMappingText(DECISION_FIELD_SPECS, '颜色=红');
    expect(result.ok).toBe(false);
  });
});
