import Foundation
import IS03Core
import Testing

/// The target for rules: every deliberate violation the synthetic-scan generator builds
/// in (`SyntheticScores`, the render engineer's truth) is flagged, and no valid sheet is flagged
/// for anything — across every category of Приложение 18.
@Suite struct SyntheticTruthScoringTests {
    let engine = ScoringEngine(template: ReadingFixtures.template, categories: ReadingFixtures.categories)

    /// What scoring must report for each kind of deliberate violation.
    static func expected(_ violation: RuleViolation) -> (ReviewReason, String?) {
        switch violation.rule {
        case "expertTotal": (.totalMismatch, nil)
        case "expertVerdict": (.verdictMismatch, nil)
        default: (.ruleViolation, violation.rule)
        }
    }

    @Test func everyDeliberateViolationIsFlaggedAndNoValidSheetIs() {
        let template = ReadingFixtures.template
        let kinds: [SyntheticScores.ViolationKind?] = [nil, nil, nil] + SyntheticScores.ViolationKind.allCases
        var rng = SeededRandom(seed: 2023, stream: "scores")
        var flagged = 0, violations = 0, valid = 0
        for n in 0..<800 {
            let category = ReadingFixtures.categories.categories[n % ReadingFixtures.categories.categories.count]
            let kind = kinds[n % kinds.count]
            let truth = SyntheticScores.generate(template: template, criteria: category.criteria, passMark: category.passMark,
                                                 violation: kind, rng: &rng)
            let flags = Set(template.fields.filter { $0.role == .taskNotAttempted && truth.notAttempted.contains($0.task ?? -1) }.map(\.id))
            let reading = ReadingFixtures.sheet(scores: truth.scores, flags: flags, expertTotal: truth.expertTotal,
                                                expertVerdict: truth.verdict, n: n)
            let score = engine.score(reading, categoryID: category.id)
            let found = Set(score.findings.map { ($0.reason.rawValue + "|" + ($0.ruleID ?? "")) })
            var wanted = Set(truth.violations.map { Self.expected($0) }.map { $0.0.rawValue + "|" + ($0.1 ?? "") })
            // A cap is applied, not only reported: the expert's total (the sum of what they
            // marked) then differs from the computed one, and the cap may cross the pass mark.
            if truth.violations.contains(where: { $0.rule.hasSuffix("-cap") }) {
                if truth.expertTotal != score.total { wanted.insert("totalMismatch|") }
                if let verdict = truth.verdict, verdict != (score.outcome == .pass ? template.scoring.verdictPass : template.scoring.verdictFail) {
                    wanted.insert("verdictMismatch|")
                }
            }
            #expect(found == wanted, "sheet \(n), category \(category.id), \(kind.map(\.rawValue) ?? "valid"): \(score.findings.map(\.message))")
            if truth.violations.isEmpty { valid += 1 } else { violations += truth.violations.count; flagged += wanted.intersection(found).count }
        }
        #expect(valid > 300 && violations > 200)
        print("synthetic truth: \(valid) valid sheets unflagged, \(flagged)/\(violations) deliberate violations flagged")
    }
}
