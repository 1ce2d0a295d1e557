import Foundation
import IS03Core
import IS03PostgresStore
import Testing
@testable import IS03Storage

/// The databases every behaviour is checked on: SQLite as a `DatabaseQueue` in memory and a WAL
/// `DatabasePool` on disk (GRDB's habit), and PostgreSQL (issue 7) in a fresh schema per test on
/// the server named by `IS03_TEST_POSTGRES_URL` (`make test` starts one:
/// scripts/postgres-test-server). Without that variable the PostgreSQL cases are left out,
/// unless `IS03_REQUIRE_POSTGRES=1` (CI) makes them run, and fail, so a missing server is never
/// a silent skip.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, disk, postgres
    var testDescription: String { rawValue }

    static var allCases: [StoreKind] {
        PostgresTestServer.url != nil || PostgresTestServer.required ? [.memory, .disk, .postgres] : [.memory, .disk]
    }
}

/// The PostgreSQL server the tests use, from the environment `make test` sets.
enum PostgresTestServer {
    static var url: String? { ProcessInfo.processInfo.environment["IS03_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var required: Bool { ProcessInfo.processInfo.environment["IS03_REQUIRE_POSTGRES"] == "1" }

    /// A store in a new, empty schema of the test server (fails the test when there is none).
    static func freshStore(clock: TestClock) throws -> PostgresResultStore {
        guard let url else {
            throw StorageError(.cannotOpen, "IS03_REQUIRE_POSTGRES=1 but IS03_TEST_POSTGRES_URL is not set; start one "
                               + "with scripts/postgres-test-server start", location: "postgres")
        }
        var configuration = PostgresResultStore.Configuration()
        configuration.now = { clock.now }
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try PostgresResultStore(location: PostgresLocation(url: url).with(schema: schema), configuration: configuration)
    }
}

/// A clock the test moves by hand, for leases and retention dates.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date = Date(timeIntervalSince1970: 1_675_814_400)) { current = start } // 2023-02-08
    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A store of the given kind on its own temporary folder (or schema), removed when the fixture goes.
final class StoreFixture: Sendable {
    let store: any StoreUnderTest
    let clock: TestClock
    let folder: URL

    init(_ kind: StoreKind, clock: TestClock = TestClock()) throws {
        self.clock = clock
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("is03-storage-tests-\(UUID().uuidString)")
        var configuration = SQLiteResultStore.Configuration()
        configuration.now = { clock.now }
        switch kind {
        case .memory: store = try SQLiteResultStore.inMemory(configuration: configuration)
        case .disk: store = try SQLiteResultStore.open(at: folder.appendingPathComponent("is03.sqlite"), configuration: configuration)
        case .postgres: store = try PostgresTestServer.freshStore(clock: clock)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Registers a packet with `files` single-page scan files; returns their pages.
    @discardableResult
    func ingest(packet: String, files: Int, firstFile: Int = 0) async throws -> [PageRef] {
        let packetRef = try await store.registerPacket(name: packet, sourcePath: "/scans/\(packet)")
        var pages: [PageRef] = []
        for number in firstFile..<(firstFile + files) {
            let file = Samples.scanFile(packet: packet, number: number)
            pages += try await store.registerScanFile(file, packetID: packetRef.id).pages
        }
        return pages
    }
}

/// Sample readings and outcomes, shaped like the engine's.
enum Samples {
    static func sha(_ text: String) -> String {
        // Not a real hash: a unique, hash-shaped key per name is all the store needs.
        let hex = text.unicodeScalars.map { String($0.value, radix: 16) }.joined()
        return String((hex + String(repeating: "0", count: 64)).prefix(64))
    }

    static func scanFile(packet: String, number: Int) -> ScanFileInput {
        let key = "\(packet)/\(number)"
        return ScanFileInput(path: "/scans/\(packet)/page\(number).png", sha256: sha("f" + key), size: 1000 + Int64(number),
                             pages: [PageImage(index: 0, sha256: sha("p" + key))])
    }

    /// A sheet reading with criterion П1 and the surname field.
    static func reading(for page: PageRef, p1: String? = "2", p1Status: FieldReading.Status = .ok,
                        surname: String = "ИВАНОВ") -> SheetReading {
        SheetReading(
            source: PageSource(file: page.filePath, page: page.pageIndex, sha256: page.sha256),
            pageClass: .sheet, templateID: "is03-2023", orientation: 0, registrationResidualMM: 0.2,
            fields: [
                FieldReading(id: "P1", status: p1Status, value: p1, confidence: 0.6,
                             alternatives: [Alternative(value: "1", confidence: 0.3)]),
                FieldReading(id: "surname", status: .ok, value: surname, confidence: 0.99),
            ])
    }

    struct Payload: Codable { var participant: String; var total: Int }

    static func outcome(for page: PageRef, reading: SheetReading? = nil, listID: Int64? = nil,
                        participant: String = "P000123", oo: String = "370045", auditorium: String = "0101",
                        total: Int = 12, reviewP1: Bool = true, engine: String = "1.0",
                        templateVersion: String = "t1") throws -> PageOutcome {
        let reading = reading ?? Self.reading(for: page)
        let p1 = reading.field("P1")
        let items = reviewP1 ? [ReviewItemInput(fieldID: "P1", reason: "lowConfidenceMark", machineValue: p1?.value,
                                                candidates: p1?.alternatives ?? [], confidence: p1?.confidence ?? 0,
                                                cropPath: "/crops/\(page.id)-P1.png")] : []
        return PageOutcome(
            pageID: page.id, reading: reading, templateVersion: templateVersion, engineVersion: engine,
            participantListID: listID,
            reconciliation: ReconciliationInput(participantID: participant, method: "qr", score: 1, margin: 0.8, accepted: true),
            result: try ResultInput(participantID: participant, oo: oo, auditorium: auditorium, total: total,
                                    verdict: total >= 10 ? "pass" : "fail",
                                    encoding: Payload(participant: participant, total: total)),
            reviewItems: items, actor: "is03 process")
    }

    static func participant(_ id: String, surname: String = "Иванов", oo: String = "370045") -> Participant {
        Participant(id: id, surname: surname, name: "Пётр", patronymic: "Сергеевич", className: "9А",
                    documentSeries: "4512", documentNumber: "123456", region: "37", msu: "012", oo: oo,
                    auditorium: "0101", examDate: "2023-02-08")
    }
}
