import Foundation
import IS03PostgresStore
import IS03Storage
import Testing

/// A PostgreSQL URL nobody answers at is reported at once, naming the server and what to
/// check, instead of after the pool's minute of retries. Needs no server: it is the absence of one.
@Suite("PostgreSQL: an unreachable server")
struct UnreachableServerTests {
    @Test("a port nothing listens on is refused with host, port and what to check")
    func refused() async throws {
        // Bind a loopback port, then free it: nothing listens there now.
        let port = try Self.freePort()
        let store = try PostgresResultStore(url: "postgres://postgres@127.0.0.1:\(port)/postgres")
        do {
            try await store.prepare()
            Issue.record("a store with no server behind it was prepared")
        } catch let error as StorageError {
            #expect(error.code == .cannotOpen)
            #expect(error.description.contains("127.0.0.1:\(port)"))
            #expect(error.description.contains("refused"), "\(error)")
        }
        // It says so again on the next call (a server started since would be found).
        await #expect(throws: StorageError.self) { try await store.status() }
    }

    @Test("a host name that does not resolve is named as such")
    func unknownHost() async throws {
        let store = try PostgresResultStore(url: "postgres://postgres@no-such-host.invalid:5432/postgres")
        do {
            try await store.prepare()
            Issue.record("a store on an unknown host was prepared")
        } catch let error as StorageError {
            #expect(error.code == .cannotOpen)
            #expect(error.description.contains("does not resolve"), "\(error)")
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
