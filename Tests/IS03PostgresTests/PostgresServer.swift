import Foundation

/// Where the tests find the PostgreSQL server `make test` starts (scripts/postgres-test-server).
enum PostgresServer {
    /// `IS03_TEST_POSTGRES_URL`, e.g. `postgres://postgres@127.0.0.1:55432/postgres`.
    static var url: String? { ProcessInfo.processInfo.environment["IS03_TEST_POSTGRES_URL"] }
}
