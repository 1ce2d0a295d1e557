import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// The hostile corpus (`BadInputCorpus`) run once through the real batch into a temporary
/// SQLite database; each test then checks what became of one kind of input. Together they
/// show that no input crashes the batch, every bad page gets an error naming its file (and
/// page) or a review item, and the good sheets of the same batch are stored.
@Suite(.serialized) struct BadInputCorpusTests {
    struct Outcome: Sendable {
        var corpus: BadInputCorpus.Built
        var summary: BatchSummary
        /// Every stored page, by file name and page index.
        var pages: [String: StoredPage]
        var itemsByPage: [Int64: [ReviewItem]]
        var results: [StoredResult]
        var status: StoreStatus

        func page(_ entry: BadInputCorpus.Page) -> StoredPage? { pages["\(entry.file)#\(entry.page)"] }
    }

    /// The one batch run every test of the suite looks at.
    static let outcome: Task<Outcome, any Error> = Task {
        let work = try PacketFixture.scratch("hostile")
        let corpus = try BadInputCorpus.build(in: work)
        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        let summary = try await BatchRun(store: store, options: BatchOptions(
            packets: [corpus.folder.path], participantList: corpus.participants, outputDirectory: work,
            templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)).run()
        let status = try await store.status()
        var pages: [String: StoredPage] = [:], items: [Int64: [ReviewItem]] = [:]
        let total = status.pages.values.reduce(0, +)
        for id in 1...Int64(total) {
            guard let page = try await store.page(id: id) else { continue }
            pages["\(URL(fileURLWithPath: page.ref.filePath).lastPathComponent)#\(page.ref.pageIndex)"] = page
            items[id] = try await store.reviewItems(pageID: id)
        }
        return Outcome(corpus: corpus, summary: summary, pages: pages, itemsByPage: items,
                       results: try await store.results(ResultFilter()), status: status)
    }

    @Test func everyPageIsAccountedForAndNoneIsLeftPending() async throws {
        let outcome = try await Self.outcome.value
        #expect(outcome.status.pages[.pending] == 0)
        #expect(outcome.pages.count == outcome.corpus.pages.count, "one stored page per corpus page: \(outcome.pages.keys.sorted())")
        for entry in outcome.corpus.pages {
            let page = outcome.page(entry)
            #expect(page != nil, "\(entry.file) page \(entry.page + 1) was not registered")
            let items = page.map { outcome.itemsByPage[$0.ref.id, default: []].map(\.reason) } ?? []
            Self.log("\(entry.file) p\(entry.page + 1): \(page?.ref.state.rawValue ?? "-") \(page?.pageClass ?? "") "
                     + "\(page?.failureReason ?? page?.reading?.classReason ?? "") \(Set(items).sorted())")
        }
    }

    @Test func unusableFilesFailWithAReasonNamingTheFile() async throws {
        let outcome = try await Self.outcome.value
        for entry in outcome.corpus.pages {
            guard case .failed(let phrase) = entry.expectation else { continue }
            let page = try #require(outcome.page(entry), "\(entry.file)")
            #expect(page.ref.state == .failed, "\(entry.file) page \(entry.page + 1) should have failed, is \(page.ref.state)")
            let reason = page.failureReason ?? ""
            #expect(reason.contains(entry.file), "\(entry.file): the reason does not name the file: \(reason)")
            #expect(reason.contains(phrase), "\(entry.file): expected «\(phrase)» in: \(reason)")
            #expect(outcome.results.allSatisfy { $0.pageID != page.ref.id }, "\(entry.file) produced a result")
        }
    }

    @Test func pagesThatAreNotSheetsOfThisRunGiveNoResult() async throws {
        let outcome = try await Self.outcome.value
        for entry in outcome.corpus.pages where entry.expectation == .notASheet {
            let page = try #require(outcome.page(entry), "\(entry.file)")
            #expect(page.ref.state == .done, "\(entry.file): \(page.failureReason ?? "")")
            let sheetOfThisRun = page.pageClass == PageClass.sheet.rawValue && page.templateID == "is03-2023"
            #expect(!sheetOfThisRun, "\(entry.file) was taken for an ИС-03 sheet")
            #expect(outcome.results.allSatisfy { $0.pageID != page.ref.id }, "\(entry.file) produced a result")
            // A foreign page or a sheet of another form is put in front of an operator.
            if page.pageClass == PageClass.foreign.rawValue || page.pageClass == PageClass.sheet.rawValue {
                let reasons = outcome.itemsByPage[page.ref.id, default: []].map(\.reason)
                #expect(reasons.contains(ReviewReason.foreignPage.rawValue), "\(entry.file): \(reasons)")
            }
        }
    }

