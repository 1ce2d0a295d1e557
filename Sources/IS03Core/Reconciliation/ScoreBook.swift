/// Match scores computed so far, so each sheet–participant pair is aligned at most once, plus
/// each sheet's shortlist from the whole list (by the cheap positional score).
struct ScoreBook {
    let sheets: [PreparedSheet]
    let people: [PreparedParticipant]
    let scorer: MatchScorer
    let shortlistSize: Int
    private var cache: [Int: [Int: MatchScore]] = [:]
    private var shortlists: [Int: [Int]] = [:]
    /// Letter tables of the sheets being matched (see ``forget(_:)``).
    private var tables: [Int: SheetTables] = [:]

    init(sheets: [PreparedSheet], people: [PreparedParticipant], scorer: MatchScorer, shortlistSize: Int) {
        self.sheets = sheets; self.people = people; self.scorer = scorer; self.shortlistSize = shortlistSize
    }

    mutating func score(_ sheet: Int, _ participant: Int) -> MatchScore {
        if let known = cache[sheet]?[participant] { return known }
        let value = scorer.score(sheets[sheet], tables(of: sheet), people[participant])
        cache[sheet, default: [:]][participant] = value
        return value
    }

    /// Participants already scored against `sheet`.
    func scored(_ sheet: Int) -> [Int] { Array(cache[sheet]?.keys ?? [:].keys) }

    /// Distinct `candidates`, best total first (ties by list order, for determinism).
    mutating func ranked(_ sheet: Int, among candidates: [Int]) -> [(participant: Int, score: MatchScore)] {
        var seen = Set<Int>()
        var out: [(participant: Int, score: MatchScore)] = []
        for p in candidates where seen.insert(p).inserted { out.append((p, score(sheet, p))) }
        return out.sorted { $0.score.total != $1.score.total ? $0.score.total > $1.score.total : $0.participant < $1.participant }
    }

    /// The `shortlistSize` participants of the whole list with the best positional score.
    /// - Complexity: O(p) for the first call per sheet.
    mutating func shortlist(_ sheet: Int) -> [Int] {
        if let known = shortlists[sheet] { return known }
        let list = top(sheet, count: shortlistSize)
        shortlists[sheet] = list
        return list
    }

    /// The best `count` participants by positional score (not cached; for review candidates).
    mutating func top(_ sheet: Int, count: Int) -> [Int] {
        var top: [(Double, Int)] = []
        let sheetTables = tables(of: sheet)
        for p in people.indices {
            let q = scorer.quickScore(sheets[sheet], sheetTables, people[p])
            if top.count < count {
                top.append((q, p)); top.sort { $0.0 > $1.0 }
            } else if q > top[top.count - 1].0 {
                top[top.count - 1] = (q, p); top.sort { $0.0 > $1.0 }
            }
        }
        return top.map(\.1)
    }

    /// Field by field, what `sheet` says about `participant` (for a review item's message).
    mutating func explain(_ sheet: Int, _ participant: Int) -> MatchExplanation {
        MatchExplanation(sheet: sheets[sheet], tables: tables(of: sheet), person: people[participant], scorer: scorer)
    }

    /// What the surely read letters of `sheet`'s ФИО say about `participant` (see
    /// ``MatchScorer/confidentNameScore(_:_:)``).
    func confidentNameScore(_ sheet: Int, _ participant: Int) -> Double {
        scorer.confidentNameScore(sheets[sheet].evidence, people[participant])
    }

    /// The letter tables of `sheet`, built on first use.
    private mutating func tables(of sheet: Int) -> SheetTables {
        if let known = tables[sheet] { return known }
        let built = SheetTables(sheets[sheet].evidence, scorer: scorer)
        tables[sheet] = built
        return built
    }

    /// Keeps only the `count` best scores cached for each of `sheets` (best total first, ties by
    /// list order, as ``ranked(_:among:)`` orders them). A sheet left open after its school was
    /// scored holds a score for everyone in the school (10,800 in one synthetic region: 28 MB
    /// at the peak of matching, issue 5). Only memoisation is lost: any score asked for again
    /// is computed again, the same; and the report ranks a sheet's candidates among
    /// ``scored(_:)`` keeping its best `candidatesListed`, which `count` must not be below.
    mutating func trim(_ sheets: some Sequence<Int>, keeping count: Int) {
        for sheet in sheets {
            guard let known = cache[sheet], known.count > count else { continue }
            let best = known.sorted { $0.value.total != $1.value.total ? $0.value.total > $1.value.total : $0.key < $1.key }
                .prefix(count)
            cache[sheet] = Dictionary(uniqueKeysWithValues: best.map { ($0.key, $0.value) })
        }
    }

    /// Drops what was computed for `matched` sheets, which are never scored again: the tables
    /// and scores of a whole batch would otherwise be held until matching ends (issue 5).
    mutating func forget(_ matched: some Sequence<Int>) {
        for sheet in matched {
            tables[sheet] = nil
            cache[sheet] = nil
            shortlists[sheet] = nil
        }
    }
}
