import { type Kysely, sql } from 'kysely';

/**
 * Decisions carry the catalogue's change feed too (see 2026-11-28T0000_catalogue_change_feed): the
 * portal's search keeps their 文号 in memory and follows the table through `changed_xid`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE decision ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
    CREATE TRIGGER decision_changed BEFORE UPDATE ON decision
      FOR EACH ROW EXECUTE FUNCTION catalogue_entry_mark_changed();
    CREATE INDEX decision_changed_xid_idx ON decision (changed_xid);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER decision_changed ON decision;
    ALTER TABLE decision DROP COLUMN changed_xid;
  `.execute(db);
}
