import type { Section2 } from '../annual-report/cells.ts';
import type { LocalDate } from '../shared/local-date.ts';
import type { DecisionKind } from './decision.ts';
import type { Validity } from './entry.ts';

/**
 * Section 二 of the annual report (国办公开办函〔2021〕30号, the four tables of 条例第二十条第（一）（五）
 * （六）（八）项) as a pure fold over the facts one repository gathers for (agency, year):
 *
 * - 规章 / 行政规范性文件, from published catalogue entries of that 体裁 (withdrawn entries are not
 *   counted: they were retracted from publication):
 *   - 本年制发件数: formed (成文日期) in the year;
 *   - 本年废止件数: repealed (废止) with a repeal date in the year — a document that lapsed by its own
 *     term (失效) was not repealed and is not counted here;
 *   - 现行有效件数: formed by 31 December and neither repealed nor lapsed by then.
 * - 行政许可 / 行政处罚 / 行政强制 本年处理决定数量: decisions dated (决定日期) in the year.
 * - 行政事业性收费 本年收费金额: the year's collection records, in 万元 (1 万元 = 10,000 元), rounded
 *   half up to 4 decimals, i.e. exact to the 元.
 *
 * Every cell carries what is behind it: the entry or fee ids, or for the bulky decisions the filter
 * that lists them (43,850 ids do not belong in a report).
 */

export interface Section2DocumentFact {
  id: string;
  documentType: 'rule' | 'normative_document';
  formedOn: LocalDate;
  validity: Validity;
  validityChangedOn: LocalDate | null;
}

export interface Section2Facts {
  agencyId: string;
  year: number;
  documents: readonly Section2DocumentFact[];
  /** Decisions dated in the year, counted by kind (the repository groups them). */
  decisionCounts: readonly { kind: DecisionKind; count: number }[];
  /** Fee collection records of the year. */
  fees: readonly { id: string; amountYuan: number }[];
}

export type Section2DrillDownRef =
  | { source: 'catalogue_entry'; ids: string[] }
  | {
      source: 'decision';
      count: number;
      filter: { agencyId: string; kind: DecisionKind; decidedFrom: LocalDate; decidedTo: LocalDate };
    }
  | { source: 'administrative_fee'; ids: string[] };

export interface Section2DrillDown {
  rule: { issued: Section2DrillDownRef; repealed: Section2DrillDownRef; in_force: Section2DrillDownRef };
  normative_document: {
    issued: Section2DrillDownRef;
    repealed: Section2DrillDownRef;
    in_force: Section2DrillDownRef;
  };
  licensing: { decisions: Section2DrillDownRef };
  penalty: { decisions: Section2DrillDownRef };
  coercion: { decisions: Section2DrillDownRef };
  administrative_fee: { amount_wan_yuan: Section2DrillDownRef };
}

export interface Section2Feed {
  year: number;
  section2: Section2;
  drillDown: Section2DrillDown;
}

/** 元 → 万元 without binary rounding drift: summed in 分, rounded half up to 4 decimals. */
export function yuanToWanYuan(amountsYuan: Iterable<number>): number {
  let fen = 0;
  for (const amount of amountsYuan) fen += Math.round(amount * 100);
  // 1 万元 = 1,000,000 分; keep 4 decimals of 万元 = whole 元 (100 分).
  const yuan = Math.round(fen / 100);
  return yuan / 10_000;
}

export function computeSection2(facts: Section2Facts): Section2Feed {
  const { year, agencyId } = facts;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const documentRow = (type: Section2DocumentFact['documentType']) => {
    const issued: string[] = [];
    const repealed: string[] = [];
    const inForce: string[] = [];
    for (const doc of facts.documents) {
      if (doc.documentType !== type) continue;
      if (doc.formedOn >= start && doc.formedOn <= end) issued.push(doc.id);
      const endedOn = doc.validity === 'in_force' ? null : doc.validityChangedOn;
      if (doc.validity === 'repealed' && endedOn !== null && endedOn >= start && endedOn <= end)
        repealed.push(doc.id);
      if (doc.formedOn <= end && (endedOn === null || endedOn > end)) inForce.push(doc.id);
    }
    return { issued, repealed, inForce };
  };
  const rule = documentRow('rule');
  const normative = documentRow('normative_document');
  const decisions = (kind: DecisionKind) =>
    facts.decisionCounts.filter((d) => d.kind === kind).reduce((sum, d) => sum + d.count, 0);
  const decisionRef = (kind: DecisionKind): Section2DrillDownRef => ({
    source: 'decision',
    count: decisions(kind),
    filter: { agencyId, kind, decidedFrom: start, decidedTo: end },
  });
  const entries = (ids: string[]): Section2DrillDownRef => ({ source: 'catalogue_entry', ids });
  return {
    year,
    section2: {
      rule: { issued: rule.issued.length, repealed: rule.repealed.length, in_force: rule.inForce.length },
      normative_document: {
        issued: normative.issued.length,
        repealed: normative.repealed.length,
        in_force: normative.inForce.length,
      },
      licensing: { decisions: decisions('licensing') },
      penalty: { decisions: decisions('penalty') },
      coercion: { decisions: decisions('coercion') },
      administrative_fee: { amount_wan_yuan: yuanToWanYuan(facts.fees.map((f) => f.amountYuan)) },
    },
    drillDown: {
      rule: {
        issued: entries(rule.issued),
        repealed: entries(rule.repealed),
        in_force: entries(rule.inForce),
      },
      normative_document: {
        issued: entries(normative.issued),
        repealed: entries(normative.repealed),
        in_force: entries(normative.inForce),
      },
      licensing: { decisions: decisionRef('licensing') },
      penalty: { decisions: decisionRef('penalty') },
      coercion: { decisions: decisionRef('coercion') },
      administrative_fee: {
        amount_wan_yuan: { source: 'administrative_fee', ids: facts.fees.map((f) => f.id) },
      },
    },
  };
}