    @Test func goodSheetsInTheSameBatchAreStoredAndRight() async throws {
        let outcome = try await Self.outcome.value
        let good = outcome.corpus.pages.filter { $0.expectation == .goodSheet }
        #expect(good.count == 5)
        for entry in good {
            let page = try #require(outcome.page(entry), "\(entry.file)")
            let truth = try #require(entry.truth)
            #expect(page.ref.state == .done && page.pageClass == PageClass.sheet.rawValue,
                    "\(entry.file) page \(entry.page + 1): \(page.pageClass ?? page.failureReason ?? "")")
            // Matched to its participant, or (handwriting the matcher is unsure of) in review;
            // never matched to someone else.
            let items = outcome.itemsByPage[page.ref.id, default: []]
            if let matched = outcome.results.first(where: { $0.pageID == page.ref.id })?.participantID {
                #expect(matched == truth.participantID, "\(entry.file) was matched to \(matched), truth \(truth.participantID ?? "-")")
            } else {
                #expect(!items.isEmpty, "\(entry.file): neither matched nor in the review queue")
            }
            expectNoSilentError(entry, page: page, items: items)
        }
    }

    @Test func damagedSheetsAreReadRightOrSentToReview() async throws {
        let outcome = try await Self.outcome.value
        for entry in outcome.corpus.pages where entry.expectation == .readRightOrReviewed {
            let page = try #require(outcome.page(entry), "\(entry.file)")
            let items = outcome.itemsByPage[page.ref.id, default: []]
            if page.ref.state == .failed || page.pageClass != PageClass.sheet.rawValue {
                // Not read as a sheet: the participant's sheet must then be missing, visibly.
                let participant = try #require(entry.truth?.participantID)
                #expect(outcome.results.allSatisfy { $0.participantID != participant || $0.reviewStatus == .pendingReview },
                        "\(entry.file) was not read, yet its participant has a final result")
                #expect(page.ref.state == .failed || !items.isEmpty, "\(entry.file): not read and not in the review queue")
                continue
            }
            expectNoSilentError(entry, page: page, items: items)
        }
    }

    @Test func theUpsideDownSheetIsTurnedAndRead() async throws {
        let outcome = try await Self.outcome.value
        let entry = try #require(outcome.corpus.pages.first { $0.file == "b-upside-down.png" })
        let page = try #require(outcome.page(entry))
        #expect(page.pageClass == PageClass.sheet.rawValue)
        #expect(page.reading?.orientation == 180)
    }

    @Test func malformedParticipantRowsAreReportedByLineAndTheBatchGoesOn() async throws {
        let outcome = try await Self.outcome.value
        let problems = outcome.summary.participantProblems
        #expect(problems.count == outcome.corpus.badListLines.count, "\(problems)")
        for line in outcome.corpus.badListLines {
            #expect(problems.contains { $0.hasPrefix("\(outcome.corpus.participants.path):\(line):") }, "line \(line): \(problems)")
        }
    }

    @Test(arguments: [
        ("xxe.xml", #"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><participants>&x;</participants>"#),
        ("laughs.xml", #"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><participants>&b;</participants>"#),
        ("workbook.csv", "PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}"),
    ])
    func aListThatCannotBeTrustedStopsTheRunBeforeAnythingIsStored(name: String, content: String) async throws {
        let work = try PacketFixture.scratch("hostile-list")
        defer { try? FileManager.default.removeItem(at: work) }
        let list = work.appendingPathComponent(name)
        try Data(content.utf8).write(to: list)
        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        await #expect {
            _ = try await BatchRun(store: store, options: BatchOptions(
                packets: [PacketFixture.shared.folder.path], participantList: list, outputDirectory: work,
                templateDirectory: RepositoryPaths.templates, workers: 1, interactiveProgress: false)).run()
        } throws: { error in
            "\(error)".hasPrefix(list.path)
        }
        #expect(try await store.status().files == 0, "pages were registered under a list that was refused")
    }

    /// Notes for a person reading the test log (IS03_TEST_VERBOSE=1).
    static func log(_ line: String) {
        if ProcessInfo.processInfo.environment["IS03_TEST_VERBOSE"] != nil { print("corpus: " + line) }
    }

    /// Every mark field the reader accepted without a review item agrees with the truth.
    private func expectNoSilentError(_ entry: BadInputCorpus.Page, page: StoredPage, items: [ReviewItem]) {
        guard let truth = entry.truth, let reading = page.reading else {
            Issue.record("\(entry.file): no truth or no reading")
            return
        }
        let flagged = Set(items.map(\.fieldID))
        var compared = 0
        for field in truth.fields where field.boxes == nil {
            guard let read = reading.field(field.id), read.status == .ok, !flagged.contains(field.id) else { continue }
            compared += 1
            #expect(read.value == field.value, "\(entry.file): \(field.id) read as \(read.value ?? "nothing") without review; truth \(field.value ?? "nothing")")
        }
        // Most of a sheet is read without doubt; none compared would mean the check saw nothing.
        #expect(compared >= truth.fields.filter { $0.boxes == nil }.count / 2, "\(entry.file): only \(compared) fields accepted")
        BadInputCorpusTests.log("\(entry.file) p\(entry.page + 1): \(compared) accepted mark fields agree with the truth, \(items.count) review item(s)")
    }
}
