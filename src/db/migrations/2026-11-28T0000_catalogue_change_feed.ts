import { type Kysely, sql } from 'kysely';

/**
 * The in-memory search index (src/search/indexed-catalogue-search.ts) follows the catalogue through
 * `changed_xid`: the transaction that last wrote each entry. A reader remembers the oldest
 * transaction still running when it last looked (pg_snapshot_xmin) and next reads every entry
 * written from that transaction on — so an entry written by a long transaction (an import) that
 * commits after a quicker one is never skipped, as it could be with a sequence or a timestamp.
 *
 * The fragment search now matches the 文号 only (titles are found by their words), so the title
 * trigram index is dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE catalogue_entry ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
    CREATE FUNCTION catalogue_entry_mark_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.changed_xid := pg_current_xact_id();
      RETURN NEW;
    END
    $$;
    CREATE TRIGGER catalogue_entry_changed BEFORE UPDATE ON catalogue_entry
      FOR EACH ROW EXECUTE FUNCTION catalogue_entry_mark_changed();
    CREATE INDEX catalogue_entry_changed_xid_idx ON catalogue_entry (changed_xid);
    DROP INDEX catalogue_entry_title_trgm_idx;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX catalogue_entry_title_trgm_idx ON catalogue_entry USING gin (title gin_trgm_ops)
      WHERE status = 'published';
    DROP TRIGGER catalogue_entry_changed ON catalogue_entry;
    DROP FUNCTION catalogue_entry_mark_changed();
    ALTER TABLE catalogue_entry DROP COLUMN changed_xid;
  `.execute(db);
}
