import { type OutcomeCode, outcomeGroupOf, outcomeLabel } from '../../core/annual-report/index.ts';
import {
  ANSWER_PERIOD_WORKDAYS,
  CONSULTATION_WORKDAYS,
  type DeliveryMethod,
  FEE_PAYMENT_WORKDAYS,
  type InformationForm,
} from '../../core/disclosure-request/index.ts';
import { PROCESSING_FEE_METHOD_LABELS, type ProcessingFeeMethod } from '../../core/fees/index.ts';
import type { LocalDate } from '../../core/shared/local-date.ts';

/**
 * The letters of a disclosure request, from versioned templates: 登记回执, 补正告知书, 延期告知书,
 * 收费通知书, 第三方意见征询函 and one 答复书 per outcome group, each citing the article that applies.
 * A template produces an editable draft (title + plain-text body); the clerk edits it, and the issued
 * DOCX is archived with the template key and version it came from. Bump `version` whenever the
 * wording of a template changes, so an archived letter always names the text it was drafted from.
 * Blanks the clerk must fill are written （请填写…）.
 */

export const LETTER_TEMPLATE_KINDS = [
  'receipt',
  'correction_notice',
  'extension_notice',
  'fee_notice',
  'third_party_consultation',
  'reply',
] as const;
export type LetterTemplateKind = (typeof LETTER_TEMPLATE_KINDS)[number];

export interface LetterContext {
  today: LocalDate;
  agency: {
    name: string;
    disclosureOffice: string | null;
    address: string | null;
    phone: string | null;
    /** 行政复议机关 (the government above the agency), when known. */
    reconsiderationBody: string | null;
  };
  request: {
    trackingCode: string;
    applicantName: string;
    contactPerson: string | null;
    description: string;
    documentNumber: string | null;
    channelLabel: string;
    formWanted: InformationForm;
    delivery: DeliveryMethod;
    receivedOn: LocalDate | null;
    dueOn: LocalDate | null;
  };
  correction?: { requestedOn: LocalDate | null; items: string[]; correctBy: LocalDate | null } | undefined;
  extension?: { workdays: number; dueOn: LocalDate | null; reason: string | null } | undefined;
  fee?:
    | {
        method: ProcessingFeeMethod;
        amountYuan: number;
        payBy: LocalDate | null;
        /** The tier breakdown of the quote (109号), when the notice was computed in the console. */
        reasons: string[] | null;
      }
    | undefined;
  consultation?: { parties: string[] } | undefined;
  outcome?: OutcomeCode | undefined;
  /** For 部分公开 / 不予公开 after consultation: whether the third party objected. */
  thirdPartyObjected?: boolean | undefined;
}

export interface LetterTemplate {
  key: string;
  version: string;
  kind: LetterTemplateKind;
  title: string;
  build(ctx: LetterContext): string;
}

export interface LetterDraft {
  templateKey: string;
  templateVersion: string;
  title: string;
  body: string;
}

const REGULATION = '《中华人民共和国政府信息公开条例》';
const FILL = (what: string) => `（请填写${what}）`;

