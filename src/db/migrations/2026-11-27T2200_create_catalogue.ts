import { type Kysely, sql } from 'kysely';

/**
 * Proactive disclosure (主动公开): the catalogue with its 索引号, the decisions (双公示) that arrive by
 * bulk import, the import jobs, and the fee records section 二 reports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Each agency's 索引号 rule (default {org}/{yyyy}-{seq:5}); absent row = the national default.
    CREATE TABLE catalogue_setting (
      agency_id uuid PRIMARY KEY REFERENCES agency(id),
      index_number_pattern text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );

    -- Serials only ever go up, so a number once given (even to a withdrawn entry) is never given again.
    CREATE TABLE index_number_counter (
      agency_id uuid NOT NULL REFERENCES agency(id),
      period text NOT NULL,
      last_serial integer NOT NULL CHECK (last_serial > 0),
      PRIMARY KEY (agency_id, period)
    );

    CREATE TABLE catalogue_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      index_number text UNIQUE,
      title text NOT NULL,
      summary text,
      body text,
      issuing_agency_name text NOT NULL,
      document_number text,
      formed_on date NOT NULL,
      published_on date,
      category text NOT NULL,
      document_type text NOT NULL CHECK (document_type IN ('rule', 'normative_document', 'policy_document',
        'policy_interpretation', 'graphic_interpretation', 'notice', 'other')),
      topic text,
      validity text NOT NULL DEFAULT 'in_force' CHECK (validity IN ('in_force', 'expired', 'repealed')),
      validity_changed_on date,
      repealed_by text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'withdrawn')),
      review_note text,
      withdrawn_on date,
      withdrawal_reason text,
      -- jieba tokens of the title, summary, 文号 and agency (src/search), as lexemes of a 'simple' vector.
      search_tokens tsvector NOT NULL DEFAULT ''::tsvector,
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((status IN ('published', 'withdrawn')) = (index_number IS NOT NULL AND published_on IS NOT NULL)),
      CHECK (status <> 'withdrawn' OR (withdrawn_on IS NOT NULL AND withdrawal_reason IS NOT NULL)),
      CHECK (published_on IS NULL OR published_on >= formed_on),
      CHECK (validity = 'in_force' OR validity_changed_on IS NOT NULL)
    );
    CREATE INDEX catalogue_entry_agency_idx ON catalogue_entry (agency_id, status, formed_on);
    CREATE INDEX catalogue_entry_published_idx ON catalogue_entry (published_on DESC, id DESC)
      WHERE status = 'published';
    CREATE INDEX catalogue_entry_agency_published_idx ON catalogue_entry (agency_id, published_on DESC, id DESC)
      WHERE status = 'published';
    -- Words and filter lexemes of published entries (drafts are never searched).
    CREATE INDEX catalogue_entry_tokens_idx ON catalogue_entry USING gin (search_tokens) WHERE status = 'published';
    CREATE INDEX catalogue_entry_title_trgm_idx ON catalogue_entry USING gin (title gin_trgm_ops)
      WHERE status = 'published';
    CREATE INDEX catalogue_entry_number_trgm_idx ON catalogue_entry USING gin (document_number gin_trgm_ops)
      WHERE status = 'published';

    CREATE TABLE catalogue_attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      entry_id uuid NOT NULL REFERENCES catalogue_entry(id),
      file_name text NOT NULL,
      media_type text NOT NULL,
      byte_size integer NOT NULL CHECK (byte_size >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX catalogue_attachment_entry_idx ON catalogue_attachment (entry_id);

    -- A 政策解读 or 图解 is itself a catalogue entry, linked to the document it explains.
    CREATE TABLE catalogue_link (
      agency_id uuid NOT NULL REFERENCES agency(id),
      entry_id uuid NOT NULL REFERENCES catalogue_entry(id),
      interpretation_id uuid NOT NULL REFERENCES catalogue_entry(id),
      kind text NOT NULL CHECK (kind IN ('policy_interpretation', 'graphic_interpretation')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (entry_id, interpretation_id),
      CHECK (entry_id <> interpretation_id)
    );
    CREATE INDEX catalogue_link_interpretation_idx ON catalogue_link (interpretation_id);

    CREATE TABLE import_job (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      target text NOT NULL CHECK (target IN ('decisions')),
      file_name text NOT NULL,
      byte_size bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
      phase text NOT NULL CHECK (phase IN ('reading', 'checking', 'committing', 'done')),
      rows_read integer NOT NULL DEFAULT 0,
      bytes_read bigint NOT NULL DEFAULT 0,
      rows_inserted integer NOT NULL DEFAULT 0,
      rows_unchanged integer NOT NULL DEFAULT 0,
      error_count integer NOT NULL DEFAULT 0,
      -- The first problems found, {line, column?, message}; error_count counts them all.
      errors jsonb NOT NULL DEFAULT '[]',
      message text,
      options jsonb NOT NULL DEFAULT '{}',
      started_by uuid REFERENCES staff(id),
      started_by_label text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX import_job_agency_idx ON import_job (agency_id, started_at DESC);

    -- 行政许可、行政处罚、行政强制 decisions (双公示). One per agency, kind and 文号: re-imports add nothing.
    CREATE TABLE decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      kind text NOT NULL CHECK (kind IN ('licensing', 'penalty', 'coercion')),
      document_number text NOT NULL,
      title text NOT NULL,
      matter_name text,
      matter_category text,
      counterparty_name text NOT NULL,
      counterparty_code text,
      decided_on date NOT NULL,
      valid_from date,
      valid_until date,
      published_on date,
      content text,
      basis text,
      amount_yuan numeric(16, 2) CHECK (amount_yuan >= 0),
      -- Provenance only (which file, which line): no foreign key, whose check per row would cost
      -- a bulk import a third of its speed.
      import_job_id uuid,
      source_line integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (agency_id, kind, document_number)
    );
    CREATE INDEX decision_agency_decided_idx ON decision (agency_id, kind, decided_on);
    -- 文号 fragments and counterparty names (a company looking for its own licence) through pg_trgm.
    CREATE INDEX decision_number_trgm_idx ON decision USING gin (document_number gin_trgm_ops);
    CREATE INDEX decision_counterparty_trgm_idx ON decision USING gin (counterparty_name gin_trgm_ops);

    -- 行政事业性收费 collected, per item and year (section 二, 第二十条第（八）项, in 万元).
    CREATE TABLE administrative_fee (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      item text NOT NULL,
      basis text,
      amount_yuan numeric(16, 2) NOT NULL CHECK (amount_yuan >= 0),
      note text,
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX administrative_fee_agency_year_idx ON administrative_fee (agency_id, year);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE administrative_fee; DROP TABLE decision; DROP TABLE import_job;
    DROP TABLE catalogue_link; DROP TABLE catalogue_attachment; DROP TABLE catalogue_entry;
    DROP TABLE index_number_counter; DROP TABLE catalogue_setting;
  `.execute(db);
}
