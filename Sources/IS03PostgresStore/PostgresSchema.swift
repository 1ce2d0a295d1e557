import Foundation
import IS03Store
import PostgresNIO

/// The schema on PostgreSQL: the same tables, keys, checks and migration names as SQLite's
/// (`Sources/IS03Storage/SQLite/Schema.swift`, `Accounts/AccountSchema.swift`), written in
/// PostgreSQL's dialect. Applied migrations are listed in `is03_migrations`.
///
/// - Warning: A released migration is never edited; append a new one. Keep SQLite's in step.
enum PostgresSchema {
    /// Name → statements, oldest first (one statement per query: the extended protocol runs one at a time).
    static let migrations: [(name: String, statements: [String])] = [
        ("v1 database of record", v1),
        ("v2 review station accounts", v2),
        ("v3 page claims", v3),
        ("v4 experts", v4),
        ("v5 review item message", v5),
        ("v6 sittings", v6Sittings),
    ]

    /// Brings the schema up to date in one transaction, under an advisory lock on the schema's
    /// name, so workers that start together migrate it once and wait for each other.
    static func migrate(_ store: PostgresResultStore) async throws {
        if let schema = store.postgres.schema {
            // Two test cases (or workers) creating the same schema at once: the loser's error is harmless.
            _ = try? await store.transaction { c in try await c.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)")) }
        }
        do {
            try await store.transaction { c in
                try await c.run("SELECT pg_advisory_xact_lock(hashtext('is03 migrations ' || current_schema()))")
                try await c.run("""
                    CREATE TABLE IF NOT EXISTS is03_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL)
                    """)
                let applied = Set(try await c.rows("SELECT identifier FROM is03_migrations").map { try $0.get("identifier", as: String.self) })
                for migration in migrations where !applied.contains(migration.name) {
                    for statement in migration.statements { try await c.run(PostgresQuery(unsafeSQL: statement)) }
                    try await c.run("INSERT INTO is03_migrations (identifier, applied_at) VALUES (\(migration.name), \(Date()))")
                }
            }
        } catch let error as StorageError where error.code != .cannotOpen {
            throw StorageError(.cannotOpen, "cannot bring the schema up to date: \(error.message)", location: store.location)
        }
    }

    /// Same rule as SQLite's `json_valid` CHECKs: JSON columns hold the exact text the store
    /// wrote (so both engines return identical bytes), and the database refuses text that is
    /// not JSON with a CHECK violation rather than a cast error.
    private static let jsonValid = """
        CREATE OR REPLACE FUNCTION is03_json_valid(value text) RETURNS boolean
        LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          PERFORM value::json;
          RETURN true;
        EXCEPTION WHEN others THEN
          RETURN false;
        END $$
        """

