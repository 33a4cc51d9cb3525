import {
  type ApplicantType,
  emptySection3,
  emptySection4,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  type Section3,
  type Section3Column,
  type Section3Row,
  type Section4,
  type Section4Block,
  type Section4Column,
} from '../annual-report/cells.ts';
import { type ReviewCase, reviewStatusOn, section4BlockOf } from '../review/index.ts';
import type { LocalDate } from '../shared/local-date.ts';
import type { RequestEvent } from './events.ts';
import { foldRequest } from './transitions.ts';

/**
 * Sections 三 and 四 of the annual report as pure folds over the requests' event logs and the review
 * cases, with, for every cell, the ids behind it (drill-down from a figure to the files).
 *
 * Section 三, for year Y (1 January – 31 December):
 * - 一 new: received in Y (receipt date fixed by 第三十一条).
 * - 二 carried_over: received before Y and not closed before 1 January of Y.
 * - 三 outcomes: closed in Y, in the row of the closing outcome. A withdrawal is counted in
 *   （六）3.其他 (other.other): it ends the handling with none of the listed outcomes, and leaving it out
 *   would break 一 + 二 = 三 + 四.
 * - 四 carried_forward: received by 31 December of Y and not closed by then.
 * A request is counted by its FIRST closure. A reply later corrected after reconsideration or
 * litigation is reported in section 四 (结果纠正), and the new reply does not count again: a year once
 * reported never changes, so this year's carried_over always equals last year's carried_forward (R6)
 * and 一 + 二 = 三(七) + 四 (R1) holds in every column by construction.
 *
 * Section 四, for year Y: a case counts in Y when it was decided in Y (in the column of its result) or
 * is still undecided on 31 December of Y (尚未审结). A case pending at the end of one year and decided
 * in the next is thus counted in both years, once as pending and once with its result. Cases marked
 * `countedInReport: false` (the reconsideration body as co-defendant) are left out.
 */

export interface ReportRequestRecord {
  id: string;
  applicantType: ApplicantType;
  events: readonly RequestEvent[];
}

export type Section3DrillDown = Record<Section3Row, Record<Section3Column, string[]>>;
export type Section4DrillDown = Record<Section4Block, Record<Section4Column, string[]>>;

export interface Section3Feed {
  year: number;
  section3: Section3;
  drillDown: Section3DrillDown;
}

export interface Section4Feed {
  year: number;
  section4: Section4;
  drillDown: Section4DrillDown;
}

const yearBounds = (year: number): [LocalDate, LocalDate] => [`${year}-01-01`, `${year}-12-31`];

function emptyDrillDown3(): Section3DrillDown {
  return Object.fromEntries(
    SECTION3_ROWS.map((row) => [row, Object.fromEntries(SECTION3_COLUMNS.map((c) => [c, [] as string[]]))]),
  ) as Section3DrillDown;
}

function emptyDrillDown4(): Section4DrillDown {
  return Object.fromEntries(
    SECTION4_BLOCKS.map((block) => [
      block,
      Object.fromEntries(SECTION4_COLUMNS.map((c) => [c, [] as string[]])),
    ]),
  ) as Section4DrillDown;
}

export function computeSection3(requests: readonly ReportRequestRecord[], year: number): Section3Feed {
  const [start, end] = yearBounds(year);
  const section3 = emptySection3(0);
  const drillDown = emptyDrillDown3();
  const count = (row: Section3Row, request: ReportRequestRecord) => {
    for (const column of [request.applicantType, 'total'] as const) {
      section3[row][column] = (section3[row][column] ?? 0) + 1;
      drillDown[row][column].push(request.id);
    }
  };
  for (const request of requests) {
    const state = foldRequest(request.events);
    const receivedOn = state.receivedOn;
    if (receivedOn === null || receivedOn > end) continue;
    const closure = state.firstClosure;
    if (receivedOn < start) {
      if (closure && closure.on < start) continue;
      count('carried_over', request);
    } else {
      count('new', request);
    }
    if (closure && closure.on <= end) {
      count(closure.outcome, request);
      count('outcome_total', request);
    } else {
      count('carried_forward', request);
    }
  }
  return { year, section3, drillDown };
}

export function computeSection4(reviewCases: readonly ReviewCase[], year: number): Section4Feed {
  const [start, end] = yearBounds(year);
  const section4 = emptySection4(0);
  const drillDown = emptyDrillDown4();
  for (const reviewCase of reviewCases) {
    if (!reviewCase.countedInReport || reviewCase.receivedOn > end) continue;
    const status = reviewStatusOn(reviewCase, end);
    if (status !== 'pending' && reviewCase.decidedOn !== null && reviewCase.decidedOn < start) continue;
    const block = section4BlockOf(reviewCase);
    for (const column of [status, 'total'] as const) {
      section4[block][column] = (section4[block][column] ?? 0) + 1;
      drillDown[block][column].push(reviewCase.id);
    }
  }
  return { year, section4, drillDown };
}
