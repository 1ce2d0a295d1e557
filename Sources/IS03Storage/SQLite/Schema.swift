import GRDB

/// The database schema as a list of versioned migrations.
///
/// - Warning: A migration that has been released is never edited: databases in the field have
///   already run it. Change the schema by appending a new migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 database of record", migrate: createV1)
        AccountSchema.register(in: &migrator)  // review station: Accounts/AccountSchema.swift
        migrator.registerMigration("v3 page claims", migrate: createV3)  // workers: SQLiteResultStore+Claims.swift
        migrator.registerMigration("v4 experts", migrate: createV4)
        migrator.registerMigration("v5 review item message", migrate: createV5)
        migrator.registerMigration("v6 sittings", migrate: createV6Sittings)
        return migrator
    }

    /// The pipeline's specific message of a review item, so the station shows what
    /// `review.xml` says (the rule that fired, who already has the sheet), not only the reason.
    private static func createV5(_ db: Database) throws {
        try db.alter(table: "review_item") { t in t.add(column: "message", .text) }
    }

    /// Sittings (seed 003 §4): a participant list is imported for one, a packet processed into
    /// one; pages and results belong to their packet's sitting. A database written before is
    /// brought into one sitting (``SittingSQL/adoptOneSitting``).
    static func createV6Sittings(_ db: Database) throws {
        try db.alter(table: "participant_list") { t in t.add(column: "sitting", .text) }
        try db.alter(table: "packet") { t in t.add(column: "sitting", .text) }
        try db.create(index: "participant_list_on_sitting", on: "participant_list", columns: ["sitting", "id"])
        try db.create(index: "packet_on_sitting", on: "packet", columns: ["sitting"])
        for statement in SittingSQL.adoptOneSitting { try db.execute(sql: statement) }
    }

    /// The optional experts list, stored with the participant list version it was imported
    /// with, so re-assembly and `reprocess` use the same experts (and purge removes them too).
    private static func createV4(_ db: Database) throws {
        try db.alter(table: "participant_list") { t in
            t.add(column: "expert_count", .integer).notNull().defaults(to: 0)
        }
        try db.create(table: "expert") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("list_id", .integer).notNull().references("participant_list", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("code", .text).notNull()
            t.column("surname", .text).notNull()
            t.column("name", .text).notNull()
            t.column("patronymic", .text)
            t.column("oo", .text).notNull()
            t.uniqueKey(["list_id", "code"])
        }
    }

    /// Packets → scan files → pages; participant lists → participants; per page: one
    /// reconciliation, one result, review items → decisions; plus runs, purges and the audit log.
    private static func createV1(_ db: Database) throws {
        try db.create(table: "packet") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("source_path", .text).notNull().unique()
            t.column("registered_at", .datetime).notNull()
        }
        try db.create(table: "scan_file") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("packet_id", .integer).notNull().indexed().references("packet", onDelete: .restrict)
            t.column("path", .text).notNull()
            // The file's identity: the same bytes under any path are the same file.
            t.column("sha256", .text).notNull().unique()
            t.column("size", .integer).notNull().check { $0 >= 0 }
            t.column("registered_at", .datetime).notNull()
        }
        try db.create(table: "participant_list") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("sha256", .text).notNull().unique()
            t.column("row_count", .integer).notNull()
            t.column("imported_at", .datetime).notNull()
        }
        try db.create(table: "participant") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("list_id", .integer).notNull().references("participant_list", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("code", .text).notNull()
            t.column("surname", .text).notNull()
            t.column("name", .text).notNull()
            t.column("patronymic", .text)
            t.column("class_name", .text).notNull()
            t.column("document_series", .text)
            t.column("document_number", .text)
            t.column("region", .text).notNull()
            t.column("msu", .text).notNull()
            t.column("oo", .text).notNull()
            t.column("auditorium", .text)
            t.column("absent", .boolean).notNull()
            t.column("category", .text).notNull()
            t.column("exam_date", .text).notNull()
            t.uniqueKey(["list_id", "code"])
        }
        try db.create(table: "page") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("file_id", .integer).notNull().references("scan_file", onDelete: .restrict)
            t.column("page_index", .integer).notNull().check { $0 >= 0 }
            t.column("sha256", .text).notNull().indexed()
            t.column("state", .text).notNull().defaults(to: "pending")
                .check(sql: "state IN ('pending', 'done', 'failed')")
            t.column("failure_reason", .text)
            t.column("template_id", .text)
            t.column("template_version", .text)
            t.column("engine_version", .text)
            t.column("page_class", .text)
            t.column("participant_list_id", .integer).references("participant_list", onDelete: .setNull)
            t.column("reading_json", .text)
            t.column("read_at", .datetime)
            t.column("purged_at", .datetime)
            t.uniqueKey(["file_id", "page_index"])
            t.check(sql: "state <> 'failed' OR failure_reason IS NOT NULL")
            t.check(sql: "state <> 'done' OR reading_json IS NOT NULL OR purged_at IS NOT NULL")
            t.check(sql: "reading_json IS NULL OR json_valid(reading_json)")
        }
        try db.create(index: "page_on_state", on: "page", columns: ["state", "id"])
        try db.create(table: "reconciliation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("page_id", .integer).notNull().unique().references("page", onDelete: .cascade)
            t.column("participant_list_id", .integer).references("participant_list", onDelete: .setNull)
            t.column("participant_code", .text)
            t.column("method", .text).notNull()
            t.column("score", .double).notNull()
            t.column("margin", .double)
            t.column("accepted", .boolean).notNull()
            t.column("reconciled_at", .datetime).notNull()
        }
        try db.create(table: "result") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("page_id", .integer).notNull().unique().references("page", onDelete: .cascade)
            t.column("participant_code", .text).indexed()
            t.column("participant_list_id", .integer).references("participant_list", onDelete: .setNull)
            t.column("oo", .text)
            t.column("auditorium", .text)
            t.column("total", .integer)
            t.column("verdict", .text)
            t.column("review_status", .text).notNull()
                .check(sql: "review_status IN ('final', 'pending-review')")
            t.column("payload_json", .text).notNull().check(sql: "json_valid(payload_json)")
            t.column("updated_at", .datetime).notNull()
        }
        try db.create(index: "result_on_oo_auditorium", on: "result", columns: ["oo", "auditorium"])
        try db.create(table: "review_item") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("page_id", .integer).notNull().references("page", onDelete: .cascade)
            t.column("field_id", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("machine_value", .text)
            t.column("candidates_json", .text).notNull().check(sql: "json_valid(candidates_json)")
            t.column("confidence", .double).notNull()
            t.column("crop_path", .text)
            t.column("state", .text).notNull().check(sql: "state IN ('open', 'decided', 'deferred')")
            t.column("assigned_operator", .text)
            t.column("lease_until", .datetime)
            t.column("reading_fingerprint", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("updated_at", .datetime).notNull()
            // One question per field per page: re-processing updates it instead of piling up.
            t.uniqueKey(["page_id", "field_id"])
        }
        try db.create(index: "review_item_on_state_reason", on: "review_item", columns: ["state", "reason", "id"])
        try db.create(table: "decision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("item_id", .integer).notNull().indexed().references("review_item", onDelete: .cascade)
            t.column("operator", .text).notNull()
            t.column("value", .text).notNull()
            t.column("reason", .text)
            t.column("reading_fingerprint", .text).notNull()
            t.column("decided_at", .datetime).notNull()
        }
        try db.create(table: "run") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("command", .text).notNull()
            t.column("engine_version", .text).notNull()
            t.column("started_at", .datetime).notNull()
            t.column("finished_at", .datetime)
            t.column("pages_done", .integer)
            t.column("pages_failed", .integer)
            t.column("items_queued", .integer)
            t.column("results_changed", .integer)
        }
        try db.create(table: "purge") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("actor", .text).notNull()
            t.column("cutoff", .datetime).notNull()
            t.column("summary_json", .text).notNull().check(sql: "json_valid(summary_json)")
        }
        try db.create(table: "audit_log") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("actor", .text).notNull()
            t.column("entity", .text).notNull()
            t.column("entity_id", .integer)
            t.column("field", .text)
            t.column("from_value", .text)
            t.column("to_value", .text)
            t.column("redacted", .boolean).notNull().defaults(to: false)
        }
        try db.create(index: "audit_log_on_entity", on: "audit_log", columns: ["entity", "entity_id"])
        // Append-only, enforced by the database rather than by our code: no DELETE ever, and the
        // only UPDATE allowed is a purge's one-way redaction of the old/new values (personal
        // data must be destroyable, seed 003 §11) that keeps who, when, what and which field.
        try db.execute(sql: """
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
            CREATE TRIGGER audit_log_only_redaction BEFORE UPDATE ON audit_log
            WHEN NOT (OLD.redacted = 0 AND NEW.redacted = 1
                      AND NEW.from_value IS NULL AND NEW.to_value IS NULL
                      AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
                      AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id
                      AND NEW.field IS OLD.field)
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed, only redacted by a purge'); END;
            """)
    }
}
