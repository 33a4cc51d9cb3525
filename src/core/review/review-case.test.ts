import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../staff/index.ts';
import {
  decideReviewCase,
  type OpenReviewCaseInput,
  openReviewCase,
  type ReviewCase,
  requiresNewReply,
  reviewStatusOn,
  section4BlockOf,
} from './review-case.ts';

const ctx = (roles: StaffRole[] = ['clerk']) => ({ roles, today: '2025-12-31' });
const closed = { id: 'REQ-1', closedOn: '2025-10-20' };

const input = (over: Partial<OpenReviewCaseInput> = {}): OpenReviewCaseInput => ({
  id: 'RC-1',
  request: closed,
  kind: 'reconsideration',
  body: '某市人民政府',
  receivedOn: '2025-11-03',
  ...over,
});

function opened(over: Partial<OpenReviewCaseInput> = {}): ReviewCase {
  const result = openReviewCase(input(over), ctx());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('openReviewCase', () => {
  it('opens a pending reconsideration of a reply', () => {
    expect(opened()).toMatchObject({
      requestId: 'REQ-1',
      kind: 'reconsideration',
      route: null,
      subject: 'reply',
      result: null,
      countedInReport: true,
    });
  });

  const refusals: Array<[string, Partial<OpenReviewCaseInput>, StaffRole[], string]> = [
    ['a supervisor', {}, ['supervisor'], 'forbidden'],
    ['an agency admin', {}, ['agency_admin'], 'forbidden'],
    ['litigation without a route', { kind: 'litigation' }, ['clerk'], 'validation_failed'],
    ['reconsideration with a route', { route: 'direct' }, ['clerk'], 'validation_failed'],
    ['a reply not yet given', { request: { id: 'REQ-1', closedOn: null } }, ['clerk'], 'invalid_state'],
    ['received before the reply', { receivedOn: '2025-10-19' }, ['clerk'], 'validation_failed'],
    ['received in the future', { receivedOn: '2026-01-02' }, ['clerk'], 'validation_failed'],
    ['no body', { body: ' ' }, ['clerk'], 'validation_failed'],
  ];
  it.each(refusals)('refuses %s', (_name, over, roles, code) => {
    const result = openReviewCase(input(over), ctx(roles));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('accepts a case against a failure to reply while the request is open', () => {
    const result = openReviewCase(
      input({ subject: 'failure_to_reply', request: { id: 'REQ-1', closedOn: null } }),
      ctx(),
    );
    expect(result.ok).toBe(true);
  });

  it('links litigation after reconsideration to a decided reconsideration only', () => {
    const reconsideration = opened();
    const pending = openReviewCase(
      input({
        id: 'L-1',
        kind: 'litigation',
        route: 'after_reconsideration',
        reconsiderationCase: reconsideration,
        receivedOn: '2025-12-01',
      }),
      ctx(),
    );
    expect(pending).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const decided = decideReviewCase(reconsideration, { result: 'upheld', decidedOn: '2025-11-20' }, ctx());
    if (!decided.ok) throw new Error(decided.error.message);
    const linked = openReviewCase(
      input({
        id: 'L-1',
        kind: 'litigation',
        route: 'after_reconsideration',
        reconsiderationCase: decided.value,
        receivedOn: '2025-12-01',
      }),
      ctx(),
    );
    expect(linked).toMatchObject({
      ok: true,
      value: { reconsiderationCaseId: 'RC-1', route: 'after_reconsideration' },
    });
  });
});

describe('decideReviewCase', () => {
  it('records the result once', () => {
    const decided = decideReviewCase(
      opened(),
      { result: 'corrected', decidedOn: '2025-12-10' },
      ctx(['reviewer']),
    );
    if (!decided.ok) throw new Error(decided.error.message);
    expect(requiresNewReply(decided.value)).toBe(true);
    expect(reviewStatusOn(decided.value, '2025-12-09')).toBe('pending');
    expect(reviewStatusOn(decided.value, '2025-12-10')).toBe('corrected');
    const again = decideReviewCase(decided.value, { result: 'upheld', decidedOn: '2025-12-11' }, ctx());
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it.each([
    ['before receipt', '2025-11-02'],
    ['in the future', '2026-01-01'],
  ])('refuses a decision date %s', (_name, decidedOn) => {
    const result = decideReviewCase(opened(), { result: 'upheld', decidedOn }, ctx());
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});

describe('section4BlockOf', () => {
  it.each([
    ['reconsideration', null, 'reconsideration'],
    ['litigation', 'direct', 'litigation_direct'],
    ['litigation', 'after_reconsideration', 'litigation_after_reconsideration'],
  ] as const)('%s / %s → %s', (kind, route, block) => {
    expect(section4BlockOf({ kind, route })).toBe(block);
  });
});
