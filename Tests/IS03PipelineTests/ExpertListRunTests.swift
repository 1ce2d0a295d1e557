import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// `is03 process --experts`: the list is stored with the participant list version and used for
/// every result's expert ФИО, on the real pipeline over real scans.
@Suite(.serialized) struct ExpertListRunTests {
    private func options(_ packet: PacketFixture.Packet, out: URL, participants: URL?, experts: URL?) -> BatchOptions {
        var options = BatchOptions(packets: [packet.folder.path], participantList: participants, outputDirectory: out,
                                   templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)
        options.expertList = experts
        return options
    }

    /// A fresh database with the shared packet processed with its participant and experts lists.
    private func processedWithExperts(_ name: String) async throws -> (out: URL, store: SQLiteResultStore) {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch(name)
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        _ = try await BatchRun(store: store, options: options(packet, out: out, participants: packet.participants,
                                                              experts: packet.experts)).run()
        return (out, store)
    }

    @Test func everyExpertNameIsTheListsSpellingOrQueued() async throws {
        let packet = PacketFixture.shared
        let (out, store) = try await processedWithExperts("experts")
        defer { try? FileManager.default.removeItem(at: out) }
        let list = try #require(try await store.currentParticipantList())
        #expect(list.expertCount == packet.expertList.count)
        #expect(try await store.experts(listID: list.id) == packet.expertList)

        // Never silent: a result's expert is someone on the list, or its page has an open
        // question about the expert's ФИО.
        let spellings = Set(packet.expertList.map(\.shortName))
        let results = try await store.results(ResultFilter())
        #expect(!results.isEmpty)
        var fromList = 0
        for result in results {
            let record = try JSONDecoder().decode(ResultRecord.self, from: result.payload)
            if let expert = record.expert, spellings.contains(expert) { fromList += 1; continue }
            let items = try await store.reviewItems(pageID: result.pageID)
            #expect(items.contains { $0.fieldID == "expertSurname" && $0.state != .decided },
                    "\(result.participantID ?? "?"): expert «\(record.expert ?? "")» is neither on the list nor queued")
        }
        // Clean scans of two experts' hands: the list resolves most of them.
        #expect(fromList * 2 >= results.count, "only \(fromList) of \(results.count) expert names matched the list")
    }

    @Test func aNewParticipantListKeepsTheExpertsAndExpertsAloneAreRefused() async throws {
        let packet = PacketFixture.shared
        let (out, store) = try await processedWithExperts("experts-carry")
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try #require(try await store.currentParticipantList())

        // Next day: an amended participant list (one more person), no --experts.
        let amended = out.appendingPathComponent("participants-2.csv")
        var text = try String(contentsOf: packet.participants, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        try (text + "P999999;Новикова;Ольга;;9А;4512;999999;37;012;370045;0101;standard;2023-02-08\n")
            .write(to: amended, atomically: true, encoding: .utf8)
        let summary = try await BatchRun(store: store, options: options(packet, out: out, participants: amended, experts: nil)).run()
        let second = try #require(try await store.currentParticipantList())
        #expect(second.id != first.id && second.rowCount == first.rowCount + 1)
        #expect(summary.expertsCarriedOver == packet.expertList.count)
        #expect(try await store.experts(listID: second.id) == packet.expertList)

        // An experts list without a participant list has nothing to travel with.
        await #expect { try await BatchRun(store: store, options: options(packet, out: out, participants: nil,
                                                                          experts: packet.experts)).run() } throws: { error in
            "\(error)".contains(packet.experts.path) && "\(error)".contains("--participants")
        }
    }
}
