import { describe, expect, it } from 'vitest';
import { agencyNameMatch, matchAgency } from './match-agency.ts';

const AGENCIES = [
  { id: 'huaian', name: '淮安市人民政府', shortName: null },
  { id: 'hongze', name: '淮安市洪泽区人民政府', shortName: '洪泽区政府' },
  { id: 'huaiyin', name: '淮安市淮阴区人民政府', shortName: null },
  { id: 'office', name: '淮安市人民政府办公室', shortName: null },
  { id: 'bureau', name: '张家港市行政审批局', shortName: null },
];

describe('agencyNameMatch', () => {
  it.each([
    ['淮安市人民政府', '淮安市人民政府', 2],
    ['淮安市 人民政府', '淮安市人民政府', 2],
    ['淮安市\u3000人民政府', '淮安市人民政府', 2],
    ['洪泽区人民政府', '淮安市洪泽区人民政府', 1],
    ['淮安市洪泽区人民政府', '洪泽区人民政府', 1],
    // Too short to designate one agency.
    ['人民政府', '淮安市人民政府', 0],
    ['淮安市人民政府', '淮安市洪泽区人民政府', 0],
    ['', '淮安市人民政府', 0],
  ] as const)('%s ~ %s → %d', (a, b, expected) => {
    expect(agencyNameMatch(a, b)).toBe(expected);
  });
});

describe('matchAgency', () => {
  it.each([
    ['淮安市人民政府', 'huaian'],
    ['洪泽区人民政府', 'hongze'],
    ['洪泽区政府', 'hongze'],
    ['张家港市行政审批局', 'bureau'],
    ['示例市人民政府', null],
    [null, null],
  ] as const)('%s → %s', (printed, id) => {
    expect(matchAgency(printed, AGENCIES)?.id ?? null).toBe(id);
  });

  it('picks nobody when the printed name ends two registered names', () => {
    const twins = [
      { id: 'a', name: '甲市行政审批局' },
      { id: 'b', name: '乙市行政审批局' },
    ];
    expect(matchAgency('市行政审批局', twins)).toBeNull();
  });
});
