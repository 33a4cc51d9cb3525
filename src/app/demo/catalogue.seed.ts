import {
  DEFAULT_INDEX_NUMBER_PATTERN,
  type DecisionInput,
  type DocumentType,
  type EntryContentFields,
  formatIndexNumber,
  parseIndexNumberPattern,
} from '../../core/catalogue/index.ts';
import { computeUnifiedSocialCreditCheck } from '../../core/shared/identity-codes.ts';
import { addDays, dayOfWeek, type LocalDate, localDateInChina } from '../../core/shared/local-date.ts';
import { createRepositories, inTransaction } from '../../db/repositories/index.ts';
import { entryTokens } from '../catalogue/entry-access.ts';
import { invalidateSearchCache } from '../catalogue/search-cache.ts';
import type { AppDeps } from '../shared/deps.ts';
import type { DemoContext } from './demo-seeders.ts';

/**
 * The demo 行政审批局's 2021 proactive disclosure, at the seed report's volume: 43,850 licensing
 * decisions (43,329 企业开办类, 521 基本建设类) and 270 items on the website, so that section 二 of its
 * 2021 report is computed (行政许可 43850; no 规章 or 规范性文件; no fees), and a few current drafts
 * for the timeliness lists. Everything is deterministic: the same rows on every start, and
 * `gongkai import example` writes exactly these decisions (importing that file adds nothing).
 */

export const DEMO_YEAR = 2021;
export const DEMO_ENTERPRISE_DECISIONS = 43_329;
export const DEMO_CONSTRUCTION_DECISIONS = 521;
export const DEMO_WEBSITE_ITEMS = 270;

/** A small deterministic generator (mulberry32), so the demo is the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

/** Parts of the generated company names (the demo's, and the import benchmark's). */
export const NAME_FIRST =
  '恒泰永兴华盛宏达鑫源嘉瑞天成富港沙洲暨阳凤凰塘桥锦丰乐余南丰金港杨舍大新常阴德信中和汇通';
