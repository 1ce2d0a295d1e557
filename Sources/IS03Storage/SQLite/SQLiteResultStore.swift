import Foundation
import GRDB
import IS03Core

/// The SQLite database of record, through GRDB: a `DatabasePool` in WAL mode on disk (readers
/// never wait for the writer), or a `DatabaseQueue` in memory for tests.
///
/// Writes from many tasks are serialised by GRDB, each method in one short IMMEDIATE
/// transaction. Other processes may open the same file at the same time: they wait up to
/// ``Configuration/busyTimeout`` for the write lock instead of failing.
public final class SQLiteResultStore: ResultStore {
    /// Settings of the SQLite engine that are policy, not code.
    public struct Configuration: Sendable {
        /// How long a writer waits for another process's write transaction before failing.
        public var busyTimeout: TimeInterval = 30
        /// The clock used for timestamps, leases and retention (tests pass a fixed one).
        public var now: @Sendable () -> Date = { Date() }
        public init() {}
    }

    let writer: any DatabaseWriter
    let now: @Sendable () -> Date
    /// The database file path, or `:memory:`; named in errors.
    public let location: String

    /// Opens (creating if needed) the database file at `url` and brings its schema up to date.
    public static func open(at url: URL, configuration: Configuration = Configuration()) throws -> SQLiteResultStore {
        let path = url.path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            let pool = try DatabasePool(path: path, configuration: grdbConfiguration(configuration))
            return try SQLiteResultStore(writer: pool, location: path, now: configuration.now)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.cannotOpen, "cannot open the database (\(error)); check that the folder "
                               + "is writable and the file is an is03 SQLite database", location: path)
        }
    }

    /// A fresh, empty database in memory, gone when the store is released. For tests.
    public static func inMemory(configuration: Configuration = Configuration()) throws -> SQLiteResultStore {
        let queue = try DatabaseQueue(configuration: grdbConfiguration(configuration))
        return try SQLiteResultStore(writer: queue, location: ":memory:", now: configuration.now)
    }

    private init(writer: any DatabaseWriter, location: String, now: @escaping @Sendable () -> Date) throws {
        self.writer = writer; self.location = location; self.now = now
        do {
            try Schema.migrator.migrate(writer)
        } catch let error as DatabaseError where Self.isStorageFault(error) {
            throw StorageError(.cannotOpen, "cannot write the database (\(error)); check free disk space and that "
                               + "the folder is writable, then run again", location: location)
        } catch {
            throw StorageError(.cannotOpen, "cannot bring the schema up to date (\(error)); the file may "
                               + "come from a newer is03 or be damaged", location: location)
        }
    }

    /// A full disk, an I/O error or a read-only file: the storage failed, not the file's contents.
    static func isStorageFault(_ error: DatabaseError) -> Bool {
        [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode)
    }

    private static func grdbConfiguration(_ configuration: Configuration) -> GRDB.Configuration {
        var config = GRDB.Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(configuration.busyTimeout)
        config.label = "is03"
        return config
    }

    /// The names of the migrations applied to this database, oldest first (for `is03 status`).
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    // MARK: Helpers shared by the extensions

    /// `writer.write`, with the engine's errors turned into ``StorageError``s so callers of the
    /// engine-neutral interface never see GRDB types.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.write(updates) } catch let error as DatabaseError { throw storageError(error) }
    }

    /// `writer.read`, with errors mapped like ``write(_:)``.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.read(value) } catch let error as DatabaseError { throw storageError(error) }
    }

    func storageError(_ error: DatabaseError) -> StorageError {
        let detail = "\(error.message ?? "\(error.resultCode)")" + (error.sql.map { " (in: \($0))" } ?? "")
        switch error.resultCode {
        case .SQLITE_CONSTRAINT:
            return StorageError(.constraintViolated, "the database refused the change: \(detail); nothing was stored",
                                location: location)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StorageError(.busy, "another process kept the database locked: \(detail); nothing was "
                                + "stored, try again when it has finished", location: location)
        default:
            return StorageError(.databaseFailure, "database error: \(detail); check free disk space and "
                                + "that the file is not damaged (`sqlite3 FILE 'PRAGMA integrity_check'`)",
                                location: location)
        }
    }

    func notFound(_ what: String, _ id: Int64) -> StorageError {
        StorageError(.notFound, "no \(what) with id \(id); list them with `is03 status`", location: location)
    }

    /// Appends one line to the audit log (inside the caller's transaction).
    func audit(_ db: Database, actor: String, entity: String, entityID: Int64?, field: String? = nil,
               from: String? = nil, to: String? = nil) throws {
        var entry = AuditRecord(id: nil, at: now(), actor: actor, entity: entity, entityID: entityID,
                                field: field, fromValue: from, toValue: to)
        try entry.insert(db)
    }
}

/// JSON for the columns that hold Codable values (readings, candidates, summaries): the
/// engine-neutral encoding, under the name this target has always used.
typealias StoredJSON = StoreJSON
