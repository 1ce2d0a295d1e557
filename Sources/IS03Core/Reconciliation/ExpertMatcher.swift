import Foundation

/// Finds which expert of the optional experts list wrote their ФИО on a sheet.
///
/// The list is the language model: the expert's surname and initials boxes are aligned with
/// every listed expert's spelling exactly like a participant's ФИО (letter by letter, with the
/// reader's per-box alternatives, the hand-print confusions and the reader's doubt; see
/// `MatchScorer`), and the alignments become a posterior over the listed experts and «someone
/// not on the list». The experts of the participant's own school (ОО) — a handful — are
/// weighed first, so telling three spellings apart is easy even for a weak reader; only when
/// none of them clearly fits is the whole list weighed. An expert is accepted only when
/// the log posterior odds of the best reach `expertAcceptLogOdds`, so two near-identical
/// spellings the letters cannot separate are queued, never guessed.
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
        /// The best-fitting experts, best first, with their posterior probability (0…1).
        public var candidates: [(expert: Expert, probability: Double)]
        /// Posterior probability that the writer is on nobody's list.
        public var notOnList: Double = 0
        /// Why no expert was accepted, for the review item (nil when one was).
        public var why: String?
    }

    /// Matches the written surname and initials (nil or blank fields carry no evidence): among
    /// the experts of school `oo` first, then, when none of them clearly fits, the whole list.
    public func match(surname: FieldReading?, initials: FieldReading?, oo: String?) -> Outcome {
        let surnameBoxes = SheetEvidence.withoutStrayTail(SheetEvidence.boxes(surname), policy: policy)
        let initialBoxes = SheetEvidence.boxes(initials).filter { !$0.isEmpty }
        guard !experts.isEmpty, !surnameBoxes.isEmpty else { return Outcome(expert: nil, candidates: []) }
        let surnameTable = scorer.table(surnameBoxes)
        let initialsTable = scorer.table(initialBoxes)
        let scores = experts.indices.map { i in
            scorer.align(surnameTable, encoded[i].surname)
                + (initialBoxes.isEmpty ? 0 : scorer.align(initialsTable, encoded[i].initials))
        }
        let local = oo.map { oo in experts.indices.filter { experts[$0].oo == oo } } ?? []
        if !local.isEmpty {
            let outcome = posterior(among: local, scores: scores, school: oo)
            if outcome.expert != nil { return outcome }
        }
        return posterior(among: Array(experts.indices), scores: scores, school: nil)
    }

    /// The posterior over `pool` (equal priors sharing 1 − `notOnListPrior`) and «someone not
    /// on the list» (`notOnListPrior`, no letter evidence); the best is accepted when its log
    /// odds against everything else reach `expertAcceptLogOdds`.
    private func posterior(among pool: [Int], scores: [Double], school: String?) -> Outcome {
        let outsiderPrior = min(max(policy.notOnListPrior, 1e-9), 0.5)
        let each = log((1 - outsiderPrior) / Double(pool.count))
        let weights = pool.map { (index: $0, logWeight: each + scores[$0]) }
            .sorted { $0.logWeight != $1.logWeight ? $0.logWeight > $1.logWeight : $0.index < $1.index }
        let outsider = log(outsiderPrior)
        let top = max(weights[0].logWeight, outsider)
        let total = weights.reduce(exp(outsider - top)) { $0 + exp($1.logWeight - top) }
        let posterior = weights.map { exp($0.logWeight - top) / total }
        let candidates = zip(weights, posterior).prefix(policy.candidatesListed).map { (experts[$0.index], $1) }
        let notOnList = exp(outsider - top) / total
        let best = posterior[0]
        // Log odds of the best against everything else, kept finite when it is certain.
        let odds = log(max(best, 1e-300)) - log(max(1 - best, 1e-300))
        if odds >= policy.expertAcceptLogOdds { return Outcome(expert: experts[weights[0].index], candidates: candidates, notOnList: notOnList) }
        let name = experts[weights[0].index].shortName
        let why: String
        if posterior.count > 1, posterior[1] >= notOnList {
            why = "ФИО эксперта подходит к \(name) и почти так же к \(experts[weights[1].index].shortName) "
                + "(\(Self.percent(best)) против \(Self.percent(posterior[1])))"
        } else {
            why = "ФИО эксперта явно не подходит никому из экспертов\(school.map { " ОО \($0)" } ?? "") в списке: ближайший \(name) "
                + "(\(Self.percent(best))), кто-то не из списка \(Self.percent(notOnList))"
        }
        return Outcome(expert: nil, candidates: candidates, notOnList: notOnList, why: why)
    }

    static func percent(_ p: Double) -> String { String(format: "%.0f%%", p * 100) }

    /// «АВ» for Анна Викторовна: the letters an expert writes in the initials boxes.
    public static func initialsText(of expert: Expert) -> String { initials(of: expert) }

    static func initials(of expert: Expert) -> String {
        [expert.name, expert.patronymic ?? ""].compactMap { $0.first.map(String.init) }.joined()
    }
}
