import Foundation
import GRDB
import IS03Core
import Testing
@testable import IS03Storage

/// Sittings in the database of record: lists and packets belong to one, and results, review
/// items, read pages and counts can be had per sitting; a database written before sittings
/// opens in one sitting.
@Suite("Storage: sittings")
struct SittingStoreTests {
    static let february = "2023-02-08", march = "2023-03-15"

    static func people(_ codes: [String], examDate: String) -> [Participant] {
        codes.map {
            Participant(id: $0, surname: "Иванова", name: "Анна", className: "9А", region: "37", msu: "012", oo: "370045",
                        auditorium: "0101", examDate: examDate)
        }
    }

    @Test("lists and packets per sitting: the current list is the sitting's own, a packet keeps its sitting, results and items filter by it",
          arguments: StoreKind.allCases)
    func perSitting(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let feb = try await store.importParticipantList(name: "feb.csv", sha256: Samples.sha("feb"),
                                                        participants: Self.people(["P1", "P2"], examDate: Self.february),
                                                        experts: [], sitting: Self.february, actor: "test")
        let mar = try await store.importParticipantList(name: "mar.csv", sha256: Samples.sha("mar"),
                                                        participants: Self.people(["P1"], examDate: Self.march),
                                                        experts: [], sitting: Self.march, actor: "test")
        #expect(try await store.currentParticipantList(sitting: Self.february)?.id == feb.id)
        #expect(try await store.currentParticipantList(sitting: Self.march)?.id == mar.id)
        #expect(try await store.currentParticipantList()?.id == mar.id)
        #expect(try await store.currentParticipantList(sitting: "2023-05-15") == nil)
        // The same list content for another sitting is refused, not silently moved.
        await #expect(throws: StorageError.self) {
            _ = try await store.importParticipantList(name: "feb.csv", sha256: Samples.sha("feb"), participants: [], experts: [],
                                                      sitting: Self.march, actor: "test")
        }

