import { describe, expect, it } from 'vitest';
import { computeSection2, type Section2DocumentFact, yuanToWanYuan } from './section2.ts';

const doc = (
  id: string,
  documentType: Section2DocumentFact['documentType'],
  formedOn: string,
  validity: Section2DocumentFact['validity'] = 'in_force',
  validityChangedOn: string | null = null,
): Section2DocumentFact => ({ id, documentType, formedOn, validity, validityChangedOn });

describe('section 二 fold', () => {
  const facts = {
    agencyId: 'agency-1',
    year: 2021,
    documents: [
      doc('r1', 'rule', '2019-05-01'), // in force, not issued this year
      doc('r2', 'rule', '2021-03-01'), // issued and in force
      doc('r3', 'rule', '2018-01-01', 'repealed', '2021-06-30'), // repealed this year
      doc('n1', 'normative_document', '2021-02-01'),
      doc('n2', 'normative_document', '2021-04-01', 'repealed', '2021-11-30'), // issued and repealed
      doc('n3', 'normative_document', '2020-01-01', 'expired', '2021-12-31'), // lapsed on 31 Dec: not in force
      doc('n4', 'normative_document', '2020-01-01', 'expired', '2022-01-31'), // lapses next year: in force
      doc('n5', 'normative_document', '2020-01-01', 'repealed', '2022-03-01'), // repealed next year
      doc('n6', 'normative_document', '2022-01-05'), // formed next year: nowhere
    ],
    decisionCounts: [
      { kind: 'licensing' as const, count: 43_329 },
      { kind: 'licensing' as const, count: 521 },
      { kind: 'penalty' as const, count: 3 },
    ],
    fees: [
      { id: 'f1', amountYuan: 1234.5 },
      { id: 'f2', amountYuan: 0.1 },
      { id: 'f3', amountYuan: 0.2 },
    ],
  };
  const feed = computeSection2(facts);

  it.each([
    ['rule', 'issued', 1, ['r2']],
    ['rule', 'repealed', 1, ['r3']],
    ['rule', 'in_force', 2, ['r1', 'r2']],
    ['normative_document', 'issued', 2, ['n1', 'n2']],
    ['normative_document', 'repealed', 1, ['n2']],
    ['normative_document', 'in_force', 3, ['n1', 'n4', 'n5']],
  ] as const)('%s %s = %i with the entries behind it', (row, column, count, ids) => {
    expect(feed.section2[row][column]).toBe(count);
    expect(feed.drillDown[row][column]).toEqual({ source: 'catalogue_entry', ids });
  });

  it('counts decisions by kind, drilling down to the filter that lists them', () => {
    expect(feed.section2.licensing.decisions).toBe(43_850);
    expect(feed.section2.penalty.decisions).toBe(3);
    expect(feed.section2.coercion.decisions).toBe(0);
    expect(feed.drillDown.licensing.decisions).toEqual({
      source: 'decision',
      count: 43_850,
      filter: { agencyId: 'agency-1', kind: 'licensing', decidedFrom: '2021-01-01', decidedTo: '2021-12-31' },
    });
  });

  it('reports fees in 万元, exact to the 元', () => {
    expect(feed.section2.administrative_fee.amount_wan_yuan).toBe(0.1235);
    expect(feed.drillDown.administrative_fee.amount_wan_yuan).toEqual({
      source: 'administrative_fee',
      ids: ['f1', 'f2', 'f3'],
    });
  });

  it.each([
    [[], 0],
    [[10_000], 1],
    [[0.1, 0.2], 0],
    [[12_345.67], 1.2346],
    [[5_000, 5_000, 0.5], 1.0001],
  ])('%j 元 → %d 万元', (amounts, wan) => {
    expect(yuanToWanYuan(amounts)).toBe(wan);
  });

  it('gives the seed agency its 2021 table: 43,850 licensing decisions, nothing else', () => {
    const seed = computeSection2({
      agencyId: 'a',
      year: 2021,
      documents: [],
      decisionCounts: [{ kind: 'licensing', count: 43_850 }],
      fees: [],
    });
    expect(seed.section2).toEqual({
      rule: { issued: 0, repealed: 0, in_force: 0 },
      normative_document: { issued: 0, repealed: 0, in_force: 0 },
      licensing: { decisions: 43_850 },
      penalty: { decisions: 0 },
      coercion: { decisions: 0 },
      administrative_fee: { amount_wan_yuan: 0 },
    });
  });
});
