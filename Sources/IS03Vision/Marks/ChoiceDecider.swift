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

/// What the decider knows about one bubble.
struct BubbleEvidence {
    var value: String
    /// Ink inside the ring (`BubbleMeasurement.score`).
    var score: Double
    /// Ink just outside the ring along the diagonals (`BubbleMeasurement.strike`).
    var strike: Double
    /// The whole measurement (for the weak-stroke feature).
    var measurement: BubbleMeasurement

    init(value: String, measurement m: BubbleMeasurement) {
        self.value = value; score = m.score; strike = m.strike; measurement = m
    }
}

/// Decides one / none / several / ambiguous from bubble scores, treating bubbles as
/// independent: P(only i marked) = pᵢ·Πⱼ≠ᵢ(1 − pⱼ), P(none) = Π(1 − pⱼ).
///
/// Weak strokes: a bubble below the cut that holds a pen stroke and scores in the upper part
/// of the gap to the cut (`MarkThreshold.weakProbability`, wᵢ) is never a value, but it is
/// evidence of a mark: blank and the one mark are judged with eᵢ = max(qᵢ, wᵢ) for the other
/// bubbles, P(none) = Π(1 − eⱼ), P(only i) = qᵢ·Πⱼ≠ᵢ(1 − eⱼ), so a weak tick flags the field.
///
/// Corrections: a marked bubble whose strike features say it was crossed out (an X or a single
/// slash reaching past the outline) does not count as a value. When a group holds struck-out bubbles and
/// exactly one other mark, that mark is the value, with the probability that each struck
/// bubble really is struck and the mark really is not. Anything less clear (only struck
/// bubbles, or several clean marks) is flagged.
struct ChoiceDecider {
    var config: MarkReadingConfig
    var threshold: MarkThreshold

    func decide(_ bubbles: [BubbleEvidence]) -> ChoiceDecision {
        let p = bubbles.map { threshold.probability($0.measurement) }
        // Struck out by an X or by a single slash.
        let s = bubbles.map { max(threshold.strikeProbability($0.strike), threshold.strikeProbability($0.measurement.slash)) }
        // A circle round a bubble inks the diagonals as a strike does, and the axes too. Whether
        // the expert circled a new choice or struck an old one, the engine cannot tell which
        // mark was meant: nothing is proposed as certain.
        let circled = p.indices.filter {
            threshold.strikeProbability(bubbles[$0].strike) > 0.5 && threshold.strikeProbability(bubbles[$0].measurement.circle) > 0.5
        }
        if !circled.isEmpty {
            let candidates = p.indices.filter { p[$0] > 0.5 || circled.contains($0) }
            return ChoiceDecision(status: .ambiguous, value: nil, confidence: 0.5,
                                  alternatives: candidates.map { Alternative(value: bubbles[$0].value, confidence: 0.5) })
        }
        let struck = p.indices.filter { p[$0] > 0.5 && s[$0] > 0.5 }
        if !struck.isEmpty { return decideCorrected(bubbles, p: p, s: s, struck: struck) }

        // No strike-out: the chance that the one mark is also not struck goes into the confidence.
        let q = p.indices.map { p[$0] * (1 - s[$0]) }
        let e = q.indices.map { max(q[$0], threshold.weakProbability(bubbles[$0].measurement)) }
        let pNone = e.reduce(1) { $0 * (1 - $1) }
        let pOnly = q.indices.map { i in q.indices.reduce(q[i]) { $1 == i ? $0 : $0 * (1 - e[$1]) } }
        let strong = q.indices.filter { p[$0] > 0.5 }.sorted { bubbles[$0].score > bubbles[$1].score }
        let ranked = q.indices.sorted { pOnly[$0] > pOnly[$1] }

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

    /// A group with at least one struck-out bubble.
    private func decideCorrected(_ bubbles: [BubbleEvidence], p: [Double], s: [Double], struck: [Int]) -> ChoiceDecision {
        let clean = p.indices.filter { p[$0] > 0.5 && s[$0] <= 0.5 }
        let struckAlternatives = struck.map { Alternative(value: bubbles[$0].value, confidence: 1 - s[$0]) }
        guard clean.count == 1, let i = clean.first else {
            if clean.count >= 2 {
                return ChoiceDecision(status: .multiple, value: nil, confidence: clean.map { p[$0] }.reduce(1, *),
                                      alternatives: clean.map { Alternative(value: bubbles[$0].value, confidence: p[$0]) })
            }
            // Everything marked was crossed out: maybe a withdrawn mark, maybe a heavy fill;
            // an operator decides.
            return ChoiceDecision(status: .ambiguous, value: nil, confidence: 0.5, alternatives: struckAlternatives)
        }
        // P(i is the one clean mark) = P(i marked, not struck) · Π struck P(struck) · Π rest P(empty).
        var confidence = p[i] * (1 - s[i])
        for j in p.indices where j != i {
            confidence *= struck.contains(j) ? s[j] : (1 - max(p[j], threshold.weakProbability(bubbles[j].measurement)))
        }
        return ChoiceDecision(status: confidence >= config.acceptConfidence ? .ok : .ambiguous,
                              value: bubbles[i].value, confidence: confidence, alternatives: struckAlternatives)
    }
}
