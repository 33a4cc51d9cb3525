import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES, OUTCOME_CODES, SECTION3_COLUMNS, SECTION4_BLOCKS } from '../annual-report/cells.ts';
import type { ReviewCase } from '../review/index.ts';
import type { LocalDate } from '../shared/local-date.ts';
import type { RequestEvent, RequestEventKind, RequestEventPayloads } from './events.ts';
import { computeSection3, computeSection4, type ReportRequestRecord } from './report-feed.ts';

function ev<K extends RequestEventKind>(
  kind: K,
  on: LocalDate,
  payload: RequestEventPayloads[K],
): RequestEvent {
  return { kind, on, actorId: null, payload } as RequestEvent;
}
const rec = (on: LocalDate) => ev('received', on, { channel: 'online', basis: 'confirmed' });
const reply = (on: LocalDate, outcome: (typeof OUTCOME_CODES)[number] = 'disclosed') =>
  ev('replied', on, { outcome });

const requests: ReportRequestRecord[] = [
  { id: 'A', applicantType: 'natural_person', events: [rec('2024-12-20'), reply('2025-01-10')] },
  { id: 'B', applicantType: 'commercial_enterprise', events: [rec('2024-11-01'), reply('2024-12-01')] },
  {
    id: 'C',
    applicantType: 'natural_person',
    events: [rec('2025-03-03'), ev('withdrawn', '2025-03-05', { reason: null })],
  },
  { id: 'D', applicantType: 'legal_service_org', events: [rec('2025-12-20')] },
  { id: 'E', applicantType: 'research_institution', events: [rec('2024-12-30')] },
  {
    id: 'F',
    applicantType: 'natural_person',
    events: [
      rec('2025-05-06'),
      ev('correction_requested', '2025-05-08', { items: ['x'], correctBy: '2025-05-20' }),
      ev('correction_lapsed', '2025-06-01', {}),
    ],
  },
  {
    id: 'G',
    applicantType: 'public_interest_org',
    events: [
      rec('2025-06-02'),
      reply('2025-06-20', 'unavailable.not_held'),
      ev('reopened', '2025-09-01', { cause: 'reconsideration', reviewCaseId: 'R1', replyWithinWorkdays: 20 }),
      reply('2025-09-20', 'disclosed'),
    ],
  },
  { id: 'H', applicantType: 'other_org', events: [rec('2026-01-05')] },
  { id: 'I', applicantType: 'natural_person', events: [rec('2025-12-30'), reply('2026-01-05')] },
  {
    id: 'J',
    applicantType: 'natural_person',
    events: [rec('2024-12-31'), reply('2025-01-01', 'partially_disclosed')],
  },
  { id: 'K', applicantType: 'commercial_enterprise', events: [] },
];

describe('computeSection3', () => {
  const { section3, drillDown } = computeSection3(requests, 2025);

  it('counts new, carried over, outcomes and carried forward with the ids behind every cell', () => {
    expect(drillDown.new.total).toEqual(['C', 'D', 'F', 'G', 'I']);
    expect(drillDown.carried_over.total).toEqual(['A', 'E', 'J']);
    expect(drillDown.disclosed.natural_person).toEqual(['A']);
    expect(drillDown.partially_disclosed.natural_person).toEqual(['J']);
    expect(drillDown['other.other'].natural_person).toEqual(['C']);
    expect(drillDown['other.correction_lapsed'].natural_person).toEqual(['F']);
    // G is counted by its first closure; the corrected reply is reported in section 四
    expect(drillDown['unavailable.not_held'].public_interest_org).toEqual(['G']);
    expect(drillDown.disclosed.public_interest_org).toEqual([]);
    expect(drillDown.outcome_total.total).toEqual(['A', 'C', 'F', 'G', 'J']);
    expect(drillDown.carried_forward.total).toEqual(['D', 'E', 'I']);
    expect(section3.new).toMatchObject({
      natural_person: 3,
      legal_service_org: 1,
      public_interest_org: 1,
      total: 5,
    });
    expect(section3.carried_over).toMatchObject({ natural_person: 2, research_institution: 1, total: 3 });
    expect(section3.outcome_total.total).toBe(5);
    expect(section3.carried_forward).toMatchObject({
      legal_service_org: 1,
      research_institution: 1,
      natural_person: 1,
    });
  });

  it('every count equals the length of its drill-down list', () => {
    for (const [row, columns] of Object.entries(drillDown)) {
      for (const [column, ids] of Object.entries(columns)) {
        expect(section3[row as keyof typeof section3][column as (typeof SECTION3_COLUMNS)[number]]).toBe(
          ids.length,
        );
      }
    }
  });

  it.each([2024, 2025, 2026])('R1 and R3 hold in every column for %i', (year) => {
    const { section3: s } = computeSection3(requests, year);
    for (const column of SECTION3_COLUMNS) {
      expect(s.new[column]! + s.carried_over[column]!).toBe(
        s.outcome_total[column]! + s.carried_forward[column]!,
      );
      expect(OUTCOME_CODES.reduce((sum, code) => sum + s[code][column]!, 0)).toBe(s.outcome_total[column]);
    }
    for (const row of Object.keys(s) as Array<keyof typeof s>) {
      expect(APPLICANT_TYPES.reduce((sum, t) => sum + s[row][t]!, 0)).toBe(s[row].total);
    }
  });

  it.each([
    [2024, 2025],
    [2025, 2026],
  ])('R6: carried_over of %i+1 equals carried_forward of %i', (previous, year) => {
    expect(computeSection3(requests, year).section3.carried_over).toEqual(
      computeSection3(requests, previous).section3.carried_forward,
    );
  });
});

