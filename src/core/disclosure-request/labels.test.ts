import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES, outcomeLabel } from '../annual-report/cells.ts';
import { PROCESSING_FEE_METHOD_LABELS, PROCESSING_FEE_METHODS } from '../fees/index.ts';
import {
  LITIGATION_ROUTE_LABELS,
  LITIGATION_ROUTES,
  REVIEW_KIND_LABELS,
  REVIEW_KINDS,
  REVIEW_RESULT_LABELS,
  REVIEW_RESULTS,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  REVIEW_SUBJECT_LABELS,
  REVIEW_SUBJECTS,
} from '../review/index.ts';
import {
  CHANNEL_LABELS,
  CHANNELS,
  CLOCK_PHASE_LABELS,
  CLOCK_PHASES,
  CLOCK_START_REASON_LABELS,
  CLOCK_START_REASONS,
  CLOSING_KIND_LABELS,
  CONSULTATION_RESULT_LABELS,
  CONSULTATION_RESULTS,
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  EXTENSION_STATUS_LABELS,
  EXTENSION_STATUSES,
  IDENTITY_DOCUMENT_KIND_LABELS,
  IDENTITY_DOCUMENT_KINDS,
  INFORMATION_FORM_LABELS,
  INFORMATION_FORMS,
  PAUSE_REASON_LABELS,
  PAUSE_REASONS,
  RECEIPT_BASES,
  RECEIPT_BASIS_LABELS,
  REOPEN_CAUSE_LABELS,
  REOPEN_CAUSES,
  REQUEST_ACTION_LABELS,
  REQUEST_ACTION_TYPES,
  REQUEST_EVENT_KIND_LABELS,
  REQUEST_EVENT_KINDS,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
} from './index.ts';

const enums: Array<[string, readonly string[], Record<string, string>]> = [
  ['channel', CHANNELS, CHANNEL_LABELS],
  ['receipt basis', RECEIPT_BASES, RECEIPT_BASIS_LABELS],
  ['consultation result', CONSULTATION_RESULTS, CONSULTATION_RESULT_LABELS],
  ['reopen cause', REOPEN_CAUSES, REOPEN_CAUSE_LABELS],
  ['event kind', REQUEST_EVENT_KINDS, REQUEST_EVENT_KIND_LABELS],
  ['request status', REQUEST_STATUSES, REQUEST_STATUS_LABELS],
  ['request action', REQUEST_ACTION_TYPES, REQUEST_ACTION_LABELS],
  ['extension status', EXTENSION_STATUSES, EXTENSION_STATUS_LABELS],
  ['closing kind', ['replied', 'withdrawn', 'correction_lapsed', 'fee_lapsed'], CLOSING_KIND_LABELS],
  ['pause reason', PAUSE_REASONS, PAUSE_REASON_LABELS],
  ['clock start reason', CLOCK_START_REASONS, CLOCK_START_REASON_LABELS],
  ['clock phase', CLOCK_PHASES, CLOCK_PHASE_LABELS],
  ['identity document', IDENTITY_DOCUMENT_KINDS, IDENTITY_DOCUMENT_KIND_LABELS],
  ['information form', INFORMATION_FORMS, INFORMATION_FORM_LABELS],
  ['delivery method', DELIVERY_METHODS, DELIVERY_METHOD_LABELS],
  ['fee method', PROCESSING_FEE_METHODS, PROCESSING_FEE_METHOD_LABELS],
  ['review kind', REVIEW_KINDS, REVIEW_KIND_LABELS],
  ['litigation route', LITIGATION_ROUTES, LITIGATION_ROUTE_LABELS],
  ['review result', REVIEW_RESULTS, REVIEW_RESULT_LABELS],
  ['review status', REVIEW_STATUSES, REVIEW_STATUS_LABELS],
  ['review subject', REVIEW_SUBJECTS, REVIEW_SUBJECT_LABELS],
  ['outcome', OUTCOME_CODES, Object.fromEntries(OUTCOME_CODES.map((c) => [c, outcomeLabel(c)]))],
];

describe('label maps', () => {
  it.each(enums)('every %s has one distinct Chinese label', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) expect(labels[value]).toMatch(/\p{Script=Han}/u);
    expect(new Set(Object.values(labels)).size).toBe(values.length);
  });
});