export const NAME_SECOND = '通达昌隆茂晟辉远润泽祥安博创新凯越丰德佳美科正源合利信诚宇航亿智联';
export const TRADES = [
  '贸易',
  '科技',
  '机械',
  '纺织',
  '建材',
  '电子',
  '物流',
  '餐饮管理',
  '服饰',
  '化工',
  '五金',
  '装饰工程',
  '信息技术',
  '新材料',
  '食品',
  '汽车服务',
  '文化传媒',
  '环保科技',
  '精密模具',
  '医疗器械',
];
const ENTERPRISE_FORMS = [
  { matter: '有限责任公司设立登记', suffix: '有限公司', weight: 0.78 },
  { matter: '个人独资企业设立登记', suffix: '商行', weight: 0.1 },
  { matter: '分公司设立登记', suffix: '有限公司张家港分公司', weight: 0.07 },
  { matter: '合伙企业设立登记', suffix: '企业（有限合伙）', weight: 0.03 },
  { matter: '农民专业合作社设立登记', suffix: '专业合作社', weight: 0.02 },
];
const CONSTRUCTION_MATTERS = [
  { matter: '建设工程规划许可证核发', basis: '《中华人民共和国城乡规划法》第四十条' },
  { matter: '建筑工程施工许可证核发', basis: '《中华人民共和国建筑法》第七条' },
  { matter: '建设用地规划许可证核发', basis: '《中华人民共和国城乡规划法》第三十七条' },
  { matter: '市政设施建设类审批', basis: '《城市道路管理条例》第二十九条' },
];
const PROJECTS = [
  '厂房',
  '综合楼',
  '住宅小区',
  '研发楼',
  '仓储用房',
  '道路改造工程',
  '污水管网工程',
  '商业用房',
];
function pickWeighted<T extends { weight: number }>(roll: number, items: readonly T[]): T {
  let rest = roll;
  for (const item of items) {
    rest -= item.weight;
    if (rest < 0) return item;
  }
  return items[0]!;
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 for the n-th generated company (GB 32100 check character). */
export function demoCreditCode(serial: number): string {
  let n = serial;
  let body = '';
  for (let i = 0; i < 7; i++) {
    body = USCC_BODY[n % 31]! + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91320582MA${body}`;
  return first17 + computeUnifiedSocialCreditCheck(first17)!;
}

/** The workdays of 2021 (weekends off; the demo does not need holiday precision for dates). */
function weekdaysOf(year: number): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = `${year}-01-04`; day <= `${year}-12-31`; day = addDays(day, 1)) {
    const weekday = dayOfWeek(day);
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/** Publication a few days after the decision; about one in fifty late — the report's stated weakness. */
function publicationOf(next: () => number, decidedOn: LocalDate): LocalDate {
  const late = next() < 0.02;
  return addDays(decidedOn, late ? 29 + Math.floor(next() * 20) : 1 + Math.floor(next() * 9));
}

/** The demo bureau's 2021 decisions, in decision-date order. */
export function demoDecisions(): DecisionInput[] {
  const next = random(2021);
  const days = weekdaysOf(DEMO_YEAR);
  const rows: DecisionInput[] = [];
  for (let i = 0; i < DEMO_ENTERPRISE_DECISIONS; i++) {
    const decidedOn = days[Math.floor((i * days.length) / DEMO_ENTERPRISE_DECISIONS)]!;
    const form = pickWeighted(next(), ENTERPRISE_FORMS);
    const name = `张家港${pick(next, [...NAME_FIRST])}${pick(next, [...NAME_SECOND])}${pick(next, TRADES)}${form.suffix}`;
    rows.push({
      kind: 'licensing',
      documentNumber: `张审批企〔${DEMO_YEAR}〕${String(i + 1).padStart(5, '0')}号`,
      title: `${name}${form.matter.slice(-4)}`,
      matterName: form.matter,
      matterCategory: '企业开办类',
      counterpartyName: name,
      counterpartyCode: demoCreditCode(i + 1),
      decidedOn,
      validFrom: decidedOn,
      validUntil: null,
      publishedOn: publicationOf(next, decidedOn),
      content: `准予${form.matter}`,
      basis: '《中华人民共和国市场主体登记管理条例》',
      amountYuan: null,
    });
  }
  for (let i = 0; i < DEMO_CONSTRUCTION_DECISIONS; i++) {
    const decidedOn = days[Math.floor((i * days.length) / DEMO_CONSTRUCTION_DECISIONS)]!;
    const matter = pick(next, CONSTRUCTION_MATTERS);
    const developer = `张家港${pick(next, [...NAME_FIRST])}${pick(next, [...NAME_SECOND])}${pick(next, ['房地产开发', '建设发展', '置业', '实业'])}有限公司`;
    const project = `${pick(next, ['杨舍', '塘桥', '金港', '锦丰', '乐余', '南丰', '凤凰', '大新', '常阴沙'])}${pick(next, PROJECTS)}`;
    rows.push({
      kind: 'licensing',
      documentNumber: `张审建许〔${DEMO_YEAR}〕${String(i + 1).padStart(4, '0')}号`,
      title: `${developer}${project}${matter.matter}`,
      matterName: matter.matter,
      matterCategory: '基本建设类',
      counterpartyName: developer,
      counterpartyCode: demoCreditCode(900_000 + i),
      decidedOn,
      validFrom: decidedOn,
      validUntil: addDays(decidedOn, 364),
      publishedOn: publicationOf(next, decidedOn),
      content: `准予${matter.matter}（${project}）`,
      basis: matter.basis,
      amountYuan: null,
    });
  }
  return rows.sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0));
}

interface DemoItem {
  fields: EntryContentFields;
  publishedOn: LocalDate;
}

const BUREAU = '张家港市行政审批局';
const MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function item(
  title: string,
  formedOn: LocalDate,
  publishedOn: LocalDate,
  category: string,
  documentType: DocumentType,
  extra: Partial<EntryContentFields> = {},
): DemoItem {
  return {
    fields: {
      title,
      summary: null,
      body: null,
      issuingAgencyName: BUREAU,
      documentNumber: null,
      formedOn,
      category,
      documentType,
      topic: null,
      validity: 'in_force',
      validityChangedOn: null,
      repealedBy: null,
      ...extra,
    },
    publishedOn,
  };
}

const NOTICES: [string, string][] = [
  ['关于调整市政务服务中心窗口服务时间的通告', 'a20_02'],
  ['关于印发《张家港市企业开办“一件事”改革实施方案》的通知', 'a20_05'],
  ['关于进一步深化“不见面审批”服务的通知', 'a20_05'],
  ['关于公布市级行政许可事项清单的通知', 'a20_05'],
  ['关于做好疫情防控期间政务服务工作的通告', 'a20_12'],
  ['关于开展政务服务“好差评”工作的通知', 'a20_05'],
  ['关于印发《市政务服务中心窗口工作人员管理办法》的通知', 'a20_02'],
  ['关于公布行政审批中介服务事项清单的通知', 'a20_05'],
  ['关于推行工程建设项目审批“一网通办”的通知', 'a20_10'],
  ['关于印发《2021年政务公开工作要点》的通知', 'a20_15'],
];
const NEWS: [string, string][] = [
  ['市行政审批局召开“放管服”改革推进会', 'a20_05'],
  ['政务服务中心开展“好差评”满意度回访', 'a20_05'],
  ['企业开办实现“一窗受理、一日办结”', 'a20_05'],
  ['工程建设项目审批制度改革取得新进展', 'a20_10'],
  ['市政务服务中心推出“周末不打烊”服务', 'a20_02'],
  ['镇级为民服务中心业务培训会召开', 'a20_05'],
  ['“一网通办”事项办事指南完成梳理', 'a20_05'],
  ['政务公开体验区投入使用', 'a21_c02'],
  ['开展政府信息公开工作培训', 'a20_15'],
  ['重点建设项目“拿地即开工”服务落地', 'a20_10'],
];

/** The bureau's 270 website items of 2021, in publication order. */
export function demoWebsiteItems(): DemoItem[] {
  const next = random(270);
  const items: DemoItem[] = [];
  const lag = (formedOn: LocalDate) =>
    addDays(formedOn, next() < 0.08 ? 30 + Math.floor(next() * 15) : 1 + Math.floor(next() * 10));
  for (let m = 1; m <= 12; m++) {
    const month = String(m).padStart(2, '0');
    const formedOn = m === 12 ? '2021-12-31' : addDays(`2021-${String(m + 1).padStart(2, '0')}-01`, -1);
    items.push(
      item(
        `2021年${MONTHS[m - 1]}月企业开办类行政许可办理结果公示`,
        formedOn,
        lag(formedOn),
        'a20_05',
        'notice',
        {
          summary: `公示${DEMO_YEAR}年${m}月办结的企业开办类行政许可（企业设立登记）决定。`,
          topic: '行政许可',
        },
      ),
      item(
        `2021年${MONTHS[m - 1]}月基本建设类行政许可办理结果公示`,
        formedOn,
        lag(formedOn),
        'a20_05',
        'notice',
        {
          summary: `公示${DEMO_YEAR}年${m}月办结的建设工程规划、施工等基本建设类行政许可决定。`,
          topic: '行政许可',
        },
      ),
      item(`${DEMO_YEAR}年${month}月政务服务“好差评”情况通报`, formedOn, lag(formedOn), 'a20_05', 'notice', {
        topic: '政务服务',
      }),
    );
  }
  // 40 documents of the bureau, numbered 张审批〔2021〕1号…40号.
  for (let n = 1; n <= 40; n++) {
    const [title, category] = NOTICES[(n - 1) % NOTICES.length]!;
    const formedOn = addDays('2021-01-08', Math.floor(((n - 1) * 350) / 40));
    items.push(
      item(
        n <= NOTICES.length ? title : `${title}（第${Math.ceil(n / NOTICES.length)}批）`,
        formedOn,
        lag(formedOn),
        category,
        'notice',
        {
          documentNumber: `张审批〔${DEMO_YEAR}〕${n}号`,
          topic: '通知公告',
        },
      ),
    );
  }
  // 政策文件、政策解读、图解政策共 10 次 (the report's own count).
  const policies: [string, DocumentType][] = [
    ['《张家港市优化营商环境提升行动方案》', 'policy_document'],
    ['《张家港市优化营商环境提升行动方案》政策解读', 'policy_interpretation'],
    ['图解：《张家港市优化营商环境提升行动方案》', 'graphic_interpretation'],
    ['《企业开办全程网办操作指引》', 'policy_document'],
    ['《企业开办全程网办操作指引》政策解读', 'policy_interpretation'],
    ['图解：企业开办全程网办', 'graphic_interpretation'],
    ['《工程建设项目审批制度改革实施细则》', 'policy_document'],
    ['《工程建设项目审批制度改革实施细则》政策解读', 'policy_interpretation'],
    ['《政务服务事项容缺受理办法》', 'policy_document'],
    ['《政务服务事项容缺受理办法》政策解读', 'policy_interpretation'],
  ];
  policies.forEach(([title, type], i) => {
    const formedOn = addDays('2021-03-01', Math.floor(i / 3) * 60);
    items.push(item(title, formedOn, addDays(formedOn, 3), 'a20_01', type, { topic: '政策文件' }));
  });
  items.push(
    item('张家港市行政审批局2021年部门预算', '2021-02-05', '2021-02-10', 'a20_07', 'other', {
      topic: '财政预算',
    }),
    item('张家港市行政审批局2020年部门决算', '2021-08-20', '2021-08-27', 'a20_07', 'other', {
      topic: '财政决算',
    }),
    item('张家港市行政审批局机构职能', '2021-01-05', '2021-01-06', 'a20_02', 'other', { topic: '机构职能' }),
    item('张家港市行政审批局2020年政府信息公开工作年度报告', '2021-01-25', '2021-01-29', 'a20_15', 'other', {
      topic: '年度报告',
    }),
  );
  // News and work updates fill the year up to 270.
  for (let i = 0; items.length < DEMO_WEBSITE_ITEMS; i++) {
    const [title, category] = NEWS[i % NEWS.length]!;
    const formedOn = addDays('2021-01-06', Math.floor((i * 355) / 180));
    items.push(
      item(
        i < NEWS.length ? title : `${MONTHS[Number(formedOn.slice(5, 7)) - 1]}月工作动态：${title}`,
        formedOn,
        lag(formedOn),
        category,
        'other',
        { topic: '工作动态' },
      ),
    );
  }
  return items
    .map((it) => (it.publishedOn > '2021-12-31' ? { ...it, publishedOn: '2021-12-31' } : it))
    .sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
}

const SEED_ACTOR = '系统初始化（演示数据）';

export async function seedDemoCatalogue(deps: AppDeps, context: DemoContext): Promise<void> {
  const agencyId = context.agencyIdByKey.get('approval_bureau');
  if (!agencyId) return;
  const repos = createRepositories(deps.db);
  const agency = await repos.agencies.findById(agencyId);
  if (!agency) return;
  const rule = parseIndexNumberPattern(DEFAULT_INDEX_NUMBER_PATTERN);
  if (!rule.ok) throw new Error(rule.error.message);

  // Decisions in batches: each INSERT … SELECT FROM unnest carries 5,000 rows as 15 array parameters.
  const decisions = demoDecisions();
  for (let i = 0; i < decisions.length; i += 5000) {
    await repos.decisions.insertMany(agencyId, decisions.slice(i, i + 5000));
  }

  const items = demoWebsiteItems();
  const rows = items.map((it, i) => {
    const indexNumber = formatIndexNumber(rule.value, {
      agencyCode: agency.code,
      publishedOn: it.publishedOn,
      serial: i + 1,
    });
    if (!indexNumber.ok) throw new Error(indexNumber.error.message);
    return {
      agencyId,
      fields: it.fields,
      tokens: entryTokens(it.fields, { agencyCode: agency.code, publishedOn: it.publishedOn }),
      indexNumber: indexNumber.value,
      publishedOn: it.publishedOn,
    };
  });
  const clerk = context.staffIdByUsername.get('spj.clerk') ?? null;
  await inTransaction(deps.db, async (trx) => {
    for (let i = 0; i < rows.length; i += 100)
      await trx.catalogue.insertPublishedEntries(rows.slice(i, i + 100));
    await trx.catalogue.raiseSerialTo(agencyId, String(DEMO_YEAR), rows.length);
    // Interpretations linked to the documents they explain.
    const published = await trx.catalogue.list({
      scope: { kind: 'own', agencyId },
      documentType: undefined,
      limit: 1000,
      offset: 0,
    });
    const byTitle = new Map(published.entries.map((e) => [e.title, e]));
    for (const [document, interpretation, kind] of [
      [
        '《张家港市优化营商环境提升行动方案》',
        '《张家港市优化营商环境提升行动方案》政策解读',
        'policy_interpretation',
      ],
      [
        '《张家港市优化营商环境提升行动方案》',
        '图解：《张家港市优化营商环境提升行动方案》',
        'graphic_interpretation',
      ],
      ['《企业开办全程网办操作指引》', '《企业开办全程网办操作指引》政策解读', 'policy_interpretation'],
      ['《企业开办全程网办操作指引》', '图解：企业开办全程网办', 'graphic_interpretation'],
      [
        '《工程建设项目审批制度改革实施细则》',
        '《工程建设项目审批制度改革实施细则》政策解读',
        'policy_interpretation',
      ],
      ['《政务服务事项容缺受理办法》', '《政务服务事项容缺受理办法》政策解读', 'policy_interpretation'],
    ] as const) {
      const doc = byTitle.get(document);
      const interp = byTitle.get(interpretation);
      if (doc && interp) {
        await trx.catalogue.insertLink({ agencyId, entryId: doc.id, interpretationId: interp.id, kind });
      }
    }

    // Current work for the timeliness lists: one draft due, one overdue, one in review.
    const today = localDateInChina(deps.clock.now());
    const current = [
      item(
        `关于公布${today.slice(0, 4)}年度政务服务事项目录的通知`,
        addDays(today, -5),
        today,
        'a20_05',
        'notice',
        { documentNumber: `张审批〔${today.slice(0, 4)}〕3号` },
      ),
      item('关于调整企业开办窗口设置的通告', addDays(today, -40), today, 'a20_02', 'notice'),
      item('市政务服务中心第一季度办件情况通报', addDays(today, -12), today, 'a20_05', 'other'),
    ];
    for (const [i, draft] of current.entries()) {
      const entry = await trx.catalogue.insertEntry(
        agencyId,
        draft.fields,
        entryTokens(draft.fields, { agencyCode: agency.code, publishedOn: null }),
        clerk,
      );
      if (i === 2) await trx.catalogue.changeStatus(entry.id, entry.version, { status: 'in_review' });
    }
    await trx.auditLog.append({
      actorStaffId: null,
      actorLabel: SEED_ACTOR,
      agencyId,
      action: 'catalogue.seeded',
      entityType: 'agency',
      entityId: agencyId,
      newValue: { decisions: decisions.length, entries: rows.length + current.length },
    });
  });
  invalidateSearchCache();
}
