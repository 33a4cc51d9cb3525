import { describe, expect, it } from 'vitest';
import {
  matchApplicantHeader,
  matchArticle20Item,
  matchHeading,
  matchSection2Column,
  matchSection2Row,
  matchSection3Label,
  matchSection4Block,
  matchSection4Column,
} from './labels.ts';
import { normaliseText } from './normalise.ts';

const label = (t: string, previous: Parameters<typeof matchSection3Label>[1]['previous'] = null) =>
  matchSection3Label(normaliseText(t), { previous });

describe('matchHeading', () => {
  it.each([
    ['一、总体情况', 'overview'],
    ['## 二、主动公开政府信息情况', 'proactive'],
    ['三、收到和处理政府信息公开申请情况', 'applications'],
    ['四、政府信息公开行政复议、行政诉讼情况', 'review'],
    ['五、政府信息公开工作存在的主要问题及改进情况', 'problems'],
    ['**六、其他需要报告的事项**', 'other_matters'],
    ['四、结转下年度继续办理', null],
    ['2021年，本机关按照要求做好总体情况的汇报工作并对本年度的各项工作进行了全面总结', null],
  ] as const)('%s → %s', (text, key) => {
    expect(matchHeading(normaliseText(text))).toBe(key);
  });
});

describe('matchSection3Label', () => {
  it.each([
    ['一、本年新收政府信息公开申请数量', 'new'],
    ['（二）部分公开（区分处理的，只计这一情 形，不', 'partially_disclosed'],
    ['2.其他法律行政止公开', 'withheld.prohibited_by_law'],
    ['2. 其他法律行政法规禁止公开', 'withheld.prohibited_by_law'],
    ['3.危及“三安全一稳定”', 'withheld.security_stability'],
    ['1、申请人无正当理由逾期不补', 'other.correction_lapsed'],
    ['4.无正当理由大量反复 申请', 'not_processed.excessive'],
    ['5.要求行政机关确认或重 新出具', 'not_processed.confirmation'],
    ['三、本年度办理结果 （一）予以公开', 'disclosed'],
    ['（三）不予公开 1.属于国家秘密', 'withheld.state_secret'],
    ['四、结转下年度继续办理', 'carried_forward'],
    ['（七）总计', 'outcome_total'],
    ['3. 其他', 'other.other'],
  ] as const)('%s → %s', (text, key) => {
    expect(label(text)).toEqual({ kind: 'row', key });
  });

  it.each([
    ['（三）不予公开', 'withheld'],
    ['（四）无法提供', 'unavailable'],
    ['（五）不予处理', 'not_processed'],
    ['（六）其他处理', 'other'],
  ] as const)('%s is the group %s', (text, key) => {
    expect(label(text)).toEqual({ kind: 'group', key });
  });

  it('reads the bare words 其他 and 总计 as rows only in context', () => {
    expect(label('其他')).toBeNull();
    expect(label('总计')).toBeNull();
    expect(label('其他', { kind: 'row', key: 'other.fee_lapsed' })).toEqual({
      kind: 'row',
      key: 'other.other',
    });
    expect(label('总计', { kind: 'row', key: 'other.other' })).toEqual({ kind: 'row', key: 'outcome_total' });
  });

  it.each([
    '全年新收政府信息公开申请21件，上年结转0件',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '申请人情况',
    '法人或其他组织',
    '计其他情形）',
    '（四）无',
    '法提供',
  ])('%s is not a row label', (text) => {
    expect(label(text)).toBeNull();
  });
});

describe('headers and section 二/四 labels', () => {
  it.each([
    ['自然人', 'natural_person'],
    ['商业 企业', 'commercial_enterprise'],
    ['社会公益组织', 'public_interest_org'],
    ['法律服务机构', 'legal_service_org'],
    ['其他', 'other_org'],
    ['总计', 'total'],
    ['法人或其他组织', null],
  ] as const)('applicant header %s → %s', (text, key) => {
    expect(matchApplicantHeader(text)).toBe(key);
  });

  it('section 二', () => {
    expect(matchArticle20Item(normaliseText('第二十条 第（一）项'))).toBe('一');
    expect(matchSection2Row('行政规范性文件')).toBe('normative_document');
    expect(matchSection2Row('规范性文件')).toBe('normative_document');
    expect(matchSection2Row('行政许可事项的办理')).toBeNull();
    expect(matchSection2Column('本年收费金额（单位：万元）')).toBe('amount_wan_yuan');
    expect(matchSection2Column('本年增/减')).toBe('items_change');
    expect(matchSection2Column('对外公开总数量')).toBe('published_total');
  });

  it('section 四', () => {
    expect(matchSection4Block('行政诉讼（未经复议直接起诉）')).toBe('litigation_direct');
    expect(matchSection4Block('复议后起诉')).toBe('litigation_after_reconsideration');
    expect(matchSection4Block('### 行政复议')).toBe('reconsideration');
    expect(matchSection4Column('结果 维持')).toBe('upheld');
    expect(matchSection4Column('尚未审结')).toBe('pending');
    expect(matchSection4Column('其他结果')).toBe('other');
  });
});