describe('computeSection4', () => {
  const base = {
    requestId: 'A',
    subject: 'reply',
    body: '某市人民政府',
    caseNumber: null,
    reconsiderationCaseId: null,
    countedInReport: true,
  } as const;
  const cases: ReviewCase[] = [
    {
      ...base,
      id: 'R1',
      kind: 'reconsideration',
      route: null,
      receivedOn: '2025-02-01',
      decidedOn: '2025-04-01',
      result: 'corrected',
    },
    {
      ...base,
      id: 'R2',
      kind: 'reconsideration',
      route: null,
      receivedOn: '2025-11-01',
      decidedOn: null,
      result: null,
    },
    {
      ...base,
      id: 'R3',
      kind: 'reconsideration',
      route: null,
      receivedOn: '2024-11-01',
      decidedOn: '2025-01-15',
      result: 'upheld',
    },
    {
      ...base,
      id: 'R4',
      kind: 'reconsideration',
      route: null,
      receivedOn: '2024-03-01',
      decidedOn: '2024-05-01',
      result: 'upheld',
    },
    {
      ...base,
      id: 'L1',
      kind: 'litigation',
      route: 'direct',
      receivedOn: '2025-03-01',
      decidedOn: '2025-08-01',
      result: 'other',
    },
    {
      ...base,
      id: 'L2',
      kind: 'litigation',
      route: 'after_reconsideration',
      receivedOn: '2025-05-01',
      decidedOn: '2026-02-01',
      result: 'upheld',
    },
    {
      ...base,
      id: 'L3',
      kind: 'litigation',
      route: 'direct',
      receivedOn: '2025-06-01',
      decidedOn: null,
      result: null,
      countedInReport: false,
    },
    {
      ...base,
      id: 'L4',
      kind: 'litigation',
      route: 'direct',
      receivedOn: '2026-01-10',
      decidedOn: null,
      result: null,
    },
  ];

  it('counts results decided in the year and cases pending at its end', () => {
    const { section4, drillDown } = computeSection4(cases, 2025);
    expect(section4.reconsideration).toEqual({ upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 });
    expect(drillDown.reconsideration.total).toEqual(['R1', 'R2', 'R3']);
    expect(section4.litigation_direct).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
    // decided in 2026: pending at the end of 2025
    expect(section4.litigation_after_reconsideration).toEqual({
      upheld: 0,
      corrected: 0,
      other: 0,
      pending: 1,
      total: 1,
    });
    expect(drillDown.litigation_after_reconsideration.pending).toEqual(['L2']);
  });

  it('R4 holds in every block', () => {
    for (const year of [2024, 2025, 2026]) {
      const { section4 } = computeSection4(cases, year);
      for (const block of SECTION4_BLOCKS) {
        const b = section4[block];
        expect(b.upheld! + b.corrected! + b.other! + b.pending!).toBe(b.total);
      }
    }
  });

  it('a case pending at the end of 2024 and decided in 2025 is counted in both years', () => {
    expect(computeSection4(cases, 2024).drillDown.reconsideration.pending).toEqual(['R3']);
    expect(computeSection4(cases, 2025).drillDown.reconsideration.upheld).toEqual(['R3']);
  });
});
