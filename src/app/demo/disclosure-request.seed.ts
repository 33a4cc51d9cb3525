import { randomUUID } from 'node:crypto';
import { addWorkdays, isWorkday, type WorkdayCalendar } from '../../core/calendar/index.ts';
import {
  applyAction,
  INITIAL_REQUEST_STATE,
  type RequestAction,
  type RequestEvent,
  type RequestState,
} from '../../core/disclosure-request/index.ts';
import { openReviewCase } from '../../core/review/index.ts';
import { isDomainError } from '../../core/shared/domain-error.ts';
import { computeUnifiedSocialCreditCheck } from '../../core/shared/identity-codes.ts';
import { addDays, type LocalDate } from '../../core/shared/local-date.ts';
import type { StaffRole } from '../../core/staff/index.ts';
import { inTransaction, type Repositories } from '../../db/repositories/index.ts';
import { calendarOf, findRepeatHints } from '../disclosure-request/request-access.ts';
import {
  foldCache,
  generateLookupSecret,
  generateTrackingCode,
  hashLookupSecret,
  todayOf,
} from '../disclosure-request/request-fold.ts';
import type { AppDeps } from '../shared/deps.ts';
import type { DemoContext, DemoSeeder } from './demo-seeders.ts';

/**
 * Demo disclosure requests. 张家港市行政审批局 gets its 2021 requests as the seed report tells them
 * (two natural persons, both answered 本机关不掌握相关政府信息), as real records built through the
 * transition table; and a handful of open requests around today (the real clock at seed time, moved
 * back when the calendar does not reach far enough) so that the dashboard, the 计时说明 and the
 * 第四十四条 proposals have something to show. Names, numbers and phones are made up.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number with its GB 11643 check character, for made-up demo applicants. */
function residentId(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * ID_WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

function creditCode(first17: string): string {
  return first17 + computeUnifiedSocialCreditCheck(first17)!;
}

interface Step {
  by: 'clerk' | 'reviewer';
  action: RequestAction;
}

interface DemoRequest {
  agencyKey: string;
  applicantType: string;
  applicantName: string;
  identityDocumentKind: 'resident_id' | 'unified_social_credit_code';
  identityNumber: string;
  contactPerson?: string;
  phone: string;
  email?: string;
  postalAddress?: string;
  description: string;
  formWanted: 'paper' | 'email' | 'cd' | 'inspection';
  delivery: 'post' | 'pick_up' | 'email' | 'online';
  channel: 'in_person' | 'post' | 'online' | 'fax' | 'email' | 'oral';
  /** Online submissions: the day submitted (and, when confirmed, the `receive` step). */
  submittedOn?: LocalDate;
  steps: Step[];
  review?: { kind: 'reconsideration'; body: string; receivedOn: LocalDate };
}

const CLERKS: Record<string, { clerk: string; reviewer: string | null }> = {
  approval_bureau: { clerk: 'spj.clerk', reviewer: 'spj.reviewer' },
  tangqiao: { clerk: 'tq.clerk', reviewer: null },
};

const ROLES: Record<Step['by'], StaffRole[]> = { clerk: ['clerk'], reviewer: ['reviewer'] };

function workdaysBefore(calendar: WorkdayCalendar, date: LocalDate, n: number): LocalDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, -1);
    if (isWorkday(calendar, day)) counted++;
  }
  return day;
}

function isCovered(calendar: WorkdayCalendar, from: LocalDate, workdays: number): boolean {
  try {
    addWorkdays(calendar, from, workdays);
    workdaysBefore(calendar, from, 40);
    return true;
  } catch (error) {
    if (isDomainError(error) && error.code === 'calendar_year_missing') return false;
    throw error;
  }
}

/**
 * The day the current-period requests are built around: today, or the latest earlier day whose
 * answer periods (20 workdays, a little more while paused) the loaded calendar covers. Null when no
 * such day is near.
 */
