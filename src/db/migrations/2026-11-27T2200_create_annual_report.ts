import { type Kysely, sql } from 'kysely';

/**
 * The annual report (条例第五十条) of an agency for a year, and the record of every cell value a person
 * entered. The tables are kept whole as canonical JSON (annual-report-format.md) so that an authored, a
 * parsed and a compiled report have one shape and the same rules run on all three.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE annual_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      year integer NOT NULL CHECK (year BETWEEN 2008 AND 2100),
      format_version text NOT NULL CHECK (format_version IN ('2021', '2019')),
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted', 'published')),
      source text NOT NULL CHECK (source IN ('authored', 'parsed', 'compiled')),
      tables jsonb NOT NULL,
      prose jsonb NOT NULL,
      -- parsed: the file and where each cell was read; compiled: the reports summed.
      provenance jsonb,
      return_reason text,
      submitted_at timestamptz,
      submitted_by uuid REFERENCES staff(id),
      returned_at timestamptz,
      returned_by uuid REFERENCES staff(id),
      accepted_at timestamptz,
      accepted_by uuid REFERENCES staff(id),
      published_at timestamptz,
      published_by uuid REFERENCES staff(id),
      -- The day the report went public, compared with the 条例第四十九条 deadline.
      published_on date,
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (agency_id, year),
      -- A report read from a published file may not state its date.
      CHECK (status <> 'published' OR published_on IS NOT NULL OR source = 'parsed'),
      CHECK (status <> 'returned' OR return_reason IS NOT NULL)
    );
    CREATE INDEX annual_report_year_idx ON annual_report (year);

    -- Append-only history of cell values: the latest row per cell says who entered the value shown.
    CREATE TABLE annual_report_cell_entry (
      id bigserial PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES annual_report(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      cell_id text NOT NULL,
      value numeric,
      origin text NOT NULL CHECK (origin IN ('manual', 'prefilled', 'compiled')),
      entered_by uuid REFERENCES staff(id),
      entered_by_label text NOT NULL,
      entered_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX annual_report_cell_entry_report_idx ON annual_report_cell_entry (report_id, cell_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE annual_report_cell_entry; DROP TABLE annual_report;`.execute(db);
}
