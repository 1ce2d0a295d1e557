import Foundation
import GRDB
import IS03PostgresStore
import PostgresNIO
@testable import IS03PostgresStore
@testable import IS03Storage

/// What the storage tests need from either engine beyond the interface: where it is, its
/// migrations, and raw SQL "as a careless script would write it" (to prove the database itself
/// enforces the rules, e.g. the append-only audit log).
protocol StoreUnderTest: DatabaseOfRecord {
    var location: String { get }
    func appliedMigrations() async throws -> [String]
    /// Runs one SQL statement outside the store's methods; throws what the engine says.
    func executeRaw(_ sql: String) async throws
    /// The first column of the first row as an integer (nil for NULL or no row).
    func integer(_ sql: String) async throws -> Int?
}

extension SQLiteResultStore: StoreUnderTest {
    func executeRaw(_ sql: String) async throws {
        try await writer.write { try $0.execute(sql: sql) }
    }

    func integer(_ sql: String) async throws -> Int? {
        try await writer.read { try Int.fetchOne($0, sql: sql) }
    }
}

extension PostgresResultStore: StoreUnderTest {
    func executeRaw(_ sql: String) async throws {
        try await write { c in try await c.run(PostgresQuery(unsafeSQL: sql)) }
    }

    func integer(_ sql: String) async throws -> Int? {
        try await read { c in try await c.row(PostgresQuery(unsafeSQL: sql)).flatMap { try $0[0].decode(Int?.self) } }
    }
}