        let febPacket = try await store.registerPacket(name: "vdp-feb", sourcePath: "/scans/feb", sitting: Self.february)
        #expect(febPacket.sitting == Self.february)
        await #expect(throws: StorageError.self) {
            _ = try await store.registerPacket(name: "vdp-feb", sourcePath: "/scans/feb", sitting: Self.march)
        }
        #expect(try await store.registerPacket(name: "vdp-feb", sourcePath: "/scans/feb").sitting == Self.february)
        let marPacket = try await store.registerPacket(name: "vdp-mar", sourcePath: "/scans/mar", sitting: Self.march)
        let febPage = try #require(try await store.registerScanFile(Samples.scanFile(packet: "feb", number: 0), packetID: febPacket.id).pages.first)
        let marPage = try #require(try await store.registerScanFile(Samples.scanFile(packet: "mar", number: 0), packetID: marPacket.id).pages.first)
        // The same participant sat twice: two results, one per sitting.
        _ = try await store.commitPage(Samples.outcome(for: febPage, listID: feb.id, participant: "P1", total: 8, reviewP1: true))
        _ = try await store.commitPage(Samples.outcome(for: marPage, listID: mar.id, participant: "P1", total: 14, reviewP1: false))

        #expect(try await store.results(.all).count == 2)
        #expect(try await store.results(ResultFilter(sitting: Self.february)).map(\.total) == [8])
        #expect(try await store.results(ResultFilter(sitting: Self.march)).map(\.total) == [14])
        #expect(try await store.openReviewItemCount(ResultFilter(sitting: Self.february)) == 1)
        #expect(try await store.openReviewItemCount(ResultFilter(sitting: Self.march)) == 0)
        #expect(try await store.readPages(limit: 10, afterID: nil, known: [], sitting: Self.march).map(\.ref.id) == [marPage.id])
        #expect(try await store.readPages(limit: 10, afterID: nil, known: [], sitting: nil).count == 2)

        let sittings = try await store.sittings()
        #expect(sittings.map(\.sitting) == [Self.february, Self.march])
        #expect(sittings.map(\.participants) == [2, 1])
        #expect(sittings.map(\.packets) == [1, 1])
        #expect(sittings.map(\.results) == [1, 1])
        #expect(sittings.map(\.openReviewItems) == [1, 0])
        #expect(try await store.packetSummaries().map(\.packet.sitting) == [Self.february, Self.march])

        // Purging February leaves March whole, its list and its audit trail included.
        let report = try await store.purge(before: fixture.clock.now.addingTimeInterval(1), actor: "test",
                                           allowingFutureCutoff: true, sitting: Self.february)
        #expect(report.pages == 1 && report.results == 1 && report.participantLists == 1 && report.participants == 2)
        #expect(try await store.results(.all).map(\.total) == [14])
        #expect(try await store.currentParticipantList(sitting: Self.march)?.id == mar.id)
        #expect(try await store.currentParticipantList(sitting: Self.february) == nil)
        #expect(try await store.participants(listID: mar.id).map(\.id) == ["P1"])
        let marchImport = try await store.auditTrail(entity: "participant_list", entityID: mar.id)
        #expect(!marchImport.isEmpty && marchImport.allSatisfy { !$0.redacted })
        let februaryImport = try await store.auditTrail(entity: "participant_list", entityID: feb.id)
        #expect(!februaryImport.isEmpty && februaryImport.allSatisfy(\.redacted))
    }

    @Test("a database written before sittings opens with its list and packets in one sitting, the list's exam date")
    func databaseWrittenBeforeSittings() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("is03-old-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("is03.sqlite")
        // The schema as released before sittings, with data written the way that version wrote it.
        do {
            let old = try DatabaseQueue(path: file.path)
            try Schema.migrator.migrate(old, upTo: "v4 experts")
            try await old.write { db in
                try db.execute(sql: """
                    INSERT INTO participant_list (id, name, sha256, row_count, imported_at, expert_count)
                    VALUES (1, 'old.csv', 'aa', 2, '2023-02-08 08:00:00.000', 0), (2, 'new.csv', 'bb', 3, '2023-02-09 08:00:00.000', 0);
                    INSERT INTO participant (list_id, position, code, surname, name, class_name, region, msu, oo, auditorium,
                                             absent, category, exam_date)
                    VALUES (2, 0, 'P1', 'А', 'Б', '9А', '37', '012', '370045', '0101', 0, 'standard', '2023-02-08'),
                           (2, 1, 'P2', 'В', 'Г', '9А', '37', '012', '370045', '0101', 0, 'standard', '2023-02-08'),
                           (2, 2, 'P3', 'Д', 'Е', '9А', '37', '012', '370045', '0101', 1, 'standard', '2023-02-07');
                    INSERT INTO packet (name, source_path, registered_at) VALUES ('vdp', '/scans/vdp', '2023-02-08 09:00:00.000');
                    """)
            }
            try old.close()
        }
        let store = try SQLiteResultStore.open(at: file)
        let sittings = try await store.sittings()
        #expect(sittings.map(\.sitting) == ["2023-02-08"])
        #expect(sittings.first?.participants == 3 && sittings.first?.packets == 1)
        #expect(try await store.currentParticipantList(sitting: "2023-02-08")?.name == "new.csv")
        #expect(try await store.packetSummaries().map(\.packet.sitting) == ["2023-02-08"])
        #expect(try await store.appliedMigrations().last == "v6 sittings")
    }

    @Test("sitting dates: both spellings of the lists, real calendar dates only; the sheet's ДДММГГ form")
    func dates() {
        #expect(Sitting.normalised("2023-02-08") == "2023-02-08")
        #expect(Sitting.normalised("15.03.2023") == "2023-03-15")
        #expect(Sitting.normalised("2023-02-30") == nil)
        #expect(Sitting.normalised("08.02.23") == nil)
        #expect(Sitting.normalised("завтра") == nil)
        #expect(Sitting.sheetDigits("2023-05-15") == "150523")
    }
}
