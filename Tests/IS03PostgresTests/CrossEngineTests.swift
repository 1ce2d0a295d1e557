import Foundation
import IS03Core
import IS03Pipeline
import IS03PostgresStore
import IS03Storage
import IS03TestSupport
import Testing

/// The same scans processed into SQLite and into PostgreSQL give identical results: the same
/// pages in the same states, the same results (byte-identical JSON payloads), the same review
/// queue, the same readings (apart from the stage timings every run measures anew).
@Suite("PostgreSQL: same results as SQLite", .enabled(if: PostgresServer.available, "set IS03_TEST_POSTGRES_URL"))
struct CrossEngineTests {
    @Test func sameScansSameResults() async throws {
        let packet = ScanFixture.shared
        let work = try ScanFixture.scratch("cross-engine")
        defer { try? FileManager.default.removeItem(at: work) }
        func options(_ out: String) -> BatchOptions {
            BatchOptions(packets: [packet.folder.path], participantList: packet.participants,
                         outputDirectory: work.appendingPathComponent(out), templateDirectory: RepositoryPaths.templates,
                         workers: 2, interactiveProgress: false)
        }
        let sqlite = try SQLiteResultStore.open(at: work.appendingPathComponent("sqlite/is03.sqlite"))
        let postgres = try PostgresResultStore(url: try PostgresServer.freshURL())
        let sqliteSummary = try await BatchRun(store: sqlite, options: options("sqlite")).run()
        let postgresSummary = try await BatchRun(store: postgres, options: options("postgres")).run()

        #expect(sqliteSummary.sheets == packet.pages && sqliteSummary.results == packet.sheets)
        #expect(postgresSummary.sheets == sqliteSummary.sheets)
        #expect(postgresSummary.results == sqliteSummary.results)
        #expect(postgresSummary.queuedByReason == sqliteSummary.queuedByReason)
        #expect(try await postgres.status() == (try await sqlite.status()))

        // Ids are given out in the same order by both engines, so rows compare one to one.
        let expected = try await sqlite.results(.all)
        let actual = try await postgres.results(.all)
        #expect(actual.count == expected.count && !expected.isEmpty)
        for (a, e) in zip(actual, expected) {
            #expect(a.pageID == e.pageID && a.participantID == e.participantID && a.oo == e.oo
                    && a.auditorium == e.auditorium && a.total == e.total && a.verdict == e.verdict
                    && a.reviewStatus == e.reviewStatus)
            #expect(a.payload == e.payload, "result payload of page \(e.pageID) differs")
        }
        let pages = try await sqlite.readPages(limit: 100, afterID: nil)
        #expect(pages.count == packet.pages)
        for page in pages {
            let other = try #require(try await postgres.page(id: page.ref.id)?.reading)
            // Stage timings are wall-clock measurements of each run, not part of what was read.
            var expectedReading = try #require(page.reading), actualReading = other
            expectedReading.timings = [:]
            actualReading.timings = [:]
            #expect(actualReading == expectedReading, "reading of page \(page.ref.id) differs")
            let items = try await sqlite.reviewItems(pageID: page.ref.id).map { [$0.fieldID, $0.reason, $0.machineValue ?? "-", $0.readingFingerprint] }
            let otherItems = try await postgres.reviewItems(pageID: page.ref.id).map { [$0.fieldID, $0.reason, $0.machineValue ?? "-", $0.readingFingerprint] }
            #expect(otherItems == items)
        }
        // Exports read the same through the engine-neutral interface.
        let sqliteExport = try await ResultExport.load(from: sqlite, filter: .all)
        let postgresExport = try await ResultExport.load(from: postgres, filter: .all)
        #expect(String(describing: postgresExport) == String(describing: sqliteExport))
    }
}
