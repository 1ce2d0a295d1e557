import Foundation
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    @discardableResult
    public func saveAccount(name: String, role: AccountRole, passwordHash: String, actor: String) async throws -> Account {
        let now = now()
        return try await write { [self] c in
            let existing = try await c.row("SELECT id, role FROM account WHERE name = \(name) FOR UPDATE")
            let previousRole: String? = try existing?.get("role")
            guard let row = try await c.row("""
                INSERT INTO account (name, role, password_hash, disabled, created_at)
                VALUES (\(name), \(role.rawValue), \(passwordHash), false, \(now))
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, disabled = false
                RETURNING *
                """), let account = try Self.account(row) else {
                throw StorageError(.databaseFailure, "account \(name) was not saved", location: location)
            }
            // The audit says who changed which account and its role, never the hash.
            try await audit(c, actor: actor, entity: "account", entityID: account.id, field: "role",
                            from: previousRole, to: role.rawValue)
            return account
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await read { c in try await c.row("SELECT * FROM account WHERE name = \(name)").flatMap(Self.account) }
    }

    public func accounts() async throws -> [Account] {
        try await read { c in try await c.rows("SELECT * FROM account ORDER BY name COLLATE \"C\"").compactMap(Self.account) }
    }

    public func disableAccount(named name: String, actor: String) async throws {
        try await write { [self] c in
            guard let row = try await c.row("SELECT id FROM account WHERE name = \(name) FOR UPDATE") else {
                throw StorageError(.notFound, "no account called \(name); list them with `is03 user list`", location: location)
            }
            let id: Int64 = try row.get("id")
            try await c.run("UPDATE account SET disabled = true WHERE id = \(id)")
            try await c.run("DELETE FROM account_session WHERE account_id = \(id)")
            try await audit(c, actor: actor, entity: "account", entityID: id, field: "disabled", from: "0", to: "1")
        }
    }

    public func createSession(tokenHash: String, accountID: Int64, csrfToken: String, expiresAt: Date) async throws {
        let now = now()
        try await write { c in
            try await c.run("""
                INSERT INTO account_session (token_hash, account_id, csrf_token, created_at, expires_at)
                VALUES (\(tokenHash), \(accountID), \(csrfToken), \(now), \(expiresAt))
                """)
        }
    }

    public func session(tokenHash: String) async throws -> AccountSession? {
        let now = now()
        return try await read { c in
            guard let row = try await c.row("""
                SELECT s.token_hash, s.csrf_token, s.created_at AS s_created, s.expires_at, a.*
                FROM account_session s JOIN account a ON a.id = s.account_id
                WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now) AND NOT a.disabled
                """), let account = try Self.account(row) else { return nil }
            return AccountSession(tokenHash: try row.get("token_hash"), account: account, csrfToken: try row.get("csrf_token"),
                                  createdAt: try row.get("s_created"), expiresAt: try row.get("expires_at"))
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { c in try await c.run("DELETE FROM account_session WHERE token_hash = \(tokenHash)") }
    }

    @discardableResult
    public func deleteExpiredSessions() async throws -> Int {
        let now = now()
        return try await write { c in try await c.count("DELETE FROM account_session WHERE expires_at <= \(now) RETURNING 1") }
    }

    private static func account(_ row: PostgresRandomAccessRow) throws -> Account? {
        guard let role = AccountRole(rawValue: try row.get("role")) else { return nil }
        return Account(id: try row.get("id"), name: try row.get("name"), role: role, passwordHash: try row.get("password_hash"),
                       disabled: try row.get("disabled"), createdAt: try row.get("created_at"))
    }
}