    private static let v1: [String] = [
        jsonValid,
        """
        CREATE TABLE packet (
          id bigserial PRIMARY KEY, name text NOT NULL, source_path text NOT NULL UNIQUE,
          registered_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE scan_file (
          id bigserial PRIMARY KEY, packet_id bigint NOT NULL REFERENCES packet ON DELETE RESTRICT,
          path text NOT NULL, sha256 text NOT NULL UNIQUE, size bigint NOT NULL CHECK (size >= 0),
          registered_at timestamptz NOT NULL)
        """,
        "CREATE INDEX scan_file_on_packet_id ON scan_file (packet_id)",
        """
        CREATE TABLE participant_list (
          id bigserial PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL UNIQUE, row_count bigint NOT NULL,
          imported_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE participant (
          id bigserial PRIMARY KEY, list_id bigint NOT NULL REFERENCES participant_list ON DELETE CASCADE,
          position bigint NOT NULL, code text NOT NULL, surname text NOT NULL, name text NOT NULL, patronymic text,
          class_name text NOT NULL, document_series text, document_number text, region text NOT NULL,
          msu text NOT NULL, oo text NOT NULL, auditorium text, absent boolean NOT NULL, category text NOT NULL,
          exam_date text NOT NULL, UNIQUE (list_id, code))
        """,
        """
        CREATE TABLE page (
          id bigserial PRIMARY KEY, file_id bigint NOT NULL REFERENCES scan_file ON DELETE RESTRICT,
          page_index bigint NOT NULL CHECK (page_index >= 0), sha256 text NOT NULL,
          state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
          failure_reason text, template_id text, template_version text, engine_version text, page_class text,
          participant_list_id bigint REFERENCES participant_list ON DELETE SET NULL,
          reading_json text, read_at timestamptz, purged_at timestamptz,
          UNIQUE (file_id, page_index),
          CHECK (state <> 'failed' OR failure_reason IS NOT NULL),
          CHECK (state <> 'done' OR reading_json IS NOT NULL OR purged_at IS NOT NULL),
          CHECK (reading_json IS NULL OR is03_json_valid(reading_json)))
        """,
        "CREATE INDEX page_on_sha256 ON page (sha256)",
        "CREATE INDEX page_on_state ON page (state, id)",
        """
        CREATE TABLE reconciliation (
          id bigserial PRIMARY KEY, page_id bigint NOT NULL UNIQUE REFERENCES page ON DELETE CASCADE,
          participant_list_id bigint REFERENCES participant_list ON DELETE SET NULL, participant_code text,
          method text NOT NULL, score double precision NOT NULL, margin double precision, accepted boolean NOT NULL,
          reconciled_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE result (
          id bigserial PRIMARY KEY, page_id bigint NOT NULL UNIQUE REFERENCES page ON DELETE CASCADE,
          participant_code text, participant_list_id bigint REFERENCES participant_list ON DELETE SET NULL,
          oo text, auditorium text, total bigint, verdict text,
          review_status text NOT NULL CHECK (review_status IN ('final', 'pending-review')),
          payload_json text NOT NULL CHECK (is03_json_valid(payload_json)), updated_at timestamptz NOT NULL)
        """,
        "CREATE INDEX result_on_participant_code ON result (participant_code)",
        "CREATE INDEX result_on_oo_auditorium ON result (oo, auditorium)",
        """
        CREATE TABLE review_item (
          id bigserial PRIMARY KEY, page_id bigint NOT NULL REFERENCES page ON DELETE CASCADE,
          field_id text NOT NULL, reason text NOT NULL, machine_value text,
          candidates_json text NOT NULL CHECK (is03_json_valid(candidates_json)),
          confidence double precision NOT NULL, crop_path text,
          state text NOT NULL CHECK (state IN ('open', 'decided', 'deferred')),
          assigned_operator text, lease_until timestamptz, reading_fingerprint text NOT NULL,
          created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
          UNIQUE (page_id, field_id))
        """,
        "CREATE INDEX review_item_on_state_reason ON review_item (state, reason, id)",
        """
        CREATE TABLE decision (
          id bigserial PRIMARY KEY, item_id bigint NOT NULL REFERENCES review_item ON DELETE CASCADE,
          "operator" text NOT NULL, value text NOT NULL, reason text, reading_fingerprint text NOT NULL,
          decided_at timestamptz NOT NULL)
        """,
        "CREATE INDEX decision_on_item_id ON decision (item_id)",
        """
        CREATE TABLE run (
          id bigserial PRIMARY KEY, command text NOT NULL, engine_version text NOT NULL,
          started_at timestamptz NOT NULL, finished_at timestamptz, pages_done bigint, pages_failed bigint,
          items_queued bigint, results_changed bigint)
        """,
        """
        CREATE TABLE purge (
          id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, cutoff timestamptz NOT NULL,
          summary_json text NOT NULL CHECK (is03_json_valid(summary_json)))
        """,
        """
        CREATE TABLE audit_log (
          id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, entity text NOT NULL,
          entity_id bigint, field text, from_value text, to_value text, redacted boolean NOT NULL DEFAULT false)
        """,
        "CREATE INDEX audit_log_on_entity ON audit_log (entity, entity_id)",
        // Append-only, enforced by the database: no DELETE (nor TRUNCATE, which skips row
        // triggers), and the only UPDATE is a purge's one-way redaction of the values.
        """
        CREATE FUNCTION audit_log_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only: rows cannot be deleted' USING ERRCODE = 'restrict_violation';
        END $$
        """,
        """
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_no_delete()
        """,
        """
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_delete()
        """,
        """
        CREATE FUNCTION audit_log_only_redaction() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT (OLD.redacted = false AND NEW.redacted = true
                  AND NEW.from_value IS NULL AND NEW.to_value IS NULL
                  AND NEW.id = OLD.id AND NEW.at IS NOT DISTINCT FROM OLD.at
                  AND NEW.actor IS NOT DISTINCT FROM OLD.actor AND NEW.entity IS NOT DISTINCT FROM OLD.entity
                  AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.field IS NOT DISTINCT FROM OLD.field) THEN
            RAISE EXCEPTION 'audit_log is append-only: rows cannot be changed, only redacted by a purge'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER audit_log_only_redaction BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_only_redaction()
        """,
    ]

