import Foundation
import IS03Core
import IS03TestSupport
import Testing

@Suite struct ScoringTests {
    let engine = ScoringEngine(template: ReadingFixtures.template, categories: ReadingFixtures.categories)

    /// Приложение 18 of seed 003, row by row: scored criteria, max and pass mark.
    static let appendix18: [(id: String, criteria: Set<String>, max: Int, pass: Int)] = {
        let p: Set = ["П1", "П2", "П3", "П4"], m: Set = ["М1", "М2", "М3"], d: Set = ["Д1", "Д2"]
        let r1: Set = ["Р1.Г", "Р1.О", "Р1.Р", "Р1.Иск"], r2: Set = ["Р2.Г", "Р2.О", "Р2.Р", "Р2.РО"]
        let all = p.union(m).union(d).union(r1).union(r2).union(["ИЧ", "ТЧ"])
        return [
            ("standard", all, 20, 10),
            ("deaf-sign", p.union(m).union(d), 10, 5),
            ("deaf-written", p.union(m).union(d), 10, 5),
            ("hard-of-hearing", p.union(m).union(d), 10, 5),
            ("blind-braille", all.subtracting(["ТЧ"]), 19, 9),
            ("blind-no-braille", m.union(d).union(r2), 9, 5),
            ("low-vision", all.subtracting(["ТЧ"]), 19, 9),
            ("severe-speech", p.union(m).union(["Д1"]), 9, 5),
            ("musculoskeletal", all, 20, 10),
            ("autism", ["ТЧ", "М1", "М2", "Д1", "Д2"], 5, 3),
            ("zpr", Set(["ТЧ", "П1", "П2", "П3", "Д2"]).union(m), 9, 5),
            ("other-special", all, 20, 10),
        ]
    }()

    @Test func categoryTableMatchesAppendix18() throws {
        let table = ReadingFixtures.categories
        #expect(table.categories.map(\.id).sorted() == Self.appendix18.map(\.id).sorted())
        for row in Self.appendix18 {
            let category = try #require(table.category(row.id))
            #expect(Set(category.criteria) == row.criteria, "\(row.id)")
            #expect(category.max == row.max && category.passMark == row.pass, "\(row.id)")
        }
    }

    @Test(arguments: appendix18.map(\.id))
    func everyCategoryScoresItsCriteriaAndPassesAtItsMark(id: String) throws {
        let category = try #require(ReadingFixtures.categories.category(id))
        // Full marks: total is the category's max, a clean pass.
        let full = engine.score(ReadingFixtures.sheet(scores: ReadingFixtures.fullMarks(category)), categoryID: id)
        #expect(full.total == category.max && full.outcome == .pass && !full.provisional && full.findings.isEmpty)
        #expect(full.max == category.max && full.passMark == category.passMark)
        #expect(full.parts.map(\.score).reduce(0, +) == category.max)
        // Exactly the pass mark passes, one below fails, with no finding on a valid sheet.
        for (target, expected) in [(category.passMark, SheetScore.Outcome.pass), (category.passMark - 1, .fail)] {
            var scores = Dictionary(uniqueKeysWithValues: category.criteria.map { ($0, 0) })
            var left = target
            // Fill from the end so Р2.РО is never 1 without Р2.Р (the onlyIf rule).
            for criterion in category.criteria where left > 0 {
                let give = min(left, ReadingFixtures.template.scoring.criterion(criterion)!.max)
                scores[criterion] = give; left -= give
            }
            if scores["Р2.РО"] == 1 && scores["Р2.Р"] == 0 { scores["Р2.РО"] = 0; scores["Р2.Р"] = 1 }
            let result = engine.score(ReadingFixtures.sheet(scores: scores), categoryID: id)
            #expect(result.total == target && result.outcome == expected, "\(id) at \(target)")
            #expect(result.findings.isEmpty, "\(id): \(result.findings.map(\.message))")
        }
    }

    @Test func groupAndPartTotalsOfAStandardSheet() {
        let scores = ["ИЧ": 1, "ТЧ": 0, "П1": 2, "П2": 1, "П3": 0, "П4": 1, "Р1.Г": 1, "Р1.О": 1, "Р1.Р": 0, "Р1.Иск": 1,
                      "М1": 1, "М2": 1, "М3": 0, "Д1": 1, "Д2": 1, "Р2.Г": 1, "Р2.О": 0, "Р2.Р": 1, "Р2.РО": 1]
        let result = engine.score(ReadingFixtures.sheet(scores: scores, expertTotal: 15, expertVerdict: "зачёт"), categoryID: "standard")
        #expect(result.parts.map(\.score) == [8, 7] && result.parts.map(\.max) == [11, 9])
        #expect(result.groups.first { $0.id == "task2" }?.score == 4)
        #expect(result.total == 15 && result.outcome == .pass && result.findings.isEmpty && !result.provisional)
        #expect(result.expertTotal == 15 && result.expertVerdict == "зачёт")
    }

    // MARK: Rules, each broken and not broken

