import Foundation
import IS03Core
import IS03Render
import IS03TestSupport
import Testing

/// Synthetic participants and scores: realistic, valid under the 2023 rules, and violating
/// them exactly when asked to.
@Suite struct SyntheticDataTests {
    @Test func namesAgreeInGenderAndCoverTheAwkwardCases() {
        var rng = SeededRandom(seed: 5)
        var sawYo = false, sawHyphen = false, sawLong = false
        for _ in 0..<3000 {
            let person = RussianNames.random(using: &rng)
            if let patronymic = person.patronymic {
                #expect(patronymic.hasSuffix(person.gender == .male ? "ич" : "на"), "\(patronymic) for \(person.gender)")
            }
            for part in person.surname.split(separator: "-") {
                // Masculine -ов/-ин/-ий/-ой never on a woman, feminine -ова/-ина/-ая never on a man.
                if person.gender == .female {
                    #expect(!part.hasSuffix("ов") && !part.hasSuffix("ёв") && !part.hasSuffix("ий") && !part.hasSuffix("ин"),
                            "\(person.surname) is masculine")
                } else {
                    #expect(!part.hasSuffix("ова") && !part.hasSuffix("ая") && !part.hasSuffix("ина"), "\(person.surname) is feminine")
                }
            }
            let full = person.surname + person.name + (person.patronymic ?? "")
            sawYo = sawYo || full.contains("ё") || full.contains("Ё")
            sawHyphen = sawHyphen || person.surname.contains("-")
            sawLong = sawLong || person.surname.count >= 14
        }
        #expect(sawYo && sawHyphen && sawLong)
    }

    @Test func participantListRoundTripsThroughTheSharedCSVFormat() throws {
        var setting = SyntheticParticipants.Setting()
        setting.specialCategories = ["deaf-sign", "autism"]
        setting.specialShare = 0.3
        let participants = SyntheticParticipants(setting: setting).generate(present: 40, seed: 3)
        #expect(participants.filter { !$0.absent }.count == 40)
        #expect(participants.contains { $0.absent })
        #expect(participants.contains { $0.category != "standard" })
        let list = try ParticipantList.parseCSV(ParticipantCSV.encode(participants), file: "synthetic.csv")
        #expect(list.problems.filter { $0.kind == .invalidRow }.isEmpty, "\(list.problems)")
        #expect(list.participants == participants)
    }

    @Test func validScoresObeyEveryRuleAndViolationsBreakExactlyTheirRule() throws {
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        let scoring = template.scoring
        func broken(_ s: SyntheticScores) -> Set<String> {
            var rules = Set<String>()
            for rule in scoring.rules {
                switch rule.kind {
                case .onlyIf:
                    if let id = rule.criterion, let requires = rule.requires, s.scores[id] == rule.value,
                       let other = s.scores[requires], other != rule.requiredValue { rules.insert(rule.id) }
                case .capIfTaskNotAttempted:
                    let sum = scoring.group(rule.group ?? "")?.criteria.compactMap { s.scores[$0] }.reduce(0, +) ?? 0
                    if let task = rule.task, s.notAttempted.contains(task), sum > rule.max ?? Int.max { rules.insert(rule.id) }
                }
            }
            let sum = s.scores.values.reduce(0, +)
            if s.expertTotal != sum { rules.insert("expertTotal") }
            if s.verdict != (sum >= scoring.passMark ? scoring.verdictPass : scoring.verdictFail) { rules.insert("expertVerdict") }
            return rules
        }
        var rng = SeededRandom(seed: 9)
        var sawNotAttempted = false
        for _ in 0..<2000 {
            let valid = SyntheticScores.generate(template: template, rng: &rng)
            #expect(broken(valid).isEmpty, "valid sheet breaks \(broken(valid)): \(valid.scores)")
            #expect(valid.violations.isEmpty)
            for criterion in scoring.criteria { #expect((0...criterion.max).contains(valid.scores[criterion.id] ?? -1)) }
            sawNotAttempted = sawNotAttempted || !valid.notAttempted.isEmpty
        }
        #expect(sawNotAttempted)
        for kind in SyntheticScores.ViolationKind.allCases {
            for _ in 0..<50 {
                let sheet = SyntheticScores.generate(template: template, violation: kind, rng: &rng)
                let recorded = Set(sheet.violations.map(\.rule))
                #expect(recorded.count == 1)
                #expect(broken(sheet) == recorded, "\(kind): recorded \(recorded), broken \(broken(sheet))")
            }
        }
    }

    @Test func specialCategoryParticipantsAreScoredOnTheirCriteriaOnly() throws {
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        var rng = SeededRandom(seed: 10)
        let subset = ["ТЧ", "М1", "М2", "Д1", "Д2"]
        let sheet = SyntheticScores.generate(template: template, criteria: subset, passMark: 3, rng: &rng)
        #expect(Set(sheet.scores.keys) == Set(subset))
        #expect(sheet.verdict == (sheet.scores.values.reduce(0, +) >= 3 ? "зачёт" : "незачёт"))
    }
}