    private static let v2: [String] = [
        """
        CREATE TABLE account (
          id bigserial PRIMARY KEY, name text NOT NULL UNIQUE,
          role text NOT NULL CHECK (role IN ('operator', 'supervisor')), password_hash text NOT NULL,
          disabled boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE account_session (
          token_hash text PRIMARY KEY, account_id bigint NOT NULL REFERENCES account ON DELETE CASCADE,
          csrf_token text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)
        """,
        "CREATE INDEX account_session_on_account_id ON account_session (account_id)",
        """
        CREATE TABLE review_opinion (
          id bigserial PRIMARY KEY, item_id bigint NOT NULL REFERENCES review_item ON DELETE CASCADE,
          "operator" text NOT NULL, value text NOT NULL, at timestamptz NOT NULL, UNIQUE (item_id, "operator"))
        """,
    ]

    /// Page claims of `is03 worker` (see `PageClaimStore`) and named job locks; the partial index keeps the
    /// claim query an index walk over pending pages only, however large the table grows.
    private static let v3: [String] = [
        "ALTER TABLE page ADD COLUMN claimed_by text, ADD COLUMN lease_until timestamptz",
        "CREATE INDEX page_pending_on_id ON page (id) WHERE state = 'pending'",
        "CREATE TABLE job_lock (name text PRIMARY KEY, holder text NOT NULL, lease_until timestamptz NOT NULL)",
    ]

    /// The pipeline's specific message of a review item (SQLite's `createV5`).
    private static let v5: [String] = [
        "ALTER TABLE review_item ADD COLUMN message text",
    ]

    private static let v4: [String] = [
        "ALTER TABLE participant_list ADD COLUMN expert_count bigint NOT NULL DEFAULT 0",
        """
        CREATE TABLE expert (
          id bigserial PRIMARY KEY, list_id bigint NOT NULL REFERENCES participant_list ON DELETE CASCADE,
          position bigint NOT NULL, code text NOT NULL, surname text NOT NULL, name text NOT NULL, patronymic text,
          oo text NOT NULL, UNIQUE (list_id, code))
        """,
    ]

    /// Sittings, as SQLite's `v6 sittings` (`Schema.createV6Sittings`).
    private static let v6Sittings: [String] = [
        "ALTER TABLE participant_list ADD COLUMN sitting text",
        "ALTER TABLE packet ADD COLUMN sitting text",
        "CREATE INDEX participant_list_on_sitting ON participant_list (sitting, id)",
        "CREATE INDEX packet_on_sitting ON packet (sitting)",
    ] + SittingSQL.adoptOneSitting
}