    static let base: [String: Int] = ["ИЧ": 1, "ТЧ": 1, "П1": 1, "П2": 1, "П3": 1, "П4": 1, "Р1.Г": 1, "Р1.О": 1, "Р1.Р": 0, "Р1.Иск": 0,
                                      "М1": 1, "М2": 1, "М3": 1, "Д1": 1, "Д2": 1, "Р2.Г": 1, "Р2.О": 0, "Р2.Р": 0, "Р2.РО": 0]

    func ruleIDs(_ scores: [String: Int], flags: Set<String> = []) -> [String] {
        engine.score(ReadingFixtures.sheet(scores: scores, flags: flags), categoryID: "standard").findings.compactMap(\.ruleID)
    }

    @Test func capIfTask2NotAttempted() {
        var scores = Self.base
        scores.merge(["П1": 0, "П2": 0, "П3": 0, "П4": 0]) { $1 }
        #expect(ruleIDs(scores, flags: ["task2NotAttempted"]).isEmpty, "Р1 = 2 is allowed")
        scores["Р1.Р"] = 1
        #expect(ruleIDs(scores, flags: ["task2NotAttempted"]) == ["Р1-cap"], "Р1 = 3 breaks the cap")
        #expect(ruleIDs(scores).isEmpty, "without the flag Р1 = 3 is fine")
    }

    @Test func blankCriteriaOfATaskNotAttemptedCountAsZero() {
        var scores = Self.base
        for id in ["П1", "П2", "П3", "П4"] { scores.removeValue(forKey: id) }
        scores["Р1.О"] = 0
        let result = engine.score(ReadingFixtures.sheet(scores: scores, flags: ["task2NotAttempted"]), categoryID: "standard")
        #expect(result.findings.isEmpty && !result.provisional)
        #expect(result.groups.first { $0.id == "task2" }?.score == 0)
        // Without the flag the same blanks are unread marks.
        let unflagged = engine.score(ReadingFixtures.sheet(scores: scores), categoryID: "standard")
        #expect(unflagged.findings.map(\.reason) == [.noMark, .noMark, .noMark, .noMark])
    }

    @Test func capIfTask3NotAttempted() {
        var scores = Self.base
        scores.merge(["М1": 0, "М2": 0, "М3": 0, "Р2.О": 1]) { $1 }
        #expect(ruleIDs(scores, flags: ["task3NotAttempted"]).isEmpty)
        scores["Р2.Р"] = 1
        let broken = engine.score(ReadingFixtures.sheet(scores: scores, flags: ["task3NotAttempted"]), categoryID: "standard")
        #expect(broken.findings.map(\.ruleID) == ["Р2-cap"] && broken.findings.first?.reason == .ruleViolation)
        #expect(broken.provisional)
    }

    @Test func roNeedsR() {
        var scores = Self.base
        scores["Р2.РО"] = 1
        #expect(ruleIDs(scores) == ["РО-needs-Р"], "РО = 1 with Р = 0")
        scores["Р2.Р"] = 1
        #expect(ruleIDs(scores).isEmpty, "РО = 1 with Р = 1")
        scores["Р2.РО"] = 0; scores["Р2.Р"] = 0
        #expect(ruleIDs(scores).isEmpty, "РО = 0 with Р = 0")
    }

    @Test func valueAboveMaximumIsAViolation() {
        let sheet = ReadingFixtures.sheet(scores: Self.base, extra: [FieldReading(id: "crit.ИЧ", status: .ok, value: "2", confidence: 0.99)])
        let result = engine.score(sheet, categoryID: "standard")
        #expect(result.findings.map(\.reason) == [.ruleViolation] && result.findings[0].fieldID == "crit.ИЧ")
    }

    @Test func scoreOutsideTheCategoryIsFlaggedAndNotCounted() throws {
        let autism = try #require(ReadingFixtures.categories.category("autism"))
        var scores = ReadingFixtures.fullMarks(autism)
        #expect(engine.score(ReadingFixtures.sheet(scores: scores), categoryID: "autism").findings.isEmpty)
        scores["П1"] = 0  // a zero outside the category is harmless
        #expect(engine.score(ReadingFixtures.sheet(scores: scores), categoryID: "autism").findings.isEmpty)
        scores["П1"] = 2
        let result = engine.score(ReadingFixtures.sheet(scores: scores), categoryID: "autism")
        #expect(result.total == 5 && result.findings.map(\.reason) == [.outsideCategory])
        #expect(result.findings[0].fieldID == "crit.П1")
    }

    @Test func expertTotalAndVerdictDisagreeing() {
        let sheet = { (total: Int, verdict: String) in
            ReadingFixtures.sheet(scores: Self.base, expertTotal: total, expertVerdict: verdict)
        }
        // base sums to 14: зачёт.
        #expect(engine.score(sheet(14, "зачёт"), categoryID: "standard").findings.isEmpty)
        #expect(engine.score(sheet(13, "зачёт"), categoryID: "standard").findings.map(\.reason) == [.totalMismatch])
        #expect(engine.score(sheet(14, "незачёт"), categoryID: "standard").findings.map(\.reason) == [.verdictMismatch])
    }

