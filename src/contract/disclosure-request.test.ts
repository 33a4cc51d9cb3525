import { describe, expect, it } from 'vitest';
import { IDENTITY_DOCUMENT_KINDS } from '../core/disclosure-request/index.ts';
import {
  DisclosureApplicationSchema,
  DisclosureRequestIntakeSchema,
  IdentityDocumentSchema,
  ProcessingFeeQuoteInputSchema,
  RequestActionSchema,
  ReviewCaseInputSchema,
} from './disclosure-request.ts';

const person = {
  applicant: {
    type: 'natural_person',
    name: '张三',
    identityDocument: { kind: 'resident_id', number: '110105 19491231 002x' },
    contact: { phone: '13812345678', email: 'zhangsan@example.com', postalAddress: '某市某路 1 号' },
  },
  description: '某街道2023年老旧小区改造资金使用情况',
  formWanted: 'email',
  delivery: 'email',
};

const company = {
  ...person,
  applicant: {
    type: 'legal_service_org',
    name: '某律师事务所',
    identityDocument: { kind: 'unified_social_credit_code', number: '91350100M000100Y43' },
    contactPerson: '李四',
    contact: { phone: '0591-12345678', postalAddress: '某市某路 2 号' },
  },
  formWanted: 'paper',
  delivery: 'post',
};

function messagesOf(result: {
  success: boolean;
  error?: { issues: Array<{ message: string; path: PropertyKey[] }> };
}) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('DisclosureApplicationSchema', () => {
  it('accepts a natural person with a valid resident ID, normalising the number', () => {
    const parsed = DisclosureApplicationSchema.parse(person);
    expect(parsed.applicant.identityDocument).toEqual({ kind: 'resident_id', number: '11010519491231002X' });
    expect(parsed.needsAssistance).toBe(false);
  });

  it('accepts an organisation with a valid USCC', () => {
    expect(DisclosureApplicationSchema.safeParse(company).success).toBe(true);
  });

  const refusals: Array<[string, unknown, RegExp]> = [
    [
      'a resident ID with a wrong check digit',
      {
        ...person,
        applicant: {
          ...person.applicant,
          identityDocument: { kind: 'resident_id', number: '110105194912310021' },
        },
      },
      /居民身份证号码无效/,
    ],
    [
      'a USCC with a wrong check character',
      {
        ...company,
        applicant: {
          ...company.applicant,
          identityDocument: { kind: 'unified_social_credit_code', number: '91350100M000100Y44' },
        },
      },
      /统一社会信用代码无效/,
    ],
    [
      'an organisation identified by a resident ID',
      {
        ...company,
        applicant: { ...company.applicant, identityDocument: person.applicant.identityDocument },
      },
      /法人或其他组织请填写统一社会信用代码/,
    ],
    [
      'a natural person identified by a USCC',
      { ...person, applicant: { ...person.applicant, identityDocument: company.applicant.identityDocument } },
      /自然人请提供居民身份证/,
    ],
    [
      'an organisation without a contact person',
      { ...company, applicant: { ...company.applicant, contactPerson: '' } },
      /联系人/,
    ],
    [
      'an unknown applicant type',
      { ...person, applicant: { ...person.applicant, type: 'alien' } },
      /请选择申请人类型/,
    ],
    [
      'a missing name',
      { ...person, applicant: { ...person.applicant, name: ' ' } },
      /请填写申请人姓名或名称/,
    ],
    [
      'a bad phone',
      { ...person, applicant: { ...person.applicant, contact: { phone: '12345' } } },
      /联系电话格式不正确/,
    ],
    ['a too short description', { ...person, description: '预算' }, /至少 5 个字/],
    [
      'e-mail delivery without an address',
      { ...person, applicant: { ...person.applicant, contact: { phone: '13812345678' } } },
      /请填写电子邮箱/,
    ],
    [
      'post without an address',
      { ...company, applicant: { ...company.applicant, contact: { phone: '13812345678' } } },
      /请填写通信地址/,
    ],
    [
      'paper by e-mail',
      { ...person, formWanted: 'paper', delivery: 'email' },
      /纸质文本或光盘只能邮寄或当面领取/,
    ],
    ['inspection by post', { ...company, formWanted: 'inspection', delivery: 'post' }, /当场查阅/],
    ['an unknown form', { ...person, formWanted: 'fax' }, /请选择信息的载体形式/],
    [
      'no identity document kind',
      { ...person, applicant: { ...person.applicant, identityDocument: { number: 'x' } } },
      /身份证明文件类型/,
    ],
  ];
  it.each(refusals)('refuses %s with a Chinese message', (_name, input, message) => {
    const result = DisclosureApplicationSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(messagesOf(result).join('\n')).toMatch(message);
  });
});

it('offers exactly the identity documents of the core enum', () => {
  expect(IdentityDocumentSchema.options.map((o) => o.shape.kind.value)).toEqual([...IDENTITY_DOCUMENT_KINDS]);
});

describe('DisclosureRequestIntakeSchema', () => {
  it('accepts a posted application signed for on a date', () => {
    const parsed = DisclosureRequestIntakeSchema.parse({
      ...company,
      channel: 'post',
      signedForOn: '2025-09-29',
    });
    expect(parsed.channel).toBe('post');
  });

  it.each([
    [{ channel: 'online', handedInOn: '2025-09-26' }, 'confirmedOn', /双方确认/],
    [{ channel: 'in_person' }, 'handedInOn', /提交日期/],
    [{ channel: 'post' }, 'signedForOn', /签收日期/],
    [{ channel: 'pigeon', confirmedOn: '2025-09-26' }, 'channel', /请选择申请渠道/],
    [{ channel: 'fax', confirmedOn: '2025-13-01' }, 'confirmedOn', /YYYY-MM-DD/],
  ])('refuses %o at %s', (extra, path, message) => {
    const result = DisclosureRequestIntakeSchema.safeParse({ ...person, ...extra });
    expect(result.success).toBe(false);
    expect(messagesOf(result).some((m) => m.startsWith(`${path}:`) && message.test(m))).toBe(true);
  });
});

describe('handling steps', () => {
  it.each([
    [{ type: 'reply', outcome: 'withheld.state_secret' }, true],
    [{ type: 'reply', outcome: 'granted' }, false],
    [{ type: 'request_extension', workdays: 21, reason: '检索量大' }, false],
    [{ type: 'request_extension', workdays: 20, reason: '检索量大' }, true],
    [{ type: 'request_correction', items: [], correctBy: '2025-10-20' }, false],
    [{ type: 'issue_fee_notice', amountYuan: 0, method: 'per_page' }, false],
    [{ type: 'teleport' }, false],
  ])('%o valid: %s', (input, valid) => {
    expect(RequestActionSchema.safeParse(input).success).toBe(valid);
  });

  it('never quotes a fee by both methods at once', () => {
    expect(ProcessingFeeQuoteInputSchema.safeParse({ method: 'per_page', pages: 250 }).success).toBe(true);
    expect(ProcessingFeeQuoteInputSchema.safeParse({ method: 'both', pages: 250, pieces: 3 }).success).toBe(
      false,
    );
  });

  it('asks for the route of a lawsuit', () => {
    const result = ReviewCaseInputSchema.safeParse({
      requestId: 'r1',
      kind: 'litigation',
      body: '某区人民法院',
      receivedOn: '2025-11-03',
    });
    expect(messagesOf(result).join()).toMatch(/起诉方式/);
  });
});
