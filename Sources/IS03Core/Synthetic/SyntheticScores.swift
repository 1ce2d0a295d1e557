/// An expert's scoring of one participant for a synthetic sheet: valid under the template's
/// rules, or with one deliberate violation that a checker must flag.
public struct SyntheticScores: Sendable, Hashable {
    /// Criterion id → score, for the criteria this participant is scored on.
    public var scores: [String: Int]
    /// Tasks whose «не приступал» flag is marked.
    public var notAttempted: Set<Int>
    /// The expert's own total and verdict, as marked on the sheet.
    public var expertTotal: Int
    public var verdict: String?
    public var violations: [RuleViolation]

    /// The kinds of deliberate violation the generator can make.
    public enum ViolationKind: String, Sendable, CaseIterable {
        /// An `onlyIf` rule broken (e.g. РО = 1 while Р (tasks 3-4) = 0).
        case onlyIf
        /// A group over its cap while its task is marked not attempted.
        case capIfTaskNotAttempted
        /// The expert's total differs from the sum of the criteria.
        case expertTotal
        /// The expert's verdict disagrees with the total and the pass mark.
        case expertVerdict
    }

    /// Draws scores for `template`.
    /// - Parameters:
    ///   - criteria: the criterion ids scored for this participant's category (nil: all).
    ///   - passMark: the pass mark that applies (the category's, or the template's).
    ///   - violation: the violation to build in, or nil for a valid sheet.
    public static func generate(template: Template, criteria: [String]? = nil, passMark: Int? = nil,
                                violation: ViolationKind? = nil, rng: inout SeededRandom) -> SyntheticScores {
        let scoring = template.scoring
        let scored = Set(criteria ?? scoring.criteria.map(\.id))
        let ability = Double.random(in: 0.3...0.98, using: &rng)
        var scores: [String: Int] = [:]
        for criterion in scoring.criteria where scored.contains(criterion.id) {
            scores[criterion.id] = (0..<criterion.max).reduce(0) { sum, _ in
                sum + (Double.random(in: 0..<1, using: &rng) < ability ? 1 : 0)
            }
        }
        var notAttempted = Set<Int>()
        var violations: [RuleViolation] = []

        func capRules() -> [Scoring.Rule] {
            scoring.rules.filter { rule in
                rule.kind == .capIfTaskNotAttempted && rule.group.flatMap(scoring.group).map {
                    $0.criteria.allSatisfy(scored.contains)
                } == true
            }
        }
        func markNotAttempted(_ rule: Scoring.Rule) {
            guard let task = rule.task, let group = rule.group.flatMap(scoring.group) else { return }
            notAttempted.insert(task)
            // The task's own criteria get 0; the speech group keeps what was earned on the rest.
            for criterion in scoring.criteria where criterion.task == task && !group.criteria.contains(criterion.id) {
                if scores[criterion.id] != nil { scores[criterion.id] = 0 }
            }
        }
        // Occasionally a task was not attempted (valid: its group respects the cap).
        for rule in capRules() where Double.random(in: 0..<1, using: &rng) < 0.04 {
            guard let group = rule.group.flatMap(scoring.group), let cap = rule.max else { continue }
            markNotAttempted(rule)
            var excess = group.criteria.compactMap { scores[$0] }.reduce(0, +) - cap
            for id in group.criteria.shuffled(using: &rng) where excess > 0 {
                let cut = min(scores[id] ?? 0, excess)
                scores[id, default: 0] -= cut
                excess -= cut
            }
        }
        // Valid sheets obey every onlyIf rule.
        for rule in scoring.rules where rule.kind == .onlyIf {
            guard let id = rule.criterion, let requires = rule.requires, let value = rule.value,
                  let required = rule.requiredValue, scores[id] == value, scores[requires] != nil,
                  scores[requires] != required else { continue }
            scores[id] = value == 0 ? 1 : 0
        }

        switch violation {
        case .onlyIf:
            if let rule = scoring.rules.first(where: { $0.kind == .onlyIf }), let id = rule.criterion,
               let requires = rule.requires, let value = rule.value, let required = rule.requiredValue,
               scores[id] != nil, scores[requires] != nil {
                scores[id] = value
                scores[requires] = required == 0 ? 1 : 0
                violations.append(RuleViolation(rule: rule.id, description: rule.description))
            }
        case .capIfTaskNotAttempted:
            if let rule = capRules().first, let group = rule.group.flatMap(scoring.group), let cap = rule.max {
                markNotAttempted(rule)
                for id in group.criteria { scores[id] = scoring.criterion(id)?.max ?? 1 }
                if group.criteria.compactMap({ scores[$0] }).reduce(0, +) > cap {
                    violations.append(RuleViolation(rule: rule.id, description: rule.description))
                }
            }
        case .expertTotal, .expertVerdict, nil:
            break
        }

        let sum = scores.values.reduce(0, +)
        let totalValues = template.field(role: .expertTotal)?.values?.compactMap(Int.init) ?? []
        var total = sum
        if violation == .expertTotal, let top = totalValues.max() {
            var delta = Int.random(in: 1...3, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            if !(0...top).contains(sum + delta) { delta = -delta }
            total = sum + delta
            violations.append(RuleViolation(rule: "expertTotal",
                                            description: "the expert's total \(total) differs from the criteria sum \(sum)"))
        }
        let pass = sum >= (passMark ?? scoring.passMark)
        var verdict = pass ? scoring.verdictPass : scoring.verdictFail
        if violation == .expertVerdict, let pass = scoring.verdictPass, let fail = scoring.verdictFail {
            verdict = verdict == pass ? fail : pass
            violations.append(RuleViolation(rule: "expertVerdict",
                                            description: "the expert's verdict «\(verdict!)» disagrees with the total \(sum)"))
        }
        return SyntheticScores(scores: scores, notAttempted: notAttempted, expertTotal: total, verdict: verdict,
                               violations: violations)
    }
}
