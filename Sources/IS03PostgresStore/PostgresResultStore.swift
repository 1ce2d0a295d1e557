import Foundation
import IS03Core
import IS03Store
import PostgresNIO

/// The database of record on PostgreSQL, for many `is03 worker` processes on many machines
/// sharing one batch (issue 7). Same schema, migrations and behaviour as ``SQLiteResultStore``:
/// every method is one transaction, ingest is idempotent by SHA-256, the audit log is
/// append-only by triggers, readings are stored as the same JSON text.
///
/// Concurrency is PostgreSQL's: READ COMMITTED transactions, rows locked with `FOR UPDATE`
/// where a method reads before it writes (a page before its commit, an item before a decision),
/// `SKIP LOCKED` where workers or operators compete for work, and `ON CONFLICT DO NOTHING`
/// where two processes may register the same thing at once.
public final class PostgresResultStore: DatabaseOfRecord {
    /// Settings that are policy, not code.
    public struct Configuration: Sendable {
        /// Connections this process opens at most (a worker needs 1-2; the review server a few).
        public var maximumConnections = 4
        /// The clock used for timestamps, leases and retention (tests pass a fixed one). Leases
        /// compare times written by different machines: keep their clocks in sync (NTP).
        public var now: @Sendable () -> Date = { Date() }
        public init() {}
    }

    let client: PostgresClient
    let now: @Sendable () -> Date
    let logger = PostgresConnection.quiet
    private let runTask: Task<Void, Never>
    private let readiness = Readiness()
    public let postgres: PostgresLocation
    /// The database, without its password; named in errors.
    public let location: String

    /// Connects to the database at `url` (`postgres://…`). Nothing is sent until the first
    /// call, which brings the schema up to date (under an advisory lock, so many workers
    /// starting at once migrate it once).
    public convenience init(url: String, configuration: Configuration = Configuration()) throws {
        try self.init(location: PostgresLocation(url: url), configuration: configuration)
    }

    public init(location: PostgresLocation, configuration: Configuration = Configuration()) throws {
        postgres = location
        self.location = location.displayName
        now = configuration.now
        client = PostgresClient(configuration: try location.clientConfiguration(
            maximumConnections: max(1, configuration.maximumConnections)))
        let client = client
        runTask = Task { await client.run() }
    }

    deinit { runTask.cancel() }

    /// Checks the server is reachable and the schema is up to date; throws a ``StorageError``
    /// (`cannotOpen`) that names the server and says what to check.
    public func prepare() async throws {
        try await readiness.wait { [self] in
            let (host, port) = (postgres.host, postgres.port)
            let problem = await Task.detached { ServerProbe.problem(host: host, port: port, timeout: 10) }.value
            if let problem { throw unreachable(problem) }
            try await PostgresSchema.migrate(self)
        }
    }

    /// The names of the migrations applied to this database, oldest first (for `is03 status`).
    public func appliedMigrations() async throws -> [String] {
        try await read { c in
            try await c.rows("SELECT identifier FROM is03_migrations ORDER BY applied_at, identifier").map { try $0.get("identifier") }
        }
    }

    // MARK: Transactions

    /// Runs `body` in one transaction on a pooled connection; rolls back on any error and
    /// turns database errors into ``StorageError``s.
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await prepare()
        return try await transaction(body)
    }

    /// Reads run in a transaction too, so a multi-query read sees one consistent state.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await write(body)
    }

    /// A transaction without the schema check (the migration itself uses it).
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw storageError(error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch {
            throw storageError(error)
        }
    }

    func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        guard let psql = error as? PSQLError else {
            // The pool's own errors (no connection could be made) carry no SQL state.
            return unreachable("\(error)")
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let detail = [psql.serverInfo?[.message], psql.serverInfo?[.detail]].compactMap { $0 }.joined(separator: "; ")
        switch state {
        case let s where s.hasPrefix("23"):
            return StorageError(.constraintViolated, "the database refused the change: \(detail); nothing was stored",
                                location: location)
        case "40001", "40P01", "55P03":
            return StorageError(.busy, "another process held the rows this needs (\(detail)); nothing was stored, "
                                + "try again", location: location)
        case "":
            return unreachable("\(psql.code)\(psql.underlying.map { ": \($0)" } ?? "")")
        default:
            return StorageError(.databaseFailure, "database error \(state): \(detail); check the server's log",
                                location: location)
        }
    }

    func unreachable(_ detail: String) -> StorageError {
        StorageError(.cannotOpen, "cannot reach the PostgreSQL server at \(postgres.host):\(postgres.port) (\(detail)); check "
                     + "that it runs, that the URL's host, port, user and database are right, and that "
                     + "pg_hba.conf lets this machine in", location: location)
    }

    func notFound(_ what: String, _ id: Int64) -> StorageError {
        StorageError(.notFound, "no \(what) with id \(id); list them with `is03 status`", location: location)
    }

    /// Appends one line to the audit log (inside the caller's transaction).
    func audit(_ c: PostgresConnection, actor: String, entity: String, entityID: Int64?, field: String? = nil,
               from: String? = nil, to: String? = nil) async throws {
        try await c.run("""
            INSERT INTO audit_log (at, actor, entity, entity_id, field, from_value, to_value, redacted)
            VALUES (\(now()), \(actor), \(entity), \(entityID), \(field), \(from), \(to), false)
            """)
    }
}

/// Runs the schema check once per process; a failed check is retried by the next call.
private actor Readiness {
    private var done = false
    private var running: Task<Void, any Error>?

    func wait(_ work: @escaping @Sendable () async throws -> Void) async throws {
        if done { return }
        let task = running ?? Task { try await work() }
        running = task
        do {
            try await task.value
            done = true
        } catch {
            running = nil
            throw error
        }
    }
}

// MARK: Query helpers

extension PostgresConnection {
    /// All rows of a query, with columns by name.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: Self.quiet).collect().map { $0.makeRandomAccess() }
    }

    /// The first row, if any.
    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// Runs a statement, discarding rows.
    func run(_ query: PostgresQuery) async throws {
        _ = try await self.query(query, logger: Self.quiet).collect()
    }

    /// Runs a statement that ends in `RETURNING 1`; returns how many rows it touched.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await self.query(query, logger: Self.quiet).collect().count
    }

    /// One integer (a COUNT), 0 when the query yields nothing.
    func scalar(_ query: PostgresQuery) async throws -> Int {
        guard let row = try await rows(query).first else { return 0 }
        return try row[0].decode(Int?.self) ?? 0
    }

    /// The driver logs queries at debug level; the store reports failures itself, as StorageErrors.
    static let quiet: Logger = {
        var logger = Logger(label: "is03.postgres")
        logger.logLevel = .critical
        return logger
    }()
}

extension PostgresRandomAccessRow {
    /// The column `name` decoded as `T` (optional types decode NULL as nil).
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }
}
