import { type Kysely, sql } from 'kysely';

/**
 * A report cell may now hold a figure computed from the ledger (catalogue, decisions, fee records,
 * requests, review cases): origin 'computed', recorded like any other entry with who asked for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE annual_report_cell_entry DROP CONSTRAINT annual_report_cell_entry_origin_check;
    ALTER TABLE annual_report_cell_entry ADD CONSTRAINT annual_report_cell_entry_origin_check
      CHECK (origin IN ('manual', 'prefilled', 'compiled', 'computed'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM annual_report_cell_entry WHERE origin = 'computed';
    ALTER TABLE annual_report_cell_entry DROP CONSTRAINT annual_report_cell_entry_origin_check;
    ALTER TABLE annual_report_cell_entry ADD CONSTRAINT annual_report_cell_entry_origin_check
      CHECK (origin IN ('manual', 'prefilled', 'compiled'));
  `.execute(db);
}
