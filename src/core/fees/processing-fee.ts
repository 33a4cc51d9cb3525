import { DomainError } from '../shared/domain-error.ts';
import type { LocalDate } from '../shared/local-date.ts';

/**
 * 信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号). The fee is not a cost
 * charge: it only curbs requests beyond a reasonable number or volume (第二条), and 条例第四十二条 keeps
 * "no fee" the rule. Both methods are marginal (超额累进), the agency picks one per application and
 * never applies both (第三条).
 */

export const PROCESSING_FEE_METHODS = ['per_piece', 'per_page'] as const;
export type ProcessingFeeMethod = (typeof PROCESSING_FEE_METHODS)[number];

export const PROCESSING_FEE_METHOD_LABELS: Record<ProcessingFeeMethod, string> = {
  per_piece: '按件计收',
  per_page: '按量计收',
};

export type ProcessingFeeInput =
  | {
      method: 'per_piece';
      /** Pieces (件) in this application, after splitting into the smallest reasonable units (一事一申请). */
      pieces: number;
      /** Pieces the same applicant already applied for earlier in the same natural month. */
      earlierPiecesThisMonth: number;
    }
  | {
      method: 'per_page';
      /** Pages (页) provided, on paper or as copied electronic data. */
      pages: number;
    };

export interface FeeTier {
  /** First and last piece / page of the tier, numbered as the statute numbers them. */
  from: number;
  to: number;
  count: number;
  unitYuan: number;
  subtotal: number;
}

export interface ProcessingFeeQuote {
  method: ProcessingFeeMethod;
  amountYuan: number;
  tiers: FeeTier[];
  /** Why, in Chinese, citing the article: printed on the 收费通知. */
  reasons: string[];
}

/** 109号第四条: the k-th piece of a natural month (k from 1). */
export function pieceUnitYuan(k: number): number {
  if (k <= 10) return 0;
  if (k <= 30) return 100;
  // from the 31st, each band of 10 adds 100元 per piece: 31–40 → 200, 41–50 → 300, …
  return 100 * (1 + Math.ceil((k - 30) / 10));
}

/** 109号第五条: the n-th page of an application (n from 1). */
export function pageUnitYuan(n: number): number {
  if (n <= 30) return 0;
  if (n <= 100) return 10;
  if (n <= 200) return 20;
  return 40;
}

/** The band a piece or page falls in, as [first, last] (last = Infinity for the open band). */
function pieceBand(k: number): [number, number] {
  if (k <= 10) return [1, 10];
  if (k <= 30) return [11, 30];
  const band = Math.ceil((k - 30) / 10);
  return [31 + (band - 1) * 10, 30 + band * 10];
}

function pageBand(n: number): [number, number] {
  if (n <= 30) return [1, 30];
  if (n <= 100) return [31, 100];
  if (n <= 200) return [101, 200];
  return [201, Number.POSITIVE_INFINITY];
}

function tiersOf(
  first: number,
  last: number,
  band: (i: number) => [number, number],
  unit: (i: number) => number,
) {
  const tiers: FeeTier[] = [];
  for (let from = first; from <= last; ) {
    const to = Math.min(last, band(from)[1]);
    const count = to - from + 1;
    const unitYuan = unit(from);
    tiers.push({ from, to, count, unitYuan, subtotal: count * unitYuan });
    from = to + 1;
  }
  return tiers;
}

function checkCount(value: number, label: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new DomainError('validation_failed', `${label}应为不小于 ${min} 的整数`, { value });
  }
}

function tierText(tier: FeeTier, unitWord: '件' | '页'): string {
  const span = tier.from === tier.to ? `第${tier.from}${unitWord}` : `第${tier.from}至${tier.to}${unitWord}`;
  return tier.unitYuan === 0
    ? `${span}共${tier.count}${unitWord}，免费`
    : `${span}共${tier.count}${unitWord}，每${unitWord}${tier.unitYuan}元，计${tier.subtotal}元`;
}

/**
 * The fee of one application under the chosen method. Throws DomainError('validation_failed') for
 * counts that are not whole numbers (the edge validates them first).
 */
export function quoteProcessingFee(input: ProcessingFeeInput): ProcessingFeeQuote {
  if (input.method === 'per_piece') {
    checkCount(input.pieces, '本次申请件数', 1);
    checkCount(input.earlierPiecesThisMonth, '本月此前申请件数', 0);
    const first = input.earlierPiecesThisMonth + 1;
    const last = input.earlierPiecesThisMonth + input.pieces;
    const tiers = tiersOf(first, last, pieceBand, pieceUnitYuan);
    const amountYuan = tiers.reduce((sum, t) => sum + t.subtotal, 0);
    return {
      method: 'per_piece',
      amountYuan,
      tiers,
      reasons: [
        '按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的不收费；11至30件的部分每件100元；30件以上的部分每增加10件，每件收费标准提高100元（国办函〔2020〕109号第四条）。',
        `本月此前已申请${input.earlierPiecesThisMonth}件，本次${input.pieces}件，为本月第${first}${first === last ? '' : `至${last}`}件。`,
        ...tiers.map((t) => `${tierText(t, '件')}。`),
        `合计${amountYuan}元；按件计收的，不再按量计收（国办函〔2020〕109号第三条）。`,
      ],
    };
  }
  checkCount(input.pages, '提供的页数', 0);
  const tiers = input.pages === 0 ? [] : tiersOf(1, input.pages, pageBand, pageUnitYuan);
  const amountYuan = tiers.reduce((sum, t) => sum + t.subtotal, 0);
  return {
    method: 'per_page',
    amountYuan,
    tiers,
    reasons: [
      '按量计收：30页以下（含30页）的不收费；31至100页的部分每页10元；101至200页的部分每页20元；200页以上的部分每页40元（国办函〔2020〕109号第五条）。',
      `本次提供${input.pages}页。`,
      ...tiers.map((t) => `${tierText(t, '页')}。`),
      `合计${amountYuan}元；按量计收的，不再按件计收（国办函〔2020〕109号第三条）。`,
    ],
  };
}

export interface PieceRecord {
  /** Identifies the applicant across applications (the identity document number). */
  applicantKey: string;
  /** Receipt date of the application. */
  receivedOn: LocalDate;
  pieces: number;
}

/**
 * Pieces the applicant applied for earlier in the same natural month (109号第四条 counts per applicant
 * per 自然月): applications received in the month of `receivedOn`, on or before it. The caller leaves the
 * application being quoted out of `history`.
 */
export function countEarlierPiecesThisMonth(
  history: readonly PieceRecord[],
  applicantKey: string,
  receivedOn: LocalDate,
): number {
  const month = receivedOn.slice(0, 7);
  return history
    .filter(
      (r) =>
        r.applicantKey === applicantKey && r.receivedOn.slice(0, 7) === month && r.receivedOn <= receivedOn,
    )
    .reduce((sum, r) => sum + r.pieces, 0);
}
