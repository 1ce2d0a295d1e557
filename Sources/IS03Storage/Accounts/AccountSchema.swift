import GRDB

/// The review station's own tables, added to the database of record by one migration that
/// ``Schema`` registers after its own.
///
/// - Warning: Released migrations are never edited; append a new one to change these tables.
enum AccountSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2 review station accounts", migrate: createV2)
    }

    /// Accounts, sessions (by token hash) and the first/second opinions of double verification.
    private static func createV2(_ db: Database) throws {
        try db.create(table: "account") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("role", .text).notNull().check(sql: "role IN ('operator', 'supervisor')")
            t.column("password_hash", .text).notNull()
            t.column("disabled", .boolean).notNull().defaults(to: false)
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "account_session") { t in
            // SHA-256 of the cookie's random id: the id itself is never stored.
            t.primaryKey("token_hash", .text)
            t.column("account_id", .integer).notNull().indexed().references("account", onDelete: .cascade)
            t.column("csrf_token", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("expires_at", .datetime).notNull()
        }
        try db.create(table: "review_opinion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("item_id", .integer).notNull().references("review_item", onDelete: .cascade)
            t.column("operator", .text).notNull()
            t.column("value", .text).notNull()
            t.column("at", .datetime).notNull()
            // One opinion per operator per item: a second look must come from someone else.
            t.uniqueKey(["item_id", "operator"])
        }
    }
}
