import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel, isAuditAction } from '../../core/audit/index.ts';
import { ENTRY_ACTIONS } from '../../core/catalogue/index.ts';
import { REQUEST_ACTION_TYPES } from '../../core/disclosure-request/index.ts';

const APP_DIR = join(import.meta.dirname, '..');

/** Steps logged as `<area>.${step}`: the steps the area's workflow knows. */
const STEP_FAMILIES: Record<string, readonly string[]> = {
  'catalogue_entry.': ENTRY_ACTIONS,
  'disclosure_request.': REQUEST_ACTION_TYPES,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The audit actions the use cases write: the dotted codes given as `action:` (auditLog.append) or
 * `auditAction:` (imports), literal or chosen between literals, and `area.${step}` templates.
 */
function writtenActions(): { action: string; where: string }[] {
  const found: { action: string; where: string }[] = [];
  for (const file of sourceFiles(APP_DIR)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      // A string, a template, or a choice between two strings (not an object with an `action` key).
      const value = /\b(?:action|auditAction):\s*((?:[\w.]+\s*\?\s*'[^']*'\s*:\s*)?(?:'[^']*'|`[^`]*`))/.exec(
        line,
      )?.[1];
      if (!value) return;
      const where = `${relative(APP_DIR, file)}:${i + 1}`;
      for (const [, code] of value.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.push({ action: code!, where });
      const template = /`([a-z_]+\.)\$\{[^}]+\}`/.exec(value)?.[1];
      if (template) {
        const steps = STEP_FAMILIES[template];
        if (!steps) found.push({ action: `${template}\${…}（未知的步骤集合）`, where });
        for (const step of steps ?? []) found.push({ action: `${template}${step}`, where });
      }
    });
  }
  return found;
}

describe('audit actions', () => {
  const written = writtenActions();

  it('finds the actions the use cases write (the scan itself works)', () => {
    const codes = new Set(written.map((w) => w.action));
    expect(codes.size).toBeGreaterThan(50);
    for (const known of [
      'staff.login_failed',
      'staff.locked',
      'annual_report.published',
      'decision.imported',
    ])
      expect(codes).toContain(known);
    expect(codes).toContain('disclosure_request.request_correction');
    expect(codes).toContain('catalogue_entry.submit_for_review');
  });

  it('names every action written anywhere in src/app', () => {
    const unnamed = written.filter((w) => !isAuditAction(w.action)).map((w) => `${w.action}（${w.where}）`);
    expect(unnamed).toEqual([]);
  });

  it('gives each action its own non-empty Chinese name', () => {
    const labels = Object.values(AUDIT_ACTION_LABELS);
    for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fff]/);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each([
    ['annual_report.returned', '退回年度报告'],
    ['catalogue_entry.withdraw', '目录条目撤回'],
    ['disclosure_request.request_correction', '告知补正'],
    ['some_future.thing', 'some_future.thing'],
  ])('%s reads as %s', (action, label) => {
    expect(auditActionLabel(action)).toBe(label);
  });
});
