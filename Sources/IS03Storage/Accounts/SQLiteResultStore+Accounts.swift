import Foundation
import GRDB

extension SQLiteResultStore: AccountStore {
    @discardableResult
    public func saveAccount(name: String, role: AccountRole, passwordHash: String, actor: String) async throws -> Account {
        let now = now()
        return try await writer.write { [self] db in
            let existing = try Row.fetchOne(db, sql: "SELECT id, role FROM account WHERE name = ?", arguments: [name])
            if let existing {
                try db.execute(sql: "UPDATE account SET role = ?, password_hash = ?, disabled = 0 WHERE id = ?",
                               arguments: [role.rawValue, passwordHash, existing["id"] as Int64])
            } else {
                try db.execute(sql: "INSERT INTO account (name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, 0, ?)",
                               arguments: [name, role.rawValue, passwordHash, now])
            }
            let id: Int64 = existing?["id"] ?? db.lastInsertedRowID
            // The audit says who changed which account and its role, never the hash.
            try audit(db, actor: actor, entity: "account", entityID: id, field: "role",
                      from: existing?["role"], to: role.rawValue)
            guard let account = try fetchAccount(db, sql: "SELECT * FROM account WHERE id = ?", id) else {
                throw notFound("account", id)
            }
            return account
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await writer.read { [self] db in try fetchAccount(db, sql: "SELECT * FROM account WHERE name = ?", name) }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").compactMap(Self.account(row:))
        }
    }

    public func disableAccount(named name: String, actor: String) async throws {
        try await writer.write { [self] db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) else {
                throw StorageError(.notFound, "no account called \(name); list them with `is03 user list`", location: location)
            }
            try db.execute(sql: "UPDATE account SET disabled = 1 WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM account_session WHERE account_id = ?", arguments: [id])
            try audit(db, actor: actor, entity: "account", entityID: id, field: "disabled", from: "0", to: "1")
        }
    }

    public func createSession(tokenHash: String, accountID: Int64, csrfToken: String, expiresAt: Date) async throws {
        let now = now()
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO account_session (token_hash, account_id, csrf_token, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [tokenHash, accountID, csrfToken, now, expiresAt])
        }
    }

    public func session(tokenHash: String) async throws -> AccountSession? {
        let now = now()
        return try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.token_hash, s.csrf_token, s.created_at AS s_created, s.expires_at, a.*
                FROM account_session s JOIN account a ON a.id = s.account_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0
                """, arguments: [tokenHash, now]),
                  let account = Self.account(row: row) else { return nil }
            return AccountSession(tokenHash: row["token_hash"], account: account, csrfToken: row["csrf_token"],
                                  createdAt: row["s_created"], expiresAt: row["expires_at"])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM account_session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    @discardableResult
    public func deleteExpiredSessions() async throws -> Int {
        let now = now()
        return try await writer.write { db in
            try db.execute(sql: "DELETE FROM account_session WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    private func fetchAccount(_ db: Database, sql: String, _ argument: any DatabaseValueConvertible) throws -> Account? {
        try Row.fetchOne(db, sql: sql, arguments: [argument]).flatMap(Self.account(row:))
    }

    private static func account(row: Row) -> Account? {
        guard let role = AccountRole(rawValue: row["role"]) else { return nil }
        return Account(id: row["id"], name: row["name"], role: role, passwordHash: row["password_hash"],
                       disabled: row["disabled"], createdAt: row["created_at"])
    }
}
