import { outcomeGroupValue } from './cell-access.ts';
import type { ReportTables } from './cells.ts';
import type { RichText } from './model.ts';

/**
 * A first draft of section 一、总体情况 from the year's figures, for the author to edit: one paragraph in
 * the manner of published reports (张家港市行政审批局 2021: "**主动公开方面**，…；**依申请公开方面**，…").
 * The request figures are worded so that rule R8 reads them back: a draft made from a report's own
 * tables never contradicts them.
 */

/** Outcome counts by printed group (the report's rows （一）–（六）). */
export interface OverviewOutcomeFacts {
  disclosed?: number | null;
  partially_disclosed?: number | null;
  withheld?: number | null;
  unavailable?: number | null;
  not_processed?: number | null;
  other?: number | null;
}

/** Every figure is optional: an absent (undefined or null) figure leaves its clause out. */
export interface OverviewFacts {
  year: number;
  /** Used in the opening sentence; "本机关" when absent. */
  agencyName?: string | null;
  /** 主动公开政府信息（条）. */
  publishedItems?: number | null;
  normativeDocumentsIssued?: number | null;
  licensingDecisions?: number | null;
  penaltyDecisions?: number | null;
  coercionDecisions?: number | null;
  /** 本年新收政府信息公开申请（件）. */
  requestsReceived?: number | null;
  requestsCarriedOver?: number | null;
  /** 本年办结（= 办理结果总计）. */
  requestsClosed?: number | null;
  requestsCarriedForward?: number | null;
  outcomes?: OverviewOutcomeFacts;
  reconsiderations?: number | null;
  litigations?: number | null;
  /** 信息处理费 collected, in 元 (国办函〔2020〕109号), not the 万元 of table 二. */
  processingFeeYuan?: number | null;
}

const OUTCOME_WORDS: Record<keyof OverviewOutcomeFacts, string> = {
  disclosed: '予以公开',
  partially_disclosed: '部分公开',
  withheld: '不予公开',
  unavailable: '无法提供',
  not_processed: '不予处理',
  other: '其他处理',
};

const isKnown = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

function proactiveClause(f: OverviewFacts): string | null {
  const parts: string[] = [];
  if (isKnown(f.publishedItems)) parts.push(`全年主动公开政府信息${formatNumber(f.publishedItems)}条`);
  if (isKnown(f.normativeDocumentsIssued)) {
    parts.push(
      f.normativeDocumentsIssued > 0
        ? `制发行政规范性文件${formatNumber(f.normativeDocumentsIssued)}件`
        : '本年未制发行政规范性文件',
    );
  }
  const decisions = (
    [
      ['行政许可', f.licensingDecisions],
      ['行政处罚', f.penaltyDecisions],
      ['行政强制', f.coercionDecisions],
    ] as const
  ).flatMap(([label, n]) => (isKnown(n) && n > 0 ? [`${label}决定${formatNumber(n)}件`] : []));
  if (decisions.length > 0) parts.push(`公开${decisions.join('、')}`);
  return parts.length > 0 ? `**主动公开方面**，${parts.join('，')}` : null;
}

function requestClause(f: OverviewFacts): string | null {
  const { requestsReceived: received, requestsCarriedOver: carriedOver, requestsClosed: closed } = f;
  if (!isKnown(received)) return null;
  const carriedForward = f.requestsCarriedForward;
  if (received === 0 && (carriedOver ?? 0) === 0 && (closed ?? 0) === 0) {
    return '**依申请公开方面**，本年未收到政府信息公开申请';
  }
  const parts = [`本年新收政府信息公开申请${received}件`];
  if (isKnown(carriedOver)) parts.push(`上年结转${carriedOver}件`);
  if (isKnown(closed)) {
    const outcomes = (Object.keys(OUTCOME_WORDS) as (keyof OverviewOutcomeFacts)[]).flatMap((key) => {
      const n = f.outcomes?.[key];
      return isKnown(n) && n > 0 ? [`${OUTCOME_WORDS[key]}${n}件`] : [];
    });
    parts.push(`办结${closed}件${outcomes.length > 0 ? `（其中${outcomes.join('，')}）` : ''}`);
  }
  if (isKnown(carriedForward)) parts.push(`结转下年度继续办理${carriedForward}件`);
  return `**依申请公开方面**，${parts.join('，')}`;
}

function reviewClause(f: OverviewFacts): string | null {
  const { reconsiderations, litigations } = f;
  if (!isKnown(reconsiderations) && !isKnown(litigations)) return null;
  if ((reconsiderations ?? 0) === 0 && (litigations ?? 0) === 0) {
    return '**行政复议和行政诉讼方面**，本年未发生因政府信息公开工作被申请行政复议或被提起行政诉讼的情况';
  }
  const parts: string[] = [];
  if (isKnown(reconsiderations)) parts.push(`被申请行政复议${reconsiderations}件`);
  if (isKnown(litigations)) parts.push(`被提起行政诉讼${litigations}件`);
  return `**行政复议和行政诉讼方面**，因政府信息公开工作${parts.join('，')}`;
}

function feeClause(f: OverviewFacts): string | null {
  if (!isKnown(f.processingFeeYuan)) return null;
  return f.processingFeeYuan > 0
    ? `**信息处理费方面**，按照《政府信息公开信息处理费管理办法》收取信息处理费${formatNumber(f.processingFeeYuan)}元`
    : '**信息处理费方面**，本年未收取信息处理费';
}

export function draftOverviewSentences(facts: OverviewFacts): RichText {
  const agency = facts.agencyName?.trim() || '本机关';
  const opening =
    `${facts.year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持“公开为常态、不公开为例外”，` +
    '扎实做好主动公开、依申请公开和政府信息管理等各项工作。';
  const clauses = [
    proactiveClause(facts),
    requestClause(facts),
    reviewClause(facts),
    feeClause(facts),
  ].filter((c): c is string => c !== null);
  return clauses.length > 0 ? `${opening}${facts.year}年度，${clauses.join('；')}。` : opening;
}

/** The table figures of a report as overview facts; the author adds publishedItems and the fee. */
export function overviewFactsFromTables(tables: ReportTables): OverviewFacts {
  const s3 = tables.section3;
  const s4 = tables.section4;
  const litigation =
    s4.litigation_direct.total === null || s4.litigation_after_reconsideration.total === null
      ? null
      : s4.litigation_direct.total + s4.litigation_after_reconsideration.total;
  return {
    year: tables.year,
    agencyName: tables.agency,
    normativeDocumentsIssued: tables.section2.normative_document.issued,
    licensingDecisions: tables.section2.licensing.decisions,
    penaltyDecisions: tables.section2.penalty.decisions,
    coercionDecisions: tables.section2.coercion.decisions,
    requestsReceived: s3.new.total,
    requestsCarriedOver: s3.carried_over.total,
    requestsClosed: s3.outcome_total.total,
    requestsCarriedForward: s3.carried_forward.total,
    outcomes: {
      disclosed: s3.disclosed.total,
      partially_disclosed: s3.partially_disclosed.total,
      withheld: outcomeGroupValue(tables, 'withheld', 'total'),
      unavailable: outcomeGroupValue(tables, 'unavailable', 'total'),
      not_processed: outcomeGroupValue(tables, 'not_processed', 'total'),
      other: outcomeGroupValue(tables, 'other', 'total'),
    },
    reconsiderations: s4.reconsideration.total,
    litigations: litigation,
  };
}
