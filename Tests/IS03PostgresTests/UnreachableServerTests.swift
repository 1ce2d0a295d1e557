import Foundation
import IS03PostgresStore
import IS03Storage
import Testing

/// A mistyped host or a stopped server must be reported by name, with what to check, and
/// without the connection pool's minute of retries. Needs no running server: nothing listens
/// on port 1 of the loopback interface.
@Suite("PostgreSQL: an unreachable server is named")
struct UnreachableServerTests {
    @Test func firstContactGivesUpAfterItsTimeoutNamingTheServer() async throws {
        var configuration = PostgresResultStore.Configuration()
        configuration.firstContactTimeout = .seconds(2)
        let store = try PostgresResultStore(url: "postgres://postgres@127.0.0.1:1/is03", configuration: configuration)
        await #expect { try await store.status() } throws: { error in
            let text = "\(error)"
            return (error as? StorageError)?.code == .cannotOpen && text.contains("127.0.0.1:1")
                && text.contains("pg_hba.conf")
        }
    }
}
