import Foundation
import IS03Core
import IS03Pipeline
import IS03Render
import IS03Storage
import IS03Vision
import IS03TestSupport
import Testing

/// A season in one database (seed 003 §4): February, a March re-sit of some February pupils
/// and May, each processed into its own sitting on the real pipeline over rendered scans.
@Suite(.serialized) struct SittingsRunTests {
    static let february = "2023-02-08", march = "2023-03-15", may = "2023-05-15"

    /// A packet of clean sheets written for `examDate`, its truth kept outside the folder.
    struct Written {
        var folder: URL
        var list: URL
        var participants: [Participant]
        var truths: [SheetTruth]
    }

    static func write(seed: UInt64, count: Int, examDate: String, firstID: Int = 1, firstSerial: Int = 1,
                      keeping keep: Set<String>? = nil, to root: URL, name: String) throws -> Written {
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        var options = SyntheticPacketOptions()
        options.setting.examDate = examDate
        options.setting.firstID = firstID
        options.firstSerial = firstSerial
        options.blankPages = 0
        options.foreignPages = 0
        let generator = SyntheticPacketGenerator(template: template, seed: seed, level: .clean, count: count, options: options)
        let folder = root.appendingPathComponent(name)
        var truths = try PacketWriter.write(generator, to: folder, format: .jpeg)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("truth"), to: root.appendingPathComponent("\(name)-truth"))
        var participants = generator.participants
        if let keep {
            // Only the re-sitters' sheets and rows: the others passed in February.
            for truth in truths where !keep.contains(truth.participantID ?? "") {
                for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                where file.deletingPathExtension().lastPathComponent == (truth.file as NSString).deletingPathExtension {
                    try FileManager.default.removeItem(at: file)
                }
            }
            truths = truths.filter { keep.contains($0.participantID ?? "") }
            participants = participants.filter { keep.contains($0.id) }
        }
        let list = root.appendingPathComponent("\(name).csv")
        try ParticipantCSV.encode(participants).write(to: list, atomically: true, encoding: .utf8)
        return Written(folder: folder, list: list, participants: participants, truths: truths)
    }

    static func process(_ packet: URL, list: URL?, sitting: String? = nil, store: SQLiteResultStore, out: URL) async throws -> BatchSummary {
        var options = BatchOptions(packets: [packet.path], participantList: list, outputDirectory: out,
                                   templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)
        options.sitting = sitting
        return try await BatchRun(store: store, options: options).run()
    }

    /// The surname of every row of a results.csv (its second column).
    static func surnames(in csv: URL) throws -> [String] {
        try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            return fields.count > 1 ? fields[1].trimmingCharacters(in: ["\""]) : ""
        }
    }

    /// Page id → (participant, total, verdict) of a sitting's results.
    static func snapshot(_ store: SQLiteResultStore, _ sitting: String) async throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try await store.results(ResultFilter(sitting: sitting)).map {
            ($0.pageID, "\($0.participantID ?? "-") \($0.total.map(String.init) ?? "-") \($0.verdict ?? "-")")
        })
    }

    @Test func threeSittingsInOneDatabaseStayApart() async throws {
        let root = try PacketFixture.scratch("sittings")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try SQLiteResultStore.open(at: root.appendingPathComponent("is03.sqlite"))

        // February: the sitting comes from the list's exam_date.
        let feb = try Self.write(seed: 3101, count: 6, examDate: Self.february, to: root, name: "feb")
        let febSummary = try await Self.process(feb.folder, list: feb.list, store: store, out: root.appendingPathComponent("out-feb"))
        #expect(febSummary.sitting == Self.february)
        let febResults = try await store.results(ResultFilter(sitting: Self.february))
        #expect(Set(febResults.compactMap(\.participantID)) == Set(feb.truths.compactMap(\.participantID)))

        // March: February's незачёт pupils sit again (seed 003 §4.2; same pupils, same codes, new
        // sheets). The fixture's seed gives some, so the re-sit is never empty.
        let failed = febResults.filter { $0.verdict == SheetScore.Outcome.fail.rawValue }
        let resitters = Set(failed.compactMap(\.participantID))
        try #require(!resitters.isEmpty && resitters.count < febResults.count)
        let before = try await Self.snapshot(store, Self.february)
        let mar = try Self.write(seed: 3101, count: 6, examDate: Self.march, firstSerial: 101, keeping: resitters, to: root, name: "mar")
        #expect(mar.truths.count == resitters.count)
        _ = try await Self.process(mar.folder, list: mar.list, store: store, out: root.appendingPathComponent("out-mar"))
        // May: another school's pupils.
        let may = try Self.write(seed: 3102, count: 4, examDate: Self.may, firstID: 500, firstSerial: 201, to: root, name: "may")
        _ = try await Self.process(may.folder, list: may.list, store: store, out: root.appendingPathComponent("out-may"))

        // Every sheet matched within its own sitting.
        for (sitting, written) in [(Self.february, feb), (Self.march, mar), (Self.may, may)] {
            let results = try await store.results(ResultFilter(sitting: sitting))
            #expect(Set(results.compactMap(\.participantID)) == Set(written.truths.compactMap(\.participantID)), "\(sitting)")
            #expect(results.count == written.truths.count, "\(sitting)")
        }
        #expect(try await store.sittings().map(\.sitting) == [Self.february, Self.march, Self.may])
        // Re-sitters have two results, one of each sitting; February's are unchanged.
        let all = try await store.results(.all)
        for code in resitters { #expect(all.filter { $0.participantID == code }.count == 2, "\(code)") }
        #expect(try await Self.snapshot(store, Self.february) == before)
        // Re-assembling the whole database (what `reprocess` does) keeps every sitting apart.
        let templates = try TemplateCatalog.load(from: RepositoryPaths.templates)
        _ = try await AssembleStage(store: store, templates: templates, categories: try templates.categoryTables(in: RepositoryPaths.templates),
                                    actor: "test").runEverySitting()
        #expect(try await Self.snapshot(store, Self.february) == before)
        #expect(try await store.results(ResultFilter(sitting: Self.march)).count == resitters.count)

        // One output folder holding the whole season's result files.
        let shared = root.appendingPathComponent("out-season")
        let writer = SittingResultFiles(store: store, templates: templates,
                                        categories: try templates.categoryTables(in: RepositoryPaths.templates), actor: "test")
        #expect(try await writer.write([Self.february, Self.march, Self.may], to: shared) != nil)
        let held = OutputFolderPurge.sittingsHeld(in: shared)
        #expect(held == [Self.february, Self.march, Self.may])

        // Purging February (its retention date came first) leaves March and May whole.
        let march = try await Self.snapshot(store, Self.march), mayResults = try await Self.snapshot(store, Self.may)
        let purged = try await store.purge(before: Date(), actor: "test", allowingFutureCutoff: false, sitting: Self.february)
        // The folder's files are written again for March and May, and name no February-only pupil.
        let folderPurge = OutputFolderPurge(outputDirectory: shared, deleteScans: false)
        #expect(folderPurge.run(purged).files.resultFiles == 4)
        #expect(try await folderPurge.rewriteAfterPurge(of: Self.february, held: held, writer: writer))
        #expect(OutputFolderPurge.sittingsHeld(in: shared) == [Self.march, Self.may])
        let rows = try Self.surnames(in: shared.appendingPathComponent(ResultFiles.resultsCSV))
        let later = mar.truths + may.truths, laterPupils = mar.participants + may.participants
        #expect(rows.count == later.count)
        #expect(Set(rows) == Set(later.compactMap { truth in laterPupils.first { $0.id == truth.participantID }?.surname }))
        let februaryOnly = Set(feb.participants.map(\.surname)).subtracting(laterPupils.map(\.surname))
        #expect(!februaryOnly.isEmpty)
        for name in [ResultFiles.resultsCSV, ResultFiles.resultsXML, ResultFiles.reviewXML, ResultFiles.reviewJSON] {
            let text = try String(contentsOf: shared.appendingPathComponent(name), encoding: .utf8)
            let words = Set(text.split { !$0.isLetter }.map(String.init))
            #expect(words.isDisjoint(with: februaryOnly), "\(name)")
        }
        #expect(purged.pages == feb.truths.count && purged.participantLists == 1)
        #expect(try await Self.snapshot(store, Self.february).isEmpty)
        #expect(try await Self.snapshot(store, Self.march) == march)
        #expect(try await Self.snapshot(store, Self.may) == mayResults)
        #expect(try await store.currentParticipantList(sitting: Self.march)?.rowCount == mar.participants.count)
        #expect(try await store.currentParticipantList(sitting: Self.may)?.rowCount == may.participants.count)
        #expect(try await store.currentParticipantList(sitting: Self.february) == nil)
        // And re-assembling afterwards neither revives February nor disturbs the others.
        _ = try await AssembleStage(store: store, templates: templates, categories: try templates.categoryTables(in: RepositoryPaths.templates),
                                    actor: "test").runEverySitting()
        #expect(try await Self.snapshot(store, Self.february).isEmpty)
        #expect(try await Self.snapshot(store, Self.march) == march)
        #expect(try await Self.snapshot(store, Self.may) == mayResults)

        // The March packet cannot be processed into February: a packet belongs to one sitting.
        await #expect { _ = try await Self.process(mar.folder, list: nil, sitting: Self.february, store: store,
                                                   out: root.appendingPathComponent("out-x")) } throws: { error in
            "\(error)".contains(Self.march) && "\(error)".contains(mar.folder.path)
        }
    }

    @Test func aSheetWhoseDateContradictsItsSittingIsQueued() async throws {
        let root = try PacketFixture.scratch("sitting-date")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try SQLiteResultStore.open(at: root.appendingPathComponent("is03.sqlite"))
        let may = try Self.write(seed: 3103, count: 2, examDate: Self.may, to: root, name: "may")
        // A May packet processed into March by mistake, against May's own list.
        _ = try await Self.process(may.folder, list: may.list, sitting: Self.march, store: store, out: root.appendingPathComponent("out"))
        let results = try await store.results(ResultFilter(sitting: Self.march))
        #expect(results.count == may.truths.count)
        for result in results {
            let items = try await store.reviewItems(pageID: result.pageID)
            let date = try #require(items.first { $0.fieldID == "examDate" }, "page \(result.pageID): no question about its date")
            #expect(date.reason == ReviewReason.ruleViolation.rawValue && date.machineValue == "150523")
            #expect(result.reviewStatus == .pendingReview)
        }
    }
}