function anchorDay(calendar: WorkdayCalendar, today: LocalDate): LocalDate | null {
  for (let day = today, tries = 0; tries < 60; tries++, day = addDays(day, -7)) {
    if (isCovered(calendar, day, 22)) return day;
  }
  return null;
}

async function insertDemoRequest(
  repos: Repositories,
  context: DemoContext,
  calendar: WorkdayCalendar,
  today: LocalDate,
  demo: DemoRequest,
): Promise<void> {
  const agencyId = context.agencyIdByKey.get(demo.agencyKey)!;
  const staff = CLERKS[demo.agencyKey]!;
  const idOf = (by: Step['by']) =>
    context.staffIdByUsername.get(by === 'reviewer' && staff.reviewer ? staff.reviewer : staff.clerk) ?? null;
  let state: RequestState = INITIAL_REQUEST_STATE;
  const events: RequestEvent[] = [];
  for (const step of demo.steps) {
    const result = applyAction(state, step.action, {
      roles: ROLES[step.by],
      actorId: idOf(step.by),
      today,
      calendar,
    });
    if (!result.ok) throw new Error(`demo request “${demo.description}”: ${result.error.message}`);
    state = result.value.state;
    events.push(...result.value.events);
  }
  const registeredOn = events[0]?.on ?? demo.submittedOn ?? today;
  const trackingCode = generateTrackingCode(registeredOn);
  const repeatHints = await findRepeatHints(repos, {
    agencyId,
    identityNumber: demo.identityNumber,
    applicantName: demo.applicantName,
    description: demo.description,
    on: registeredOn,
  });
  const id = await repos.disclosureRequests.insert({
    agencyId,
    trackingCode,
    lookupSecretHash: hashLookupSecret(trackingCode, generateLookupSecret()),
    applicantType: demo.applicantType,
    applicantName: demo.applicantName,
    identityDocumentKind: demo.identityDocumentKind,
    identityDocumentName: null,
    identityNumber: demo.identityNumber,
    contactPerson: demo.contactPerson ?? null,
    phone: demo.phone,
    email: demo.email ?? null,
    postalAddress: demo.postalAddress ?? null,
    postalCode: demo.postalAddress ? '215600' : null,
    description: demo.description,
    documentNumber: null,
    formWanted: demo.formWanted,
    delivery: demo.delivery,
    needsAssistance: false,
    pieces: 1,
    channel: demo.channel,
    submittedAt: demo.submittedOn ? new Date(`${demo.submittedOn}T10:00:00+08:00`) : null,
    note: '演示数据',
    assignedStaffId: events.length > 0 ? idOf('clerk') : null,
    repeatHints,
  });
  await repos.disclosureRequests.appendEvents(id, agencyId, 1, events);
  const { cache } = foldCache(events, calendar, today);
  await repos.disclosureRequests.updateCache(id, 1, cache);
  if (demo.review) {
    const closing = events.findLastIndex((e) => e.kind === 'replied');
    const opened = openReviewCase(
      {
        id: randomUUID(),
        request: { id, closedOn: events[closing]?.on ?? null },
        kind: demo.review.kind,
        body: demo.review.body,
        receivedOn: demo.review.receivedOn,
      },
      { roles: ['clerk'], today },
    );
    if (!opened.ok) throw new Error(`demo review case: ${opened.error.message}`);
    await repos.reviewCases.insert({
      ...opened.value,
      agencyId,
      contestedEventSeq: closing + 1,
      createdBy: idOf('clerk'),
    });
  }
}