export function chineseDate(date: LocalDate | null | undefined): string {
  if (!date) return FILL('日期');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

const addressee = (ctx: LetterContext) => `${ctx.request.applicantName}：`;

const received = (ctx: LetterContext) =>
  `本机关于${chineseDate(ctx.request.receivedOn)}收到您通过${ctx.request.channelLabel}方式提出的政府信息公开申请（受理编号：${ctx.request.trackingCode}），申请获取“${ctx.request.description}”${ctx.request.documentNumber ? `（文号：${ctx.request.documentNumber}）` : ''}。`;

const office = (ctx: LetterContext) =>
  ctx.agency.disclosureOffice ?? `${ctx.agency.name}政府信息公开工作机构`;

const contactLine = (ctx: LetterContext) =>
  `联系地址：${ctx.agency.address ?? FILL('地址')}；联系电话：${ctx.agency.phone ?? FILL('电话')}。`;

/** 行政复议法第二十条 (60 日), 行政诉讼法第四十六条 (6 个月). */
export function remediesParagraph(ctx: LetterContext, what = '本答复'): string {
  const body = ctx.agency.reconsiderationBody ?? FILL('行政复议机关名称');
  return `如对${what}不服，您可以自收到${what}之日起60日内向${body}申请行政复议（《中华人民共和国行政复议法》第二十条），也可以自知道或者应当知道作出${what === '本答复' ? '该答复' : '该行政行为'}之日起6个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。`;
}

const deliverySentence = (ctx: LetterContext): string => {
  const place = ctx.agency.address ?? FILL('地点');
  if (ctx.request.formWanted === 'inspection') {
    return `请您于工作时间持本答复书和身份证明到${place}当场查阅、抄录`;
  }
  switch (ctx.request.delivery) {
    case 'post':
      return `现将相关政府信息以${ctx.request.formWanted === 'cd' ? '光盘' : '纸质文本'}形式随本答复书邮寄给您`;
    case 'email':
      return '现将相关政府信息以电子文本形式发送至您预留的电子邮箱';
    case 'online':
      return `您可以凭受理编号和查询码在本机关政府信息公开申请平台下载相关政府信息`;
    case 'pick_up':
      return `请您于工作时间持本答复书和身份证明到${place}领取`;
  }
};

/** Why each outcome is answered as it is, with the article that applies (条例第三十六条 and the rest). */
const REPLY_REASONS: Record<OutcomeCode, (ctx: LetterContext) => string[]> = {
  disclosed: (ctx) => [
    `经审查，您申请获取的政府信息属于可以公开的政府信息。根据${REGULATION}第三十六条第（二）项的规定，本机关予以公开，${deliverySentence(ctx)}。`,
  ],
  partially_disclosed: (ctx) => [
    `经审查，您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据${REGULATION}第三十七条的规定，本机关向您提供可以公开的部分，${deliverySentence(ctx)}。`,
    `对不予公开的部分，理由如下：${FILL('不予公开部分的内容及具体理由、依据')}。`,
  ],
  'withheld.state_secret': () => [
    `经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息。根据${REGULATION}第十四条、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.prohibited_by_law': () => [
    `经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息（依据：${FILL('法律、行政法规名称及条款')}）。根据${REGULATION}第十四条、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.security_stability': () => [
    `经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据${REGULATION}第十四条、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.third_party_rights': (ctx) => [
    `经审查，您申请获取的政府信息涉及${FILL('商业秘密、个人隐私等')}，公开会对第三方合法权益造成损害${ctx.thirdPartyObjected ? '；本机关已书面征求第三方意见，第三方不同意公开并说明了理由' : ''}。根据${REGULATION}第十五条、第三十二条、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.internal_affairs': () => [
    `经审查，您申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）。根据${REGULATION}第十六条第一款、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.process_information': () => [
    `经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据${REGULATION}第十六条第二款、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.enforcement_file': () => [
    `经审查，您申请获取的政府信息属于行政执法案卷信息。根据${REGULATION}第十六条第二款、第三十六条第（三）项的规定，本机关不予公开。`,
  ],
  'withheld.administrative_query': () => [
    `经审查，您申请获取的信息属于依照有关法律、行政法规应当通过行政查询途径获取的信息（${FILL('查询事项及依据')}）。根据${REGULATION}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理查询。`,
  ],
  'unavailable.not_held': () => [
    `经检索，本机关未制作或者获取您申请公开的政府信息。根据${REGULATION}第三十六条第（四）项的规定，告知您该政府信息本机关不掌握。`,
    `${FILL('如能确定负责公开该政府信息的行政机关，依照第三十六条第（五）项告知其名称和联系方式；不能确定的，删除本段')}`,
  ],
  'unavailable.needs_creation': () => [
    `经审查，本机关没有您申请获取的现成信息，需要对现有政府信息进行加工、分析才能形成。根据${REGULATION}第三十八条的规定，本机关不予提供。`,
  ],
  'unavailable.still_unclear': (ctx) => [
    `本机关已于${chineseDate(ctx.correction?.requestedOn)}一次性告知您对申请内容作出补正。您补正后，申请内容仍不明确，本机关无法确定您所需的政府信息。根据${REGULATION}第三十条的规定，本机关无法提供。`,
  ],
  'not_processed.petition_complaint': () => [
    `经审查，您提出的申请实为信访、投诉、举报等诉求。根据${REGULATION}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过信访渠道或者12345政务服务便民热线提出。`,
  ],
  'not_processed.duplicate': () => [
    `本机关已于${FILL('原答复日期')}就您申请公开的相同政府信息作出答复，您再次申请公开相同的政府信息。根据${REGULATION}第三十六条第（六）项的规定，本机关不予重复处理。`,
  ],
  'not_processed.publication': () => [
    `经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据${REGULATION}第三十九条第二款的规定，请您通过${FILL('获取途径')}获取。`,
  ],
  'not_processed.excessive': () => [
    `您申请公开政府信息的数量、频次明显超过合理范围。本机关已要求您说明理由，经审查，申请理由不合理。根据${REGULATION}第三十五条的规定，本机关不予处理。`,
  ],
  'not_processed.confirmation': () => [
    `经审查，您要求本机关确认或者重新出具您已经获取的信息，不属于${REGULATION}规定的政府信息公开申请，本机关不予处理。`,
  ],
  'other.correction_lapsed': (ctx) => [
    `本机关已于${chineseDate(ctx.correction?.requestedOn)}告知您补正，补正期限至${chineseDate(ctx.correction?.correctBy)}。您无正当理由逾期未补正。根据${REGULATION}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
  ],
  'other.fee_lapsed': (ctx) => [
    `本机关已向您送达收费通知，缴费期限至${chineseDate(ctx.fee?.payBy)}。您逾期未按收费通知要求缴纳信息处理费。根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
  ],
  'other.other': () => [`${FILL('办理情况及依据')}`],
};

export const REPLY_GROUP_TITLES: Record<string, string> = {
  disclosed: '政府信息公开申请答复书',
  partially_disclosed: '政府信息公开申请答复书（部分公开）',
  withheld: '政府信息公开申请答复书（不予公开）',
  unavailable: '政府信息公开申请答复书（无法提供）',
  not_processed: '政府信息公开申请答复书（不予处理）',
  other: '政府信息公开申请处理告知书',
};

const V = '2026.1';

const replyTemplate = (group: string): LetterTemplate => ({
  key: `reply.${group}`,
  version: V,
  kind: 'reply',
  title: REPLY_GROUP_TITLES[group]!,
  build(ctx) {
    const outcome = ctx.outcome;
    const reasons = outcome ? REPLY_REASONS[outcome](ctx) : [FILL('办理结果及依据')];
    return [
      addressee(ctx),
      received(ctx),
      ...reasons,
      outcome ? `本申请的办理结果：${outcomeLabel(outcome)}。` : '',
      remediesParagraph(ctx),
      `特此告知。${contactLine(ctx)}`,
    ]
      .filter(Boolean)
      .join('\n');
  },
});

export const LETTER_TEMPLATES: readonly LetterTemplate[] = [
  {
    key: 'receipt',
    version: V,
    kind: 'receipt',
    title: '政府信息公开申请登记回执',
    build: (ctx) =>
      [
        addressee(ctx),
        received(ctx),
        `根据${REGULATION}第三十一条的规定，本机关收到申请之日为${chineseDate(ctx.request.receivedOn)}。本机关能够当场答复的当场答复；不能当场答复的，将自收到申请之日起${ANSWER_PERIOD_WORKDAYS}个工作日内（即${chineseDate(ctx.request.dueOn)}前）予以答复。需要延长答复期限的，经${office(ctx)}负责人同意，本机关将告知您，延长的期限最长不超过20个工作日；征求第三方和其他机关意见所需时间不计算在答复期限内（${REGULATION}第三十三条）。`,
        `您可以凭受理编号和登记时告知您的查询码，在本机关政府信息公开申请平台查询办理进度和计时说明。`,
        contactLine(ctx),
      ].join('\n'),
  },
  {
    key: 'correction_notice',
    version: V,
    kind: 'correction_notice',
    title: '政府信息公开申请补正告知书',
    build: (ctx) => {
      const items = ctx.correction?.items.length ? ctx.correction.items : [FILL('需要补正的事项')];
      return [
        addressee(ctx),
        received(ctx),
        `经审查，您的申请内容不明确。根据${REGULATION}第三十条的规定，请您对以下事项作出补正：`,
        ...items.map((item, i) => `${i + 1}. ${item}`),
        `请您于${chineseDate(ctx.correction?.correctBy)}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
        `特此告知。${contactLine(ctx)}`,
      ].join('\n');
    },
  },
  {
    key: 'extension_notice',
    version: V,
    kind: 'extension_notice',
    title: '政府信息公开申请延长答复期限告知书',
    build: (ctx) =>
      [
        addressee(ctx),
        received(ctx),
        `因${ctx.extension?.reason ?? FILL('需要延长答复期限的理由')}，本机关不能在规定期限内作出答复。经${office(ctx)}负责人同意，根据${REGULATION}第三十三条第二款的规定，答复期限延长${ctx.extension?.workdays ?? FILL('天数')}个工作日，本机关将于${chineseDate(ctx.extension?.dueOn)}前作出答复。`,
        `特此告知。${contactLine(ctx)}`,
      ].join('\n'),
  },
  {
    key: 'fee_notice',
    version: V,
    kind: 'fee_notice',
    title: '政府信息公开信息处理费收费通知书',
    build: (ctx) => {
      const fee = ctx.fee;
      const method = fee ? PROCESSING_FEE_METHOD_LABELS[fee.method] : FILL('计收方式');
      const article = fee?.method === 'per_page' ? '第五条' : fee?.method === 'per_piece' ? '第四条' : '';
      return [
        addressee(ctx),
        received(ctx),
        `经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）${article}的规定，本机关决定${method}信息处理费${fee ? `${fee.amountYuan}元` : FILL('金额')}。`,
        ...(fee?.reasons?.length ? ['计算方法：', ...fee.reasons] : []),
        `请您自收到本通知次日起${FEE_PAYMENT_WORKDAYS}个工作日内（即${chineseDate(fee?.payBy)}前）缴纳，缴纳方式：${FILL('缴费方式、收款账户')}。本机关收到费用后继续处理您的申请；您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
        remediesParagraph(ctx, '本收费决定'),
        `特此通知。${contactLine(ctx)}`,
      ].join('\n');
    },
  },
  {
    key: 'third_party_consultation',
    version: V,
    kind: 'third_party_consultation',
    title: '政府信息公开第三方意见征询函',
    build: (ctx) =>
      [
        `${ctx.consultation?.parties.length ? ctx.consultation.parties.join('、') : FILL('第三方名称')}：`,
        `本机关于${chineseDate(ctx.request.receivedOn)}收到政府信息公开申请（受理编号：${ctx.request.trackingCode}），申请获取“${ctx.request.description}”。经审查，该信息的公开可能损害您（单位）的合法权益。根据${REGULATION}第三十二条的规定，现书面征求您（单位）的意见。`,
        `请您（单位）自收到本函之日起${CONSULTATION_WORKDAYS}个工作日内提出书面意见。不同意公开的，请说明理由。逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。`,
        `特此函询。${contactLine(ctx)}`,
      ].join('\n'),
  },
  ...['disclosed', 'partially_disclosed', 'withheld', 'unavailable', 'not_processed', 'other'].map(
    replyTemplate,
  ),
];

/** The template for a letter kind (and, for a reply, the outcome's group). */
export function templateFor(kind: LetterTemplateKind, outcome?: OutcomeCode | null): LetterTemplate {
  const key =
    kind === 'reply'
      ? `reply.${outcome ? (outcome === 'disclosed' || outcome === 'partially_disclosed' ? outcome : outcomeGroupOf(outcome)) : 'disclosed'}`
      : kind;
  const template = LETTER_TEMPLATES.find((t) => t.key === key);
  if (!template) throw new Error(`no letter template ${key}`);
  return template;
}

export function draftLetter(kind: LetterTemplateKind, ctx: LetterContext): LetterDraft {
  const template = templateFor(kind, ctx.outcome ?? null);
  return {
    templateKey: template.key,
    templateVersion: template.version,
    title: template.title,
    body: template.build(ctx),
  };
}
