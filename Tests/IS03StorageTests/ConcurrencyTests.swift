import Foundation
import Testing
@testable import IS03Storage

@Suite("Storage: concurrent writers")
struct ConcurrencyTests {
    @Test("worker tasks and a second connection to the same file commit pages side by side")
    func concurrentCommits() async throws {
        let fixture = try StoreFixture(.disk)
        let pages = try await fixture.ingest(packet: "vdp", files: 60)
        // A second store on the same file stands in for another `is03` process: its own pool and
        // connections, so SQLite's file locks (not GRDB's queue) serialise the two.
        let other = try SQLiteResultStore.open(at: URL(fileURLWithPath: fixture.store.location))
        let stores = [fixture.store, other]

        let workers = 4
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let store = stores[worker % stores.count]
                    for page in pages where Int(page.id) % workers == worker {
                        _ = try await store.commitPage(Samples.outcome(for: page, reviewP1: page.id % 3 == 0))
                    }
                }
            }
            // Meanwhile the same packet is registered again from the other connection: nothing is added.
            group.addTask {
                let packet = try await other.registerPacket(name: "vdp", sourcePath: "/scans/vdp")
                for number in 0..<60 {
                    let file = Samples.scanFile(packet: "vdp", number: number)
                    guard case .alreadyKnown = try await other.registerScanFile(file, packetID: packet.id) else {
                        Issue.record("file \(number) was added twice"); return
                    }
                }
            }
            try await group.waitForAll()
        }

        let status = try await other.status()
        #expect(status.pages == [.pending: 0, .done: 60, .failed: 0])
        #expect(status.results == 60)
        #expect(status.openReviewItems == pages.filter { $0.id % 3 == 0 }.count)
    }
}