/** The two 2021 requests of the seed report (section 三: 新收 2, 本机关不掌握 2, both natural persons). */
function requestsOf2021(): DemoRequest[] {
  return [
    {
      agencyKey: 'approval_bureau',
      applicantType: 'natural_person',
      applicantName: '王建国',
      identityDocumentKind: 'resident_id',
      identityNumber: residentId('32058219750314201'),
      phone: '13800000101',
      postalAddress: '江苏省张家港市杨舍镇（演示地址）',
      description: '某化工企业2015年环境影响评价报告书的审批文件及批复',
      formWanted: 'paper',
      delivery: 'post',
      channel: 'in_person',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'in_person', handedInOn: '2021-03-15' } },
        { by: 'clerk', action: { type: 'reply', outcome: 'unavailable.not_held', on: '2021-03-26' } },
      ],
    },
    {
      agencyKey: 'approval_bureau',
      applicantType: 'natural_person',
      applicantName: '李秀英',
      identityDocumentKind: 'resident_id',
      identityNumber: residentId('32058219680721302'),
      phone: '13800000102',
      postalAddress: '江苏省张家港市塘桥镇（演示地址）',
      description: '本人房屋所在地块2008年的拆迁安置补偿方案',
      formWanted: 'paper',
      delivery: 'post',
      channel: 'post',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'post', signedForOn: '2021-08-09' } },
        { by: 'clerk', action: { type: 'reply', outcome: 'unavailable.not_held', on: '2021-08-20' } },
      ],
    },
  ];
}

