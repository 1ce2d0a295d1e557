import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// Seed 003, Приложение 12: with task 2 marked «не приступал», Р1 counts at most 2 points (task
/// 3 and Р2 the same). The cap changes the score, not only the queue.
@Suite struct CapAppliedTests {
    let engine = ScoringEngine(template: ReadingFixtures.template, categories: ReadingFixtures.categories)

    /// Criteria that sum to 10 (the pass mark) with Р1 at 3 and task 2 left blank.
    static let atPassMark: [String: Int] = ["ИЧ": 1, "ТЧ": 1, "Р1.Г": 1, "Р1.О": 1, "Р1.Р": 1, "Р1.Иск": 0,
                                            "М1": 1, "М2": 1, "М3": 0, "Д1": 1, "Д2": 0,
                                            "Р2.Г": 1, "Р2.О": 1, "Р2.Р": 0, "Р2.РО": 0]

    @Test func cappedNineIsNezachetWhereUncappedTenWouldPass() throws {
        let capped = engine.score(ReadingFixtures.sheet(scores: Self.atPassMark, flags: ["task2NotAttempted"]), categoryID: nil)
        let r1 = try #require(capped.groups.first { $0.id == "Р1" })
        #expect(r1.score == 2 && r1.marked == 3 && r1.cappedBy == "Р1-cap")
        #expect(capped.parts.first { $0.id == "tasks12" }?.score == 4)   // task1 2 + task2 0 + Р1 2
        #expect(capped.total == 9 && capped.outcome == .fail)
        // The expert's own marks stay as read.
        #expect(capped.criteria.filter { $0.id.hasPrefix("Р1.") }.compactMap(\.value) == [1, 1, 1, 0])
        // A person still checks that task 2 really was not attempted.
        let finding = try #require(capped.findings.first { $0.ruleID == "Р1-cap" })
        #expect(finding.reason == .ruleViolation && finding.machineValue == "Р1=3" && capped.provisional)

        // The same marks without the flag: 10, зачёт (task 2's blank criteria are queued instead).
        let uncapped = engine.score(ReadingFixtures.sheet(scores: Self.atPassMark), categoryID: nil)
        #expect(uncapped.total == 10 && uncapped.outcome == .pass)
        #expect(uncapped.groups.allSatisfy { $0.marked == nil && $0.cappedBy == nil })
    }

    @Test func groupAtOrBelowTheCapIsLeftAloneAndNotQueued() {
        var marks = Self.atPassMark
        marks["Р1.Р"] = 0   // Р1 = 2, the cap itself
        let score = engine.score(ReadingFixtures.sheet(scores: marks, flags: ["task2NotAttempted"]), categoryID: nil)
        #expect(score.total == 9 && score.groups.allSatisfy { $0.cappedBy == nil })
        #expect(!score.findings.contains { $0.ruleID == "Р1-cap" })
    }

    @Test func bothCapsApplyAndATerminalOutcomeIsNotCapped() throws {
        let both = engine.score(ReadingFixtures.sheet(scores: ["ИЧ": 1, "ТЧ": 1, "Р1.Г": 1, "Р1.О": 1, "Р1.Р": 1, "Р1.Иск": 1,
                                                               "Д1": 1, "Д2": 1, "Р2.Г": 1, "Р2.О": 1, "Р2.Р": 1, "Р2.РО": 1],
                                                      flags: ["task2NotAttempted", "task3NotAttempted"]), categoryID: nil)
        #expect(both.groups.filter { $0.cappedBy != nil }.map(\.id).sorted() == ["Р1", "Р2"])
        #expect(both.total == 2 + 2 + 2 + 2)
        let removed = engine.score(ReadingFixtures.sheet(scores: Self.atPassMark, flags: ["task2NotAttempted", "removed"]),
                                   categoryID: nil)
        #expect(removed.outcome == .removed && removed.groups.allSatisfy { $0.cappedBy == nil })
    }

    /// The capped value and the marked one stand side by side in both result files, and the
    /// XML still validates.
    @Test func resultFilesCarryTheMarkedSumBesideTheCap() throws {
        let person = ResultsTests.person("P1", "Иванов", "Пётр", "Сергеевич")
        let page = ReadingFixtures.sheet(scores: Self.atPassMark, flags: ["task2NotAttempted"], expertTotal: 9, expertVerdict: "незачёт",
                                         extra: ResultsTests.names("ИВАНОВ", "ПЕТР", "СЕРГЕЕВИЧ"))
        let out = ResultAssembler(template: ReadingFixtures.template, categories: ReadingFixtures.categories)
            .assemble([SheetToMatch(reading: page, packet: "ВДП-0101")], participants: [person])
        let record = try #require(out.results.first)
        #expect(record.score.total == 9 && record.score.outcome == .fail)
        let xml = ResultsXML.entry(record)
        #expect(xml.contains(#"<group id="Р1" score="2" max="4" marked="3" cappedBy="Р1-cap"/>"#))
        #expect(xml.contains(#"<total max="20" passMark="10">9</total>"#))
        let csv = ResultsCSV.document(out.results, template: ReadingFixtures.template).components(separatedBy: "\r\n")
        let row = Dictionary(uniqueKeysWithValues: zip(csv[0].components(separatedBy: ";"), csv[1].components(separatedBy: ";")))
        #expect(row["group:Р1"] == "2" && row["capped_groups"] == "Р1:3:Р1-cap" && row["total"] == "9")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("is03-cap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ResultFiles.write(out, template: ReadingFixtures.template, to: dir, generated: "2023-02-14T10:00:00Z")
        let result = try XMLLint.validate(dir.appendingPathComponent(ResultFiles.resultsXML),
                                          schema: RepositoryPaths.root.appendingPathComponent("schemas/results.xsd"))
        #expect(result.ok, "\(result.output)")
    }

    /// The cap is template data: a template without the rule does not cap.
    @Test func theCapComesFromTheTemplate() throws {
        var template = ReadingFixtures.template
        template.scoring.rules.removeAll { $0.kind == .capIfTaskNotAttempted }
        let score = ScoringEngine(template: template, categories: ReadingFixtures.categories)
            .score(ReadingFixtures.sheet(scores: Self.atPassMark, flags: ["task2NotAttempted"]), categoryID: nil)
        #expect(score.total == 10 && score.outcome == .pass)
    }
}
