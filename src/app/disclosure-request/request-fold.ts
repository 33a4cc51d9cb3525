import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { WorkdayCalendar } from '../../core/calendar/index.ts';
import {
  computeDeadline,
  type DeadlineStatus,
  foldRequest,
  type RequestEvent,
  type RequestRefusal,
  type RequestState,
} from '../../core/disclosure-request/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type LocalDate, localDateInChina } from '../../core/shared/local-date.ts';
import type { DisclosureRequestCache } from '../../db/repositories/disclosure-request.repository.ts';
import type { AppDeps } from '../shared/deps.ts';

/** Today in China, from the injected clock: every statutory period is counted on civil dates there. */
export function todayOf(deps: AppDeps): LocalDate {
  return localDateInChina(deps.clock.now());
}

/**
 * The row cache of a request, folded from its events: what the lists and the dashboard read without
 * folding every request again. Rebuilt in the transaction that appends events, and again whenever
 * the calendar changes.
 */
export function foldCache(
  events: readonly RequestEvent[],
  calendar: WorkdayCalendar,
  today: LocalDate,
): { cache: DisclosureRequestCache; state: RequestState; deadline: DeadlineStatus } {
  const state = foldRequest(events);
  const deadline = computeDeadline(events, calendar, today);
  const received = state.status !== 'not_received';
  return {
    state,
    deadline,
    cache: {
      status: state.status,
      clockPhase: deadline.phase,
      receivedOn: state.receivedOn,
      dueOn: deadline.dueOn,
      baseDueOn: deadline.baseDueOn,
      totalWorkdays: received ? deadline.totalWorkdays : null,
      paused: deadline.paused,
      pauseReason: deadline.pauseReason,
      pauseLatestEndOn: deadline.pauseLatestEndOn,
      correctBy: deadline.phase === 'stopped_for_correction' ? (state.correction?.correctBy ?? null) : null,
      feePayBy: deadline.feePayBy,
      extensionStatus: state.extension.status,
      outcome: state.outcome,
      closedOn: state.closedOn,
      firstClosedOn: state.firstClosure?.on ?? null,
      firstOutcome: state.firstClosure?.outcome ?? null,
      lastEventOn: state.lastEventOn,
      eventCount: events.length,
      deadlineComputedOn: today,
    },
  };
}

/** A refusal of the core becomes the closed error it names, with the core's Chinese message. */
export function refusalError(refusal: RequestRefusal | { code: string; message: string }): DomainError {
  const code =
    refusal.code === 'forbidden' ||
    refusal.code === 'invalid_state' ||
    refusal.code === 'calendar_year_missing'
      ? refusal.code
      : 'validation_failed';
  return new DomainError(code, refusal.message, 'details' in refusal ? refusal.details : undefined);
}

// Crockford base32 without I, L, O, U: nothing to confuse when read out over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomChars(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** 受理编号: the date of registration and six random characters, e.g. Y20261127-7K3MQ9. */
export function generateTrackingCode(today: LocalDate): string {
  return `Y${today.replaceAll('-', '')}-${randomChars(6)}`;
}

/** 查询码: 12 random characters (60 bits) in three groups; only its hash is stored. */
export function generateLookupSecret(): string {
  const raw = randomChars(12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

const normaliseSecret = (secret: string) => secret.toUpperCase().replace(/[^0-9A-Z]/g, '');

export function hashLookupSecret(trackingCode: string, secret: string): string {
  return createHash('sha256')
    .update(`${trackingCode}:${normaliseSecret(secret)}`)
    .digest('hex');
}

export function isLookupSecretValid(trackingCode: string, secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashLookupSecret(trackingCode, secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