    @Test func blankExpertTotalOrVerdictOnAScoredSheetIsQueued() {
        // A faint зачёт mark read as blank must not skip the cross-check silently.
        let blank = [FieldReading(id: "expertTotal", status: .blank, value: nil, confidence: 0.97),
                     FieldReading(id: "expertVerdict", status: .blank, value: nil, confidence: 0.97)]
        let scored = engine.score(ReadingFixtures.sheet(scores: Self.base, extra: blank), categoryID: "standard")
        #expect(scored.findings.map(\.reason) == [.noMark, .noMark])
        #expect(Set(scored.findings.map(\.fieldID)) == ["expertTotal", "expertVerdict"])
        #expect(scored.outcome == .pass && scored.provisional)
        // «не завершил»: the expert may leave both blank; nothing to ask.
        let stopped = engine.score(ReadingFixtures.sheet(scores: ["ИЧ": 1], flags: ["notCompleted"], extra: blank), categoryID: "standard")
        #expect(stopped.findings.isEmpty)
    }

    @Test(arguments: [("notCompleted", SheetScore.Outcome.notCompleted), ("removed", .removed), ("notAdmitted", .notAdmitted)])
    func outcomeFlagsReplacePassOrFail(flag: String, outcome: SheetScore.Outcome) {
        // A removed participant's sheet may carry partial scores and blank criteria: no noise.
        let result = engine.score(ReadingFixtures.sheet(scores: ["ИЧ": 1, "ТЧ": 1], flags: [flag]), categoryID: "standard")
        #expect(result.outcome == outcome && result.findings.isEmpty && !result.provisional)
        let two = engine.score(ReadingFixtures.sheet(scores: Self.base, flags: [flag, "removed"]), categoryID: "standard")
        #expect(two.findings.contains { $0.ruleID == "one-outcome-flag" } == (flag != "removed"))
    }

    @Test(arguments: [
        (FieldReading.Status.blank, ReviewReason.noMark), (.multiple, .multipleMarks),
        (.ambiguous, .lowConfidenceMark), (.unreadable, .unreadableField),
    ])
    func unreadCriterionMakesTheResultProvisionalNotZero(status: FieldReading.Status, reason: ReviewReason) {
        let field = FieldReading(id: "crit.П1", status: status, value: status == .blank ? nil : "2", confidence: 0.5,
                                 alternatives: [Alternative(value: "1", confidence: 0.4)])
        let result = engine.score(ReadingFixtures.sheet(scores: Self.base, extra: [field]), categoryID: "standard")
        #expect(result.provisional)
        #expect(result.findings.map(\.reason) == [reason] && result.findings[0].fieldID == "crit.П1")
        let p1 = result.criteria.first { $0.id == "П1" }
        #expect(p1?.certain == false && p1?.value == (status == .blank ? nil : 2))
    }

    @Test func lowConfidenceOkMarkGoesToReview() {
        let field = FieldReading(id: "crit.М1", status: .ok, value: "1", confidence: 0.6)
        let result = engine.score(ReadingFixtures.sheet(scores: Self.base, extra: [field]), categoryID: "standard")
        #expect(result.provisional && result.findings.map(\.reason) == [.lowConfidenceMark])
        #expect(result.total == 14, "the best guess still counts in the provisional total")
    }

    @Test func unknownCategoryIsScoredAsStandardAndFlagged() {
        let result = engine.score(ReadingFixtures.sheet(scores: Self.base), categoryID: "martian")
        #expect(result.categoryID == "standard" && result.findings.map(\.reason) == [.unknownCategory])
    }

    @Test func regionalAmendmentReplacesARow() throws {
        let amendment = CategoryTable(format: 1, id: "region-37", template: "is03-2023", source: nil, categories: [
            .init(id: "autism", title: "РАС (региональная редакция)", criteria: ["ТЧ", "М1", "М2", "Д1", "Д2"], max: 5, passMark: 2),
        ])
        let amended = ReadingFixtures.categories.amended(with: amendment)
        #expect(amended.category("autism")?.passMark == 2 && amended.categories.count == 12)
        #expect(amended.problems(against: ReadingFixtures.template).isEmpty)
        let broken = CategoryTable(format: 1, id: "bad", template: "is03-2023", source: nil, categories: [
            .init(id: "x", title: "x", criteria: ["ТЧ", "Z9"], max: 3, passMark: 4),
        ])
        let problems = broken.problems(against: ReadingFixtures.template)
        #expect(problems.contains { $0.contains("Z9") } && problems.contains { $0.contains("pass mark") })
    }
}

@Suite struct CategoryTableLookupTests {
    @Test func tableIsFoundByTemplateYearOrFallsBackToStandard() throws {
        let t2023 = ReadingFixtures.template
        let table = try CategoryTable.load(for: t2023, in: RepositoryPaths.templates)
        #expect(table.id == "categories-2023" && table.categories.count == 12)
        let t2018 = try Template.load(id: "is03-2018", in: RepositoryPaths.templates)
        let fallback = try CategoryTable.load(for: t2018, in: RepositoryPaths.templates)
        #expect(fallback.categories.map(\.id) == ["standard"])
        #expect(fallback.categories[0].max == t2018.scoring.totalMax && fallback.problems(against: t2018).isEmpty)
    }
}
