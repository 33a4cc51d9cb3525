import { type Kysely, sql } from 'kysely';

/**
 * Disclosure requests (依申请公开). `request_event` is the only truth; the state columns of
 * `disclosure_request` (status, due_on, …) are a query cache rebuilt from the events in the same
 * transaction that appends them. Attachments and issued letters are kept in the database with the
 * request (条例第四十五条: 登记、审核、办理、答复、归档).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE disclosure_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      tracking_code text NOT NULL UNIQUE,
      -- sha256 of the applicant's lookup secret; the secret itself is shown once and never stored.
      lookup_secret_hash text NOT NULL,
      applicant_type text NOT NULL CHECK (applicant_type IN ('natural_person', 'commercial_enterprise',
        'research_institution', 'public_interest_org', 'legal_service_org', 'other_org')),
      applicant_name text NOT NULL,
      identity_document_kind text NOT NULL
        CHECK (identity_document_kind IN ('resident_id', 'unified_social_credit_code', 'passport', 'other')),
      identity_document_name text,
      -- Stored in full for repeat detection and the per-applicant fee count; masked in every view.
      identity_number text NOT NULL,
      contact_person text,
      phone text NOT NULL,
      email text,
      postal_address text,
      postal_code text,
      description text NOT NULL,
      document_number text,
      form_wanted text NOT NULL CHECK (form_wanted IN ('paper', 'email', 'cd', 'inspection')),
      delivery text NOT NULL CHECK (delivery IN ('post', 'pick_up', 'email', 'online')),
      needs_assistance boolean NOT NULL DEFAULT false,
      -- 109号第四条: pieces after splitting into the smallest reasonable units (一事一申请).
      pieces integer NOT NULL DEFAULT 1 CHECK (pieces >= 1),
      channel text NOT NULL CHECK (channel IN ('in_person', 'post', 'online', 'fax', 'email', 'oral')),
      submitted_at timestamptz,
      note text,
      assigned_staff_id uuid REFERENCES staff(id),
      repeat_hints jsonb NOT NULL DEFAULT '[]',
      -- Cache (folded from request_event):
      status text NOT NULL DEFAULT 'not_received',
      clock_phase text NOT NULL DEFAULT 'not_received',
      received_on date,
      due_on date,
      base_due_on date,
      total_workdays integer,
      paused boolean NOT NULL DEFAULT false,
      pause_reason text,
      pause_latest_end_on date,
      correct_by date,
      fee_pay_by date,
      extension_status text NOT NULL DEFAULT 'none',
      outcome text,
      closed_on date,
      first_closed_on date,
      first_outcome text,
      last_event_on date,
      event_count integer NOT NULL DEFAULT 0,
      deadline_computed_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX disclosure_request_agency_status_idx ON disclosure_request (agency_id, status, due_on);
    CREATE INDEX disclosure_request_open_idx ON disclosure_request (agency_id, due_on)
      WHERE status NOT IN ('replied', 'withdrawn', 'lapsed');
    CREATE INDEX disclosure_request_identity_idx ON disclosure_request (agency_id, identity_number);
    CREATE INDEX disclosure_request_received_idx ON disclosure_request (agency_id, received_on);
    CREATE INDEX disclosure_request_assigned_idx ON disclosure_request (assigned_staff_id);

    CREATE TABLE request_event (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES disclosure_request(id),
      agency_id uuid NOT NULL REFERENCES agency(id),
      -- 1, 2, 3 … per request: two writers appending the same number collide on the unique index.
      seq integer NOT NULL CHECK (seq >= 1),
      kind text NOT NULL CHECK (kind IN ('received', 'correction_requested', 'correction_received',
        'correction_lapsed', 'third_party_consultation_started', 'third_party_consultation_ended',
        'agency_consultation_started', 'agency_consultation_ended', 'extension_requested',
        'extension_granted', 'extension_refused', 'fee_notice_issued', 'fee_paid', 'fee_lapsed',
        'replied', 'withdrawn', 'reopened')),
      occurred_on date NOT NULL,
      actor_staff_id uuid REFERENCES staff(id),
      payload jsonb NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (request_id, seq)
    );
    CREATE INDEX request_event_agency_idx ON request_event (agency_id, occurred_on);

    CREATE FUNCTION refuse_request_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'request_event is append-only';
    END $$;
    CREATE TRIGGER request_event_append_only BEFORE UPDATE OR DELETE ON request_event
      FOR EACH ROW EXECUTE FUNCTION refuse_request_event_change();
    CREATE TRIGGER request_event_no_truncate BEFORE TRUNCATE ON request_event
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_request_event_change();

    -- Files of a request: the applicant's, the disclosed information, and every issued letter.
    CREATE TABLE request_attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES disclosure_request(id),
      agency_id uuid NOT NULL REFERENCES agency(id),
      kind text NOT NULL CHECK (kind IN ('applicant_file', 'disclosed_information', 'issued_letter')),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 0 AND 10485760),
      sha256 text NOT NULL,
      content bytea NOT NULL CHECK (octet_length(content) = size_bytes),
      -- Whether the applicant may download it from the portal (issued letters, disclosed information).
      visible_to_applicant boolean NOT NULL DEFAULT false,
      note text,
      uploaded_by uuid REFERENCES staff(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX request_attachment_request_idx ON request_attachment (request_id);

    -- Letters drafted from a versioned template, edited, then issued (the DOCX is archived as an attachment).
    CREATE TABLE request_letter (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES disclosure_request(id),
      agency_id uuid NOT NULL REFERENCES agency(id),
      kind text NOT NULL,
      template_key text NOT NULL,
      template_version text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
      attachment_id uuid REFERENCES request_attachment(id),
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      issued_by uuid REFERENCES staff(id),
      issued_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CHECK ((status = 'issued') = (attachment_id IS NOT NULL))
    );
    CREATE INDEX request_letter_request_idx ON request_letter (request_id);

    -- 行政复议 / 行政诉讼: child cases of the reply (or failure to reply) they contest.
    CREATE TABLE review_case (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES disclosure_request(id),
      agency_id uuid NOT NULL REFERENCES agency(id),
      -- The reply event contested (null when the case is about a failure to reply).
      contested_event_seq integer,
      kind text NOT NULL CHECK (kind IN ('reconsideration', 'litigation')),
      route text CHECK (route IN ('direct', 'after_reconsideration')),
      reconsideration_case_id uuid REFERENCES review_case(id),
      subject text NOT NULL CHECK (subject IN ('reply', 'failure_to_reply')),
      body text NOT NULL,
      case_number text,
      received_on date NOT NULL,
      decided_on date,
      result text CHECK (result IN ('upheld', 'corrected', 'other')),
      counted_in_report boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((kind = 'reconsideration') = (route IS NULL)),
      CHECK ((result IS NULL) = (decided_on IS NULL)),
      FOREIGN KEY (request_id, contested_event_seq) REFERENCES request_event (request_id, seq)
    );
    CREATE INDEX review_case_request_idx ON review_case (request_id);
    CREATE INDEX review_case_agency_idx ON review_case (agency_id, received_on);

    -- Due dates moved by a change of the workday calendar, for the staff to see.
    CREATE TABLE due_date_change (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES disclosure_request(id),
      agency_id uuid NOT NULL REFERENCES agency(id),
      calendar_year integer NOT NULL,
      old_due_on date,
      new_due_on date,
      changed_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES staff(id)
    );
    CREATE INDEX due_date_change_agency_idx ON due_date_change (agency_id, changed_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE due_date_change;
    DROP TABLE review_case;
    DROP TABLE request_letter;
    DROP TABLE request_attachment;
    DROP TABLE request_event; DROP FUNCTION refuse_request_event_change();
    DROP TABLE disclosure_request;
  `.execute(db);
}
