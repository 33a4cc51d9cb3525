import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

/** A repository works on the database or inside a transaction, alike. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Postgres unique_violation, on both engines. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** `(SELECT id …)`: the ids of an agency and of every agency below it, for `where(col, 'in', …)`. */
export function agencySubtreeIds(rootAgencyId: string): RawBuilder<string> {
  return sql<string>`(WITH RECURSIVE subtree(id) AS (
    SELECT id FROM agency WHERE id = ${rootAgencyId}
    UNION ALL SELECT a.id FROM agency a JOIN subtree s ON a.parent_id = s.id
  ) SELECT id FROM subtree)`;
}
