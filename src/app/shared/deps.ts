import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The clock is passed in so that use cases are testable at any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every use case receives: a small, named set of dependencies. */
export interface AppDeps {
  db: Kysely<DB>;
  clock: Clock;
}
