import { type Kysely, sql } from 'kysely';

/**
 * 文号 of catalogue entries written as imports write them (normaliseDocumentNumber in
 * src/core/catalogue/decision.ts): spaces dropped and the year's brackets made 六角括号, so that
 * 张审批[2021]3号 typed in the console before this version is found by the same search as
 * 张审批〔2021〕3号. Decisions were always stored so. A change of form, not of content: not audited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE catalogue_entry SET document_number = normalised
    FROM (
      SELECT id, regexp_replace(
               regexp_replace(document_number, '[[:space:]　]+', '', 'g'),
               '[[【（(［]([0-9]{4})[]】）)］]', '〔\\1〕', 'g') AS normalised
      FROM catalogue_entry WHERE document_number IS NOT NULL
    ) AS n
    WHERE catalogue_entry.id = n.id AND catalogue_entry.document_number <> n.normalised
  `.execute(db);
}

export async function down(): Promise<void> {
  // The former spellings are not kept: nothing to undo.
}
