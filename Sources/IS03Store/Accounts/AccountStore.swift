import Foundation

/// What a person may do at the review station.
public enum AccountRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Clears the review queue, one item or one group at a time.
    case `operator`
    /// Also re-opens decisions, corrects any field with a reason, resolves double-verification
    /// disagreements and exports results.
    case supervisor
}

/// A review-station account. The password is kept only as a bcrypt hash.
public struct Account: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var role: AccountRole
    public var passwordHash: String
    public var disabled: Bool
    public var createdAt: Date

    public init(id: Int64, name: String, role: AccountRole, passwordHash: String, disabled: Bool, createdAt: Date) {
        self.id = id; self.name = name; self.role = role; self.passwordHash = passwordHash
        self.disabled = disabled; self.createdAt = createdAt
    }
}

/// A logged-in browser session. The session id itself is never stored: only its SHA-256
/// (`tokenHash`), so a copy of the database cannot be used to hijack sessions.
public struct AccountSession: Sendable, Hashable {
    public var tokenHash: String
    public var account: Account
    /// The anti-CSRF token every state-changing request of this session must echo.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, account: Account, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash; self.account = account; self.csrfToken = csrfToken
        self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// Operators, supervisors and their sessions, in the database of record.
///
/// Kept apart from ``ResultStore`` so a deployment may keep accounts elsewhere; the SQLite
/// implementation stores them in the same file (tables `account`, `account_session`).
public protocol AccountStore: Sendable {
    /// Creates an account, or replaces the role and password hash of an existing one with the
    /// same name (re-enabling it). Writes an audit entry with `actor`.
    @discardableResult
    func saveAccount(name: String, role: AccountRole, passwordHash: String, actor: String) async throws -> Account

    /// The account called `name`, if any.
    func account(named name: String) async throws -> Account?

    /// Every account, by name.
    func accounts() async throws -> [Account]

    /// Disables an account and ends its sessions.
    func disableAccount(named name: String, actor: String) async throws

    /// Starts a session for `accountID` that ends at `expiresAt`.
    func createSession(tokenHash: String, accountID: Int64, csrfToken: String, expiresAt: Date) async throws

    /// The live session with this token hash (nil when unknown, expired or its account is disabled).
    func session(tokenHash: String) async throws -> AccountSession?

    /// Ends one session (logout).
    func deleteSession(tokenHash: String) async throws

    /// Removes expired sessions; returns how many.
    @discardableResult
    func deleteExpiredSessions() async throws -> Int
}
