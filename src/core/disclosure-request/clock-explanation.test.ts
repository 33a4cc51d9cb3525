import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../shared/local-date.ts';
import { explainDeadline, renderExplanationText } from './clock-explanation.ts';
import { computeDeadline } from './deadline.ts';
import type { RequestEvent, RequestEventKind, RequestEventPayloads } from './events.ts';
import { OFFICIAL_2025_2026 } from './test-calendars.ts';

function ev<K extends RequestEventKind>(
  kind: K,
  on: LocalDate,
  payload: RequestEventPayloads[K],
): RequestEvent {
  return { kind, on, actorId: null, payload } as RequestEvent;
}

const received = ev('received', '2025-09-26', { channel: 'in_person', basis: 'handed_in' });

describe('explainDeadline', () => {
  it('numbers every counted workday of the National Day vector and names what was skipped', () => {
    const explanation = explainDeadline([received], OFFICIAL_2025_2026, '2025-10-09');
    expect(explanation.countedDays.map((d) => d.date)).toEqual([
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-13',
      '2025-10-14',
      '2025-10-15',
      '2025-10-16',
      '2025-10-17',
      '2025-10-20',
      '2025-10-21',
      '2025-10-22',
      '2025-10-23',
      '2025-10-24',
      '2025-10-27',
      '2025-10-28',
      '2025-10-29',
      '2025-10-30',
    ]);
    expect(explanation.countedDays.map((d) => d.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(explanation.countedDays[0]).toMatchObject({
      n: 1,
      weekday: '星期日',
      isMakeupWorkday: true,
      makeupFor: '国庆节、中秋节',
      passed: true,
    });
    expect(explanation.countedDays[4]).toMatchObject({ date: '2025-10-10', passed: false });
    expect(explanation.restDays).toEqual([
      { from: '2025-09-27', to: '2025-09-27', days: 1, type: 'weekend', name: null },
      { from: '2025-10-01', to: '2025-10-08', days: 8, type: 'holiday', name: '国庆节、中秋节' },
      { from: '2025-10-12', to: '2025-10-12', days: 1, type: 'weekend', name: null },
      { from: '2025-10-18', to: '2025-10-19', days: 2, type: 'weekend', name: null },
      { from: '2025-10-25', to: '2025-10-26', days: 2, type: 'weekend', name: null },
    ]);
    expect(explanation.receipt?.rule).toMatch(/第三十一条第一项/);
    expect(explanation.clockStart).toMatchObject({ on: '2025-09-26', reason: 'received' });
    expect(explanation.dueOn).toBe('2025-10-30');
  });

  it('lists the excluded workdays of a consultation and the extension', () => {
    const events = [
      received,
      ev('third_party_consultation_started', '2025-09-30', { parties: ['甲公司'], deliveredOn: null }),
      ev('third_party_consultation_ended', '2025-10-13', { result: 'objected' }),
      ev('extension_requested', '2025-10-20', { workdays: 15, reason: '第三方异议' }),
      ev('extension_granted', '2025-10-20', { workdays: 15 }),
    ];
    const explanation = explainDeadline(events, OFFICIAL_2025_2026, '2025-10-20');
    expect(explanation.excludedPeriods).toHaveLength(1);
    expect(explanation.excludedPeriods[0]!.excludedDays.map((d) => d.date)).toEqual([
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-13',
    ]);
    expect(explanation.excludedPeriods[0]!.citation).toMatch(/第三十二条/);
    expect(explanation.extension).toMatchObject({ workdays: 15, grantedOn: '2025-10-20' });
    expect(explanation.countedDays).toHaveLength(35);
    expect(explanation.countedDays.at(-1)?.date).toBe(
      computeDeadline(events, OFFICIAL_2025_2026, '2025-10-20').dueOn,
    );
    // no counted day falls inside the excluded period
    const excluded = new Set(explanation.excludedPeriods[0]!.excludedDays.map((d) => d.date));
    expect(explanation.countedDays.some((d) => excluded.has(d.date))).toBe(false);
  });

  it('continues numbering past the due date when overdue', () => {
    const explanation = explainDeadline([received], OFFICIAL_2025_2026, '2025-11-03');
    expect(explanation.countedDays.slice(-2)).toMatchObject([
      { n: 21, date: '2025-10-31', beyondDue: true },
      { n: 22, date: '2025-11-03', beyondDue: true },
    ]);
    expect(explanation.overdue).toBe(true);
  });

  it('lists the workdays of delay up to a late reply', () => {
    const events = [received, ev('replied', '2025-11-03', { outcome: 'disclosed' })];
    const explanation = explainDeadline(events, OFFICIAL_2025_2026, '2025-12-01');
    expect(explanation.closedLate).toBe(true);
    expect(explanation.countedDays.filter((d) => d.beyondDue).map((d) => d.date)).toEqual([
      '2025-10-31',
      '2025-11-03',
    ]);
    expect(renderExplanationText(explanation)).toContain('本申请已于2025年11月3日办结，超过答复期限。');
  });

  it('records the discarded clock of a correction', () => {
    const events = [
      received,
      ev('correction_requested', '2025-09-30', { items: ['请明确信息名称'], correctBy: '2025-10-20' }),
      ev('correction_received', '2025-10-10', { lateReason: null }),
    ];
    const explanation = explainDeadline(events, OFFICIAL_2025_2026, '2025-10-13');
    expect(explanation.earlierClocks).toHaveLength(1);
    expect(explanation.earlierClocks[0]).toMatchObject({
      startedOn: '2025-09-26',
      stopReason: 'correction_requested',
    });
    expect(explanation.clockStart).toMatchObject({ on: '2025-10-10', reason: 'correction_received' });
    expect(explanation.countedDays[0]).toMatchObject({ n: 1, date: '2025-10-11', isMakeupWorkday: true });
  });
});

describe('renderExplanationText', () => {
  it('prints the National Day vector in Chinese', () => {
    const text = renderExplanationText(explainDeadline([received], OFFICIAL_2025_2026, '2025-10-09'));
    expect(text).toContain('计时说明（计算日：2025年10月9日）');
    expect(text).toContain('收到申请日：2025年9月26日（星期五），申请渠道：当面提交。');
    expect(text).toContain('第1个工作日  2025-09-28（星期日，国庆节、中秋节调休上班日）');
    expect(text).toContain('第20个工作日  2025-10-30（星期四，尚未到来）');
    expect(text).toContain('2025年10月1日至2025年10月8日，国庆节、中秋节放假，共8天。');
    expect(text).toContain('届满日为2025年10月30日（星期四）');
    expect(text).toContain('截至2025年10月9日已计4个工作日，剩余16个工作日。');
    expect(text).toContain('民法典》第二百零一条');
  });

  it('prints pauses, extension and closure', () => {
    const events = [
      received,
      ev('third_party_consultation_started', '2025-09-30', { parties: ['甲公司'], deliveredOn: null }),
      ev('third_party_consultation_ended', '2025-10-13', { result: 'objected' }),
      ev('extension_requested', '2025-10-20', { workdays: 15, reason: '第三方异议' }),
      ev('extension_granted', '2025-10-20', { workdays: 15 }),
      ev('replied', '2025-11-20', { outcome: 'partially_disclosed' }),
    ];
    const text = renderExplanationText(explainDeadline(events, OFFICIAL_2025_2026, '2025-12-01'));
    expect(text).toContain(
      '征求第三方意见：2025年9月30日开始，2025年10月13日结束；不计入4个工作日（2025-10-09、2025-10-10、2025-10-11、2025-10-13）',
    );
    expect(text).toContain('延长15个工作日并告知申请人；原答复期限届满日为2025年11月5日');
    expect(text).toContain('本申请已于2025年11月20日办结，未超过答复期限。');
    expect(text).toContain('第35个工作日  2025-11-26（星期三，办结时未用）');
  });

  it('explains a stopped clock while waiting for a correction', () => {
    const events = [
      received,
      ev('correction_requested', '2025-09-30', { items: ['请明确信息名称'], correctBy: '2025-10-20' }),
    ];
    const text = renderExplanationText(explainDeadline(events, OFFICIAL_2025_2026, '2025-10-09'));
    expect(text).toContain('补正期限至2025年10月20日');
    expect(text).toContain('当前状态：等待补正');
  });
});
