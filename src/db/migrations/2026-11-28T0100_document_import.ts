import { type Kysely, sql } from 'kysely';

/**
 * Bulk import of an agency's existing catalogue (src/app/import/import-documents.ts): import jobs may
 * now target documents; an imported entry records its file and line (provenance, no foreign key —
 * like decisions); and the natural key of a re-import — the 文号 within the agency, else the title
 * and 成文日期 — is looked up through one index (document_number IS NULL rows included).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE import_job DROP CONSTRAINT import_job_target_check;
    ALTER TABLE import_job ADD CONSTRAINT import_job_target_check CHECK (target IN ('decisions', 'documents'));
    ALTER TABLE catalogue_entry ADD COLUMN import_job_id uuid, ADD COLUMN source_line integer;
    CREATE INDEX catalogue_entry_natural_key_idx ON catalogue_entry (agency_id, document_number, formed_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX catalogue_entry_natural_key_idx;
    ALTER TABLE catalogue_entry DROP COLUMN import_job_id, DROP COLUMN source_line;
    DELETE FROM import_job WHERE target = 'documents';
    ALTER TABLE import_job DROP CONSTRAINT import_job_target_check;
    ALTER TABLE import_job ADD CONSTRAINT import_job_target_check CHECK (target IN ('decisions'));
  `.execute(db);
}
