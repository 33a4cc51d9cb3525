import { describe, expect, it } from 'vitest';
import { categoriesForLevel } from './categories.ts';
import {
  applyEntryAction,
  checkEntryContent,
  ENTRY_ACTIONS,
  ENTRY_STATUSES,
  type EntryAction,
  type EntryContentFields,
  type EntryStatus,
} from './entry.ts';

describe('entry workflow: draft → 保密审查 → published, withdrawal', () => {
  const allowed: [EntryStatus, EntryAction, EntryStatus][] = [
    ['draft', 'submit_for_review', 'in_review'],
    ['in_review', 'approve', 'published'],
    ['in_review', 'return_to_draft', 'draft'],
    ['published', 'withdraw', 'withdrawn'],
  ];
  it.each(allowed)('%s + %s → %s', (from, action, to) => {
    expect(applyEntryAction(from, action)).toEqual({ ok: true, value: to });
  });

  const refused = ENTRY_STATUSES.flatMap((status) =>
    ENTRY_ACTIONS.filter((action) => !allowed.some(([s, a]) => s === status && a === action)).map(
      (action) => [status, action] as const,
    ),
  );
  it.each(refused)('%s + %s is refused', (status, action) => {
    const result = applyEntryAction(status, action);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_state');
  });

  it('never publishes without the review', () => {
    expect(applyEntryAction('draft', 'approve').ok).toBe(false);
  });
});

describe('entry content rules', () => {
  const county = categoriesForLevel('county');
  const base: EntryContentFields = {
    title: '张家港市行政审批局关于印发《企业开办全程网办实施细则》的通知',
    summary: null,
    body: null,
    issuingAgencyName: '张家港市行政审批局',
    documentNumber: '张审批规〔2021〕1号',
    formedOn: '2021-03-01',
    category: 'a20_01',
    documentType: 'normative_document',
    topic: null,
    validity: 'in_force',
    validityChangedOn: null,
    repealedBy: null,
  };

  it('accepts a complete normative document', () => {
    expect(checkEntryContent(base, county)).toEqual([]);
  });

  it.each([
    [{ title: '' }, '名称不能为空'],
    [{ documentNumber: null }, '行政规范性文件应当填写文号'],
    [{ category: 'a21_t01' }, '不属于本机关适用'],
    [{ validity: 'repealed' as const }, '应当填写废止日期'],
    [{ validity: 'repealed' as const, validityChangedOn: '2021-06-01' }, '应当填写废止依据'],
    [{ validity: 'expired' as const, validityChangedOn: '2020-01-01' }, '不能早于成文日期'],
    [{ validityChangedOn: '2021-06-01' }, '有效的文件不应填写'],
    [{ summary: '概'.repeat(301) }, '内容概述不能超过'],
  ])('refuses %j: %s', (change, message) => {
    expect(checkEntryContent({ ...base, ...change }, county).join('；')).toContain(message);
  });

  it('offers 第二十一条 township items only to townships', () => {
    expect(checkEntryContent({ ...base, category: 'a21_t04' }, categoriesForLevel('township'))).toEqual([]);
    expect(checkEntryContent({ ...base, category: 'a21_c01' }, categoriesForLevel('province')).length).toBe(
      1,
    );
  });
});
