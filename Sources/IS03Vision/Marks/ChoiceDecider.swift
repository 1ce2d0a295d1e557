import IS03Core

/// The decision for a group of bubbles of which at most one should be marked (a criterion,
/// one digit column, a flag).
public struct ChoiceDecision: Sendable, Hashable {
    public var status: FieldReading.Status
    /// The marked bubble's value (also the best guess when `ambiguous`); nil when blank/multiple.
    public var value: String?
    /// Probability that the decision (value, blank or multiple) is right.
    public var confidence: Double
    public var alternatives: [Alternative]
}

/// Decides one / none / several / ambiguous from bubble scores, treating bubbles as
/// independent: P(only i marked) = pᵢ·Πⱼ≠ᵢ(1 − pⱼ), P(none) = Π(1 − pⱼ).
struct ChoiceDecider {
    var config: MarkReadingConfig
    var threshold: MarkThreshold

    func decide(_ bubbles: [(value: String, score: Double)]) -> ChoiceDecision {
        let p = bubbles.map { threshold.probability($0.score) }
        let pNone = p.reduce(1) { $0 * (1 - $1) }
        let pOnly = p.indices.map { i in p.indices.reduce(p[i]) { $1 == i ? $0 : $0 * (1 - p[$1]) } }
        let strong = p.indices.filter { p[$0] > 0.5 }.sorted { bubbles[$0].score > bubbles[$1].score }
        let ranked = p.indices.sorted { pOnly[$0] > pOnly[$1] }

        if strong.count >= 2 {
            let pSeveral = max(0, 1 - pNone - pOnly.reduce(0, +))
            return ChoiceDecision(status: .multiple, value: nil, confidence: pSeveral,
                                  alternatives: strong.map { Alternative(value: bubbles[$0].value, confidence: p[$0]) })
        }
        if let i = strong.first {
            let others = ranked.filter { $0 != i && pOnly[$0] > 0.001 }.prefix(2)
                .map { Alternative(value: bubbles[$0].value, confidence: pOnly[$0]) }
            return ChoiceDecision(status: pOnly[i] >= config.acceptConfidence ? .ok : .ambiguous,
                                  value: bubbles[i].value, confidence: pOnly[i], alternatives: Array(others))
        }
        let weak = ranked.filter { pOnly[$0] > 0.001 }.prefix(3)
            .map { Alternative(value: bubbles[$0].value, confidence: pOnly[$0]) }
        return ChoiceDecision(status: pNone >= config.acceptConfidence ? .blank : .ambiguous,
                              value: nil, confidence: pNone, alternatives: Array(weak))
    }
}
