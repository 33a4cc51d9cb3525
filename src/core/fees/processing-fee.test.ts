import { describe, expect, it } from 'vitest';
import {
  countEarlierPiecesThisMonth,
  pageUnitYuan,
  pieceUnitYuan,
  quoteProcessingFee,
} from './processing-fee.ts';

describe('按量计收 (109号第五条)', () => {
  // pages → amount, worked out by hand from the marginal tiers 0 / 10 / 20 / 40
  const cases: Array<[number, number]> = [
    [0, 0],
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ];
  it.each(cases)('%i pages cost %i 元', (pages, amount) => {
    expect(quoteProcessingFee({ method: 'per_page', pages }).amountYuan).toBe(amount);
  });

  it('shows the statutory example 250 pages = 70×10 + 100×20 + 50×40', () => {
    const quote = quoteProcessingFee({ method: 'per_page', pages: 250 });
    expect(quote.tiers).toEqual([
      { from: 1, to: 30, count: 30, unitYuan: 0, subtotal: 0 },
      { from: 31, to: 100, count: 70, unitYuan: 10, subtotal: 700 },
      { from: 101, to: 200, count: 100, unitYuan: 20, subtotal: 2000 },
      { from: 201, to: 250, count: 50, unitYuan: 40, subtotal: 2000 },
    ]);
    expect(quote.method).toBe('per_page');
    expect(quote.reasons[0]).toMatch(/第五条/);
    expect(quote.reasons).toContain('第201至250页共50页，每页40元，计2000元。');
    expect(quote.reasons.at(-1)).toMatch(/合计4700元；按量计收的，不再按件计收（国办函〔2020〕109号第三条）/);
  });

  const units: Array<[number, number]> = [
    [30, 0],
    [31, 10],
    [100, 10],
    [101, 20],
    [200, 20],
    [201, 40],
  ];
  it.each(units)('page %i costs %i 元', (n, unit) => {
    expect(pageUnitYuan(n)).toBe(unit);
  });
});

describe('按件计收 (109号第四条)', () => {
  // the k-th piece of the month: 1–10 free, 11–30 100, 31–40 200, 41–50 300, 51–60 400
  const units: Array<[number, number]> = [
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [60, 400],
    [61, 500],
  ];
  it.each(units)('piece no. %i of the month costs %i 元', (k, unit) => {
    expect(pieceUnitYuan(k)).toBe(unit);
    // the same piece quoted alone, after k − 1 earlier ones
    const quote = quoteProcessingFee({ method: 'per_piece', pieces: 1, earlierPiecesThisMonth: k - 1 });
    expect(quote.amountYuan).toBe(unit);
    expect(quote.tiers).toEqual([{ from: k, to: k, count: 1, unitYuan: unit, subtotal: unit }]);
  });

  it('10 earlier this month and 5 now cost 500 元', () => {
    const quote = quoteProcessingFee({ method: 'per_piece', pieces: 5, earlierPiecesThisMonth: 10 });
    expect(quote.amountYuan).toBe(500);
    expect(quote.reasons).toContain('本月此前已申请10件，本次5件，为本月第11至15件。');
    expect(quote.reasons.at(-1)).toMatch(/合计500元；按件计收的，不再按量计收/);
  });

  it('a first application of 10 pieces is free', () => {
    expect(
      quoteProcessingFee({ method: 'per_piece', pieces: 10, earlierPiecesThisMonth: 0 }).amountYuan,
    ).toBe(0);
  });

  it('an application crossing bands is split at every boundary', () => {
    const quote = quoteProcessingFee({ method: 'per_piece', pieces: 51, earlierPiecesThisMonth: 0 });
    expect(quote.tiers.map((t) => [t.from, t.to, t.unitYuan])).toEqual([
      [1, 10, 0],
      [11, 30, 100],
      [31, 40, 200],
      [41, 50, 300],
      [51, 51, 400],
    ]);
    expect(quote.amountYuan).toBe(2000 + 2000 + 3000 + 400);
  });

  it('28 earlier and 5 now: 29–30 at 100, 31–33 at 200', () => {
    const quote = quoteProcessingFee({ method: 'per_piece', pieces: 5, earlierPiecesThisMonth: 28 });
    expect(quote.amountYuan).toBe(800);
    expect(quote.tiers).toHaveLength(2);
  });

  it.each([
    [{ method: 'per_piece', pieces: 0, earlierPiecesThisMonth: 0 }],
    [{ method: 'per_piece', pieces: 2, earlierPiecesThisMonth: -1 }],
    [{ method: 'per_piece', pieces: 1.5, earlierPiecesThisMonth: 0 }],
    [{ method: 'per_page', pages: -3 }],
  ] as const)('refuses %o', (input) => {
    expect(() => quoteProcessingFee(input)).toThrow(/整数/);
  });
});

describe('countEarlierPiecesThisMonth', () => {
  const history = [
    { applicantKey: 'A', receivedOn: '2025-09-30', pieces: 7 },
    { applicantKey: 'A', receivedOn: '2025-10-09', pieces: 4 },
    { applicantKey: 'A', receivedOn: '2025-10-20', pieces: 3 },
    { applicantKey: 'A', receivedOn: '2025-10-31', pieces: 9 },
    { applicantKey: 'B', receivedOn: '2025-10-10', pieces: 30 },
  ];
  it.each([
    ['A', '2025-10-20', 7],
    ['A', '2025-10-09', 4],
    ['A', '2025-10-01', 0],
    ['A', '2025-09-30', 7],
    ['B', '2025-10-31', 30],
    ['C', '2025-10-31', 0],
  ] as const)('%s on %s: %i pieces earlier in the natural month', (key, on, count) => {
    expect(countEarlierPiecesThisMonth(history, key, on)).toBe(count);
  });
});
