import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES, type OutcomeCode } from '../../core/annual-report/index.ts';
import {
  draftLetter,
  LETTER_TEMPLATE_KINDS,
  LETTER_TEMPLATES,
  type LetterContext,
  renderLetterDocx,
  templateFor,
} from './index.ts';

const CONTEXT: LetterContext = {
  today: '2026-11-27',
  agency: {
    name: '张家港市行政审批局',
    disclosureOffice: '张家港市行政审批局办公室',
    address: '江苏省张家港市政务服务中心',
    phone: '0512-58680100',
    reconsiderationBody: '张家港市人民政府',
  },
  request: {
    trackingCode: 'Y20261127-7K3MQ9',
    applicantName: '王建国',
    contactPerson: null,
    description: '某化工企业2015年环境影响评价报告书的审批文件',
    documentNumber: null,
    channelLabel: '当面提交',
    formWanted: 'paper',
    delivery: 'post',
    receivedOn: '2026-11-20',
    dueOn: '2026-12-18',
  },
  correction: { requestedOn: '2026-11-23', items: ['请写明项目名称', '请写明年份'], correctBy: '2026-12-04' },
  extension: { workdays: 15, dueOn: '2027-01-12', reason: '需要检索多个科室的档案' },
  fee: {
    method: 'per_page',
    amountYuan: 4700,
    payBy: '2026-12-25',
    reasons: ['第201至250页共50页，每页40元，计2000元。'],
  },
  consultation: { parties: ['张家港市某房地产开发有限公司'] },
};

/** The article each outcome's reply must cite (条例 unless stated). */
const ARTICLE: Record<OutcomeCode, string> = {
  disclosed: '第三十六条第（二）项',
  partially_disclosed: '第三十七条',
  'withheld.state_secret': '第十四条',
  'withheld.prohibited_by_law': '第十四条',
  'withheld.security_stability': '第十四条',
  'withheld.third_party_rights': '第十五条',
  'withheld.internal_affairs': '第十六条第一款',
  'withheld.process_information': '第十六条第二款',
  'withheld.enforcement_file': '第十六条第二款',
  'withheld.administrative_query': '第三十六条第（七）项',
  'unavailable.not_held': '第三十六条第（四）项',
  'unavailable.needs_creation': '第三十八条',
  'unavailable.still_unclear': '第三十条',
  'not_processed.petition_complaint': '第三十九条第一款',
  'not_processed.duplicate': '第三十六条第（六）项',
  'not_processed.publication': '第三十九条第二款',
  'not_processed.excessive': '第三十五条',
  'not_processed.confirmation': '不属于《中华人民共和国政府信息公开条例》规定的政府信息公开申请',
  'other.correction_lapsed': '第三十条',
  'other.fee_lapsed': '109号',
  'other.other': '（请填写办理情况及依据）',
};

describe('letter templates', () => {
  it.each(OUTCOME_CODES)('replies to %s citing its article and the remedies', (outcome) => {
    const draft = draftLetter('reply', { ...CONTEXT, outcome });
    expect(draft.body).toContain(ARTICLE[outcome]);
    expect(draft.body).toContain('60日内向张家港市人民政府申请行政复议');
    expect(draft.body).toContain('6个月内依法向人民法院提起行政诉讼');
    expect(draft.body.startsWith('王建国：')).toBe(true);
    const group =
      outcome === 'disclosed' || outcome === 'partially_disclosed' ? outcome : outcome.split('.')[0];
    expect(draft.templateKey).toBe(`reply.${group}`);
  });

  it('cites the article of every procedural letter', () => {
    expect(draftLetter('correction_notice', CONTEXT).body).toMatch(
      /第三十条[\s\S]*1\. 请写明项目名称\n2\. 请写明年份/,
    );
    expect(draftLetter('extension_notice', CONTEXT).body).toContain(
      '第三十三条第二款的规定，答复期限延长15个工作日',
    );
    const fee = draftLetter('fee_notice', CONTEXT).body;
    expect(fee).toContain('按量计收信息处理费4700元');
    expect(fee).toContain('109号）第五条');
    expect(fee).toContain('第201至250页共50页');
    expect(fee).toContain('2026年12月25日前');
    const consultation = draftLetter('third_party_consultation', CONTEXT).body;
    expect(consultation.startsWith('张家港市某房地产开发有限公司：')).toBe(true);
    expect(consultation).toContain('第三十二条');
    expect(consultation).toContain('15个工作日');
    expect(draftLetter('receipt', CONTEXT).body).toContain('2026年12月18日前');
  });

  it('leaves a visible blank where a fact is missing, never an invented one', () => {
    const bare: LetterContext = { ...CONTEXT, agency: { ...CONTEXT.agency, reconsiderationBody: null } };
    expect(draftLetter('reply', { ...bare, outcome: 'disclosed' }).body).toContain(
      '（请填写行政复议机关名称）',
    );
  });

  it('has one versioned template per kind and reply group', () => {
    const keys = LETTER_TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const kind of LETTER_TEMPLATE_KINDS) expect(templateFor(kind).kind).toBe(kind);
    expect(LETTER_TEMPLATES.every((t) => /^\d{4}\.\d+$/.test(t.version))).toBe(true);
  });

  it('renders a DOCX in 公文 style with the template version in the footer', async () => {
    const draft = draftLetter('reply', { ...CONTEXT, outcome: 'unavailable.not_held' });
    const bytes = await renderLetterDocx({
      title: draft.title,
      body: draft.body,
      agencyName: CONTEXT.agency.name,
      trackingCode: CONTEXT.request.trackingCode,
      issuedOn: '2026-11-27',
      templateKey: draft.templateKey,
      templateVersion: draft.templateVersion,
    });
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('政府信息公开申请答复书（无法提供）');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('2026年11月27日');
    const footer = Object.keys(zip.files).find((f) => /^word\/footer\d+\.xml$/.test(f))!;
    expect(await zip.file(footer)!.async('string')).toContain('reply.unavailable 第 2026.1 版');
  });
});