/** Open and recent requests around `anchor`, one in each situation the dashboard distinguishes. */
function requestsAround(calendar: WorkdayCalendar, anchor: LocalDate, today: LocalDate): DemoRequest[] {
  const before = (n: number) => workdaysBefore(calendar, anchor, n);
  const person = (n: number, name: string, birth: string) => ({
    applicantType: 'natural_person',
    applicantName: name,
    identityDocumentKind: 'resident_id' as const,
    identityNumber: residentId(`320582${birth}${String(n).padStart(3, '0')}`),
    phone: `138000002${String(n).padStart(2, '0')}`,
  });
  const budget = '张家港市行政审批局2026年度部门预算及“三公”经费预算';
  return [
    {
      agencyKey: 'approval_bureau',
      ...person(1, '赵敏', '19900105'),
      postalAddress: '江苏省张家港市金港街道（演示地址）',
      description: budget,
      formWanted: 'paper',
      delivery: 'post',
      channel: 'in_person',
      steps: [{ by: 'clerk', action: { type: 'receive', channel: 'in_person', handedInOn: before(24) } }],
    },
    {
      agencyKey: 'approval_bureau',
      ...person(2, '钱伟', '19851230'),
      email: 'qianwei@example.cn',
      description: '行政审批局2026年部门预算和三公经费预算',
      formWanted: 'email',
      delivery: 'email',
      channel: 'online',
      submittedOn: before(17),
      steps: [{ by: 'clerk', action: { type: 'receive', channel: 'online', confirmedOn: before(17) } }],
    },
    {
      agencyKey: 'approval_bureau',
      applicantType: 'commercial_enterprise',
      applicantName: '张家港市港城建材有限公司',
      identityDocumentKind: 'unified_social_credit_code',
      identityNumber: creditCode('91320582MA1XYZ001'),
      contactPerson: '孙丽',
      phone: '0512-58000301',
      postalAddress: '江苏省张家港市经济技术开发区（演示地址）',
      description: '张家港市行政审批局2026年部门预算（含三公经费预算）',
      formWanted: 'paper',
      delivery: 'pick_up',
      channel: 'post',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'post', signedForOn: before(10) } },
        {
          by: 'clerk',
          action: {
            type: 'start_third_party_consultation',
            parties: ['张家港市某房地产开发有限公司'],
            on: before(5),
          },
        },
      ],
    },
    {
      agencyKey: 'approval_bureau',
      ...person(4, '周强', '19780808'),
      postalAddress: '江苏省张家港市锦丰镇（演示地址）',
      description: '有关那个项目的文件',
      formWanted: 'paper',
      delivery: 'post',
      channel: 'post',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'post', signedForOn: before(3) } },
        {
          by: 'clerk',
          action: {
            type: 'request_correction',
            items: ['请写明所需信息的名称、文号或者项目名称、年份等特征性描述'],
            correctBy: addDays(anchor, 14),
            on: before(1),
          },
        },
      ],
    },
    {
      agencyKey: 'approval_bureau',
      ...person(5, '吴芳', '19920416'),
      email: 'wufang@example.cn',
      description: '2025年度张家港市建设工程施工许可证核发情况统计',
      formWanted: 'email',
      delivery: 'email',
      channel: 'email',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'email', confirmedOn: before(15) } },
        {
          by: 'clerk',
          action: {
            type: 'request_extension',
            workdays: 15,
            reason: '所需信息涉及多个科室的档案，需要逐一检索',
            on: before(1),
          },
        },
      ],
    },
    {
      agencyKey: 'approval_bureau',
      ...person(6, '郑浩', '19880220'),
      postalAddress: '江苏省张家港市杨舍镇（演示地址）',
      description: '2020年至2025年全部行政许可决定书（共约250页）',
      formWanted: 'paper',
      delivery: 'post',
      channel: 'in_person',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'in_person', handedInOn: before(12) } },
        {
          by: 'clerk',
          action: { type: 'issue_fee_notice', amountYuan: 4700, method: 'per_page', on: before(2) },
        },
      ],
    },
    {
      agencyKey: 'approval_bureau',
      ...person(7, '冯军', '19700612'),
      postalAddress: '江苏省张家港市乐余镇（演示地址）',
      description: '某物流园项目的建设工程规划许可证及附图',
      formWanted: 'paper',
      delivery: 'post',
      channel: 'in_person',
      steps: [
        { by: 'clerk', action: { type: 'receive', channel: 'in_person', handedInOn: before(30) } },
        { by: 'clerk', action: { type: 'reply', outcome: 'partially_disclosed', on: before(12) } },
      ],
      review: { kind: 'reconsideration', body: '张家港市人民政府', receivedOn: before(5) },
    },
    {
      agencyKey: 'approval_bureau',
      applicantType: 'legal_service_org',
      applicantName: '江苏港城律师事务所',
      identityDocumentKind: 'unified_social_credit_code',
      identityNumber: creditCode('31320000MD0012345'),
      contactPerson: '陈律师',
      phone: '0512-58000801',
      email: 'lawyer@example.cn',
      description: '张家港市行政审批局2025年行政许可实施情况年度报告',
      formWanted: 'email',
      delivery: 'email',
      channel: 'online',
      submittedOn: today,
      steps: [],
    },
    {
      agencyKey: 'tangqiao',
      ...person(9, '褚红梅', '19650930'),
      postalAddress: '江苏省张家港市塘桥镇（演示地址）',
      description: '塘桥镇2026年农村宅基地审批结果',
      formWanted: 'paper',
      delivery: 'pick_up',
      channel: 'in_person',
      steps: [{ by: 'clerk', action: { type: 'receive', channel: 'in_person', handedInOn: before(8) } }],
    },
  ];
}

export const seedDemoDisclosureRequests: DemoSeeder = async (deps: AppDeps, context: DemoContext) => {
  const today = todayOf(deps);
  await inTransaction(deps.db, async (repos) => {
    const calendar = await calendarOf(repos);
    const demos = requestsOf2021();
    const anchor = anchorDay(calendar, today);
    if (anchor) demos.push(...requestsAround(calendar, anchor, today));
    for (const demo of demos) await insertDemoRequest(repos, context, calendar, today, demo);
    await repos.auditLog.append({
      actorStaffId: null,
      actorLabel: '系统初始化（演示数据）',
      agencyId: context.agencyIdByKey.get('approval_bureau') ?? null,
      action: 'disclosure_request.demo_seeded',
      entityType: 'disclosure_request',
      entityId: null,
      newValue: { requests: demos.length, anchor },
    });
  });
};
