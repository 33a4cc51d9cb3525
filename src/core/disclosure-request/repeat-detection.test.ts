import { describe, expect, it } from 'vitest';
import {
  descriptionSimilarity,
  findPossibleRepeats,
  normaliseDescription,
  proposeProactiveDisclosure,
  type RepeatCandidate,
} from './repeat-detection.ts';

describe('descriptionSimilarity', () => {
  it.each([
    ['申请公开2024年部门预算', '关于2024年部门预算的政府信息', 1],
    ['abcd', 'abce', 2 / 3], // ab, bc shared of 3 + 3 bigrams
    ['城市道路改造', '义务教育招生', 0],
    ['', '', 0],
    ['预算', '预算', 1],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(descriptionSimilarity(a, b)).toBeCloseTo(expected, 10);
  });

  it('is symmetric and ignores punctuation, spaces and full-width forms', () => {
    expect(normaliseDescription('《２０２４年 部门预算》。')).toBe('2024年部门预算');
    const a = '某街道2023年老旧小区改造资金使用情况';
    const b = '2023年某街道老旧小区改造资金的使用情况';
    expect(descriptionSimilarity(a, b)).toBe(descriptionSimilarity(b, a));
    expect(descriptionSimilarity(a, b)).toBeGreaterThan(0.8);
  });
});

const person = (over: Partial<RepeatCandidate>): RepeatCandidate => ({
  id: 'X',
  applicantName: '张三',
  applicantIdNumber: '11010519491231002X',
  description: '某街道2023年老旧小区改造资金使用情况',
  receivedOn: '2025-10-09',
  ...over,
});

describe('findPossibleRepeats', () => {
  const fresh = person({ id: 'NEW' });
  const earlier: RepeatCandidate[] = [
    person({
      id: 'same-id-other-name',
      applicantName: '张 三丰',
      receivedOn: '2025-06-01',
      outcome: 'disclosed',
    }),
    person({ id: 'lowercase-x', applicantIdNumber: '11010519491231002x', receivedOn: '2025-09-01' }),
    person({ id: 'other-id-same-name', applicantIdNumber: '110105194912310046', receivedOn: '2025-09-01' }),
    person({ id: 'name-only', applicantIdNumber: null, receivedOn: '2025-08-01' }),
    person({ id: 'too-old', receivedOn: '2024-10-08' }),
    person({ id: 'later', receivedOn: '2025-10-10' }),
    person({ id: 'unrelated', description: '2025年义务教育阶段学校招生计划', receivedOn: '2025-09-01' }),
    person({ id: 'NEW' }),
  ];

  it('finds the same applicant asking for similar information within the window', () => {
    const found = findPossibleRepeats(fresh, earlier);
    expect(found.map((f) => f.earlierId)).toEqual(['lowercase-x', 'name-only', 'same-id-other-name']);
    expect(found[0]).toMatchObject({ sameApplicantBy: 'id_number', similarity: 1, daysApart: 38 });
    expect(found[1]).toMatchObject({ sameApplicantBy: 'name' });
    expect(found[2]).toMatchObject({ earlierOutcome: 'disclosed' });
    expect(found[0]!.reason).toMatch(/第三十六条第六项/);
  });

  it('honours the window and the threshold', () => {
    expect(findPossibleRepeats(fresh, earlier, { windowDays: 40 }).map((f) => f.earlierId)).toEqual([
      'lowercase-x',
    ]);
    expect(findPossibleRepeats(fresh, earlier, { windowDays: 366 }).map((f) => f.earlierId)).toContain(
      'too-old',
    );
    const similar = person({
      id: 'S',
      description: '某街道2023年老旧小区改造项目清单',
      receivedOn: '2025-09-01',
    });
    const s = descriptionSimilarity(fresh.description, similar.description);
    expect(findPossibleRepeats(fresh, [similar], { minSimilarity: s })).toHaveLength(1);
    expect(findPossibleRepeats(fresh, [similar], { minSimilarity: s + 0.01 })).toHaveLength(0);
  });
});

describe('proposeProactiveDisclosure', () => {
  const ask = (
    id: string,
    name: string,
    idNumber: string | null,
    description: string,
    extra: Partial<RepeatCandidate> = {},
  ) =>
    ({
      id,
      applicantName: name,
      applicantIdNumber: idNumber,
      description,
      receivedOn: '2025-03-01',
      ...extra,
    }) as RepeatCandidate;

  const requests: RepeatCandidate[] = [
    ask('r1', '张三', '11010519491231002X', '2024年城市道路改造项目资金使用情况', { outcome: 'disclosed' }),
    ask('r2', '李四', null, '申请公开2024年城市道路改造项目的资金使用情况', { receivedOn: '2025-04-02' }),
    ask('r3', '某律师事务所', '91350100M000100Y43', '关于2024年城市道路改造项目资金使用情况的信息', {
      receivedOn: '2025-05-03',
    }),
    ask('r4', '张三', '11010519491231002X', '2024年城市道路改造项目资金使用情况（补充）'),
    ask('r5', '王五', null, '2024年城市道路改造项目资金使用情况', {
      outcome: 'withheld.process_information',
    }),
    ask('s1', '赵六', null, '2025年学前教育补助发放名单'),
    ask('s2', '钱七', null, '2025年学前教育补助发放名单'),
  ];

  it('proposes information asked for by at least three different applicants', () => {
    const proposals = proposeProactiveDisclosure(requests);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      requestIds: ['r1', 'r2', 'r3', 'r4'],
      applicantCount: 3,
      firstReceivedOn: '2025-03-01',
      lastReceivedOn: '2025-05-03',
      disclosedCount: 1,
    });
    expect(proposals[0]!.reason).toMatch(/3个不同申请人.*第四十四条/);
  });

  it('lowers or raises the bar on request', () => {
    expect(proposeProactiveDisclosure(requests, { minApplicants: 2 }).map((p) => p.requestIds)).toEqual([
      ['r1', 'r2', 'r3', 'r4'],
      ['s1', 's2'],
    ]);
    expect(proposeProactiveDisclosure(requests, { minApplicants: 4 })).toEqual([]);
  });
});
