import Foundation

/// Finds which expert of the optional experts list wrote their ФИО on a sheet.
///
/// The expert's surname and initials boxes are aligned with every listed expert exactly like a
/// participant's ФИО (letter by letter, with the reader's per-box alternatives and the
/// hand-print confusions; see `MatchScorer`), so one misread letter does not lose the expert.
/// Experts of the participant's own school (ОО) are tried first, then the whole list. A match
/// is accepted only on the participant matcher's terms — at least `minimumScore` and ahead of
/// the runner-up by `minimumMargin` — so a wrong expert is never reported without review.
public struct ExpertMatcher: Sendable {
    public let experts: [Expert]
    let policy: ReconciliationPolicy
    let scorer: MatchScorer
    private let encoded: [(surname: [UInt8], initials: [UInt8])]

    public init(experts: [Expert], policy: ReconciliationPolicy = .default) {
        self.experts = experts; self.policy = policy
        scorer = MatchScorer(policy: policy)
        encoded = experts.map { expert in
            (MatchScorer.encode(expert.surname), MatchScorer.encode(Self.initials(of: expert)))
        }
    }

    /// The outcome for one sheet.
    public struct Outcome: Sendable {
        /// The expert accepted automatically; nil when no expert clearly fits.
        public var expert: Expert?
        /// The best-fitting experts, best first, with their share of the evidence (0…1).
        public var candidates: [(expert: Expert, probability: Double)]
    }

    /// Matches the written surname and initials (nil or blank fields carry no evidence).
    public func match(surname: FieldReading?, initials: FieldReading?, oo: String?) -> Outcome {
        let surnameBoxes = SheetEvidence.withoutStrayTail(SheetEvidence.boxes(surname), policy: policy)
        let initialBoxes = SheetEvidence.boxes(initials).filter { !$0.isEmpty }
        guard !experts.isEmpty, !surnameBoxes.isEmpty else { return Outcome(expert: nil, candidates: []) }
        let surnameTable = scorer.table(surnameBoxes)
        let initialsTable = scorer.table(initialBoxes)
        let scores: [(index: Int, score: Double)] = experts.indices.map { i in
            var score = scorer.align(surnameTable, encoded[i].surname)
            if !initialBoxes.isEmpty { score += scorer.align(initialsTable, encoded[i].initials) }
            return (i, score)
        }.sorted { $0.score > $1.score }

        // Shares of the evidence against each other and against "nobody on the list" (score 0).
        let top = max(scores[0].score, 0)
        let weights = scores.map { exp($0.score - top) }
        let total = weights.reduce(exp(-top), +)
        let candidates = zip(scores, weights).prefix(policy.candidatesListed).map { (experts[$0.index], $1 / total) }

        /// The best of `ranked` when it clearly beats the next one (nobody scores 0).
        func clearBest(_ ranked: [(index: Int, score: Double)]) -> Expert? {
            guard let best = ranked.first else { return nil }
            let runnerUp = ranked.count > 1 ? max(ranked[1].score, 0) : 0
            return best.score >= policy.minimumScore && best.score - runnerUp >= policy.minimumMargin ? experts[best.index] : nil
        }
        let local = oo.map { oo in scores.filter { experts[$0.index].oo == oo } } ?? []
        return Outcome(expert: clearBest(local) ?? clearBest(scores), candidates: candidates)
    }

    /// «АВ» for Анна Викторовна: the letters an expert writes in the initials boxes.
    static func initials(of expert: Expert) -> String {
        [expert.name, expert.patronymic ?? ""].compactMap { $0.first.map(String.init) }.joined()
    }
}
