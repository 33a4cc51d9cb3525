import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE agency (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      code_kind text NOT NULL CHECK (code_kind IN ('unified_social_credit_code', 'organisation_code')),
      name text NOT NULL UNIQUE,
      short_name text,
      level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
      kind text NOT NULL CHECK (kind IN ('government', 'department', 'service_centre')),
      parent_id uuid REFERENCES agency(id),
      address text,
      postal_code text,
      office_hours text,
      phone text,
      fax text,
      email text,
      website text,
      disclosure_office text,
      guide_intro text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (parent_id IS NULL OR parent_id <> id)
    );
    CREATE INDEX agency_parent_idx ON agency (parent_id);

    CREATE TABLE staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agency(id),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL CHECK (cardinality(roles) > 0),
      phone text,
      is_active boolean NOT NULL DEFAULT true,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX staff_agency_idx ON staff (agency_id);

    -- Sessions live in the database so that any app server can serve any request.
    CREATE TABLE session (
      id text PRIMARY KEY,               -- sha256 of the cookie token; the token itself is never stored
      staff_id uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ip text,
      user_agent text
    );
    CREATE INDEX session_staff_idx ON session (staff_id);
    CREATE INDEX session_expires_idx ON session (expires_at);

    -- Append-only: who, when, what, old → new. Updates and deletes are refused by the trigger below.
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_staff_id uuid REFERENCES staff(id),
      actor_label text NOT NULL,
      agency_id uuid REFERENCES agency(id),
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      old_value jsonb,
      new_value jsonb,
      ip text
    );
    CREATE INDEX audit_log_agency_at_idx ON audit_log (agency_id, at DESC);
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

    CREATE FUNCTION refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_audit_log_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_log_change();

    -- The workday calendar: one row per year whose State Council notice is loaded, and its days.
    CREATE TABLE calendar_year (
      year integer PRIMARY KEY,
      source text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      loaded_by text
    );
    CREATE TABLE calendar_day (
      date date PRIMARY KEY,
      year integer NOT NULL REFERENCES calendar_year(year) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday')),
      name text NOT NULL,
      CHECK (extract(year FROM date) = year)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE calendar_day; DROP TABLE calendar_year;
    DROP TABLE audit_log; DROP FUNCTION refuse_audit_log_change();
    DROP TABLE session; DROP TABLE staff; DROP TABLE agency;
  `.execute(db);
}
