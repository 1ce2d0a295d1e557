import Foundation

/// The report of a reconciliation: every sheet's match or the reason it is queued (with the
/// fields that agreed and contradicted), duplicates, absentees with a sheet, and the sheets
/// missing from the auditoriums that have arrived.
extension Reconciler {
    /// How a document-against-ФИО conflict's message begins: the review item says it as it is,
    /// without the general «several participants fit» in front.
    static let documentConflictPrefix = "серия и номер документа указывают на"

    func report(sheets: [SheetIdentity], prepared: [PreparedSheet], people: [PreparedParticipant],
                scores: inout ScoreBook, state: AssignmentState) -> ReconciliationReport {
        var matches: [SheetMatch] = []
        var proposedFor: [Int: [Int]] = [:]
        for i in sheets.indices {
            guard sheets[i].isSheet else {
                matches.append(SheetMatch(sheetIndex: i, participantID: nil, method: .none, accepted: false, score: 0,
                                          margin: nil, reason: nil, candidates: []))
                continue
            }
            if let p = state.participantOf[i] {
                let person = people[p].participant
                matches.append(SheetMatch(sheetIndex: i, participantID: person.id, method: state.method[i] ?? .region,
                                          accepted: true, score: state.score[i] ?? 0, margin: state.margin[i], reason: nil,
                                          candidates: [.init(participantID: person.id, fullName: person.fullName,
                                                             score: state.score[i] ?? 0, probability: 1)]))
                continue
            }
            let queued = queuedMatch(i, prepared: prepared[i], people: people, scores: &scores, state: state)
            if let p = queued.proposed { proposedFor[p, default: []].append(i) }
            matches.append(queued.match)
        }
        // Duplicates: participants with two or more sheets, accepted or clearly proposed.
        var duplicateSheets: [[Int]] = []
        let duplicateProposals = Dictionary(grouping: matches.filter { $0.reason == .duplicateSheet }) { $0.participantID ?? "" }
        for (p, accepted) in state.sheetsOf.sorted(by: { $0.key < $1.key }) {
            let dups = accepted + (duplicateProposals[people[p].participant.id] ?? []).map(\.sheetIndex)
            if dups.count > 1 { duplicateSheets.append(dups.sorted()) }
        }
        let acceptedPeople = Set(state.participantOf.values)
        let absentWithSheet = acceptedPeople.filter { people[$0].participant.absent }.map { people[$0].participant.id }.sorted()
        // Missing sheets and the count check only where a packet has arrived: a room that has
        // sent nothing yet is not a room whose sheets are lost.
        let sat = people.indices.filter {
            !people[$0].participant.absent && state.arrivedRooms.contains(Self.roomKey(people[$0].participant))
        }
        let missing = sat.filter { !acceptedPeople.contains($0) && proposedFor[$0] == nil }.map { people[$0].participant.id }
        let results = acceptedPeople.filter { !people[$0].participant.absent }.count
        return ReconciliationReport(matches: matches, absentWithSheet: absentWithSheet, missingSheets: missing,
                                    duplicateSheets: duplicateSheets,
                                    countCheck: .init(participantsWhoSat: sat.count, acceptedResults: results))
    }

    /// A sheet not accepted: its ranked candidates and why. «Nobody on the list fits» is said
    /// only when the readings exclude the best candidate (and so everyone ranked below);
    /// evidence that is merely too weak says so instead.
    private func queuedMatch(_ i: Int, prepared: PreparedSheet, people: [PreparedParticipant], scores: inout ScoreBook,
                             state: AssignmentState) -> (match: SheetMatch, proposed: Int?) {
        // A wider net than for matching: the operator should see the right person listed.
        var pool = scores.top(i, count: 4 * policy.shortlistSize) + scores.scored(i)
        if let owner = state.conflicts[i] { pool.insert(owner, at: 0) }
        let ranked = scores.ranked(i, among: pool).prefix(policy.candidatesListed).map { ($0.participant, $0.score) }
        let candidates = Self.candidates(Array(ranked), people: people, notOnListPrior: policy.notOnListPrior)
        let best = ranked.first
        let margin = ranked.count > 1 ? ranked[0].1.total - ranked[1].1.total : nil
        let readable = prepared.identityCeiling >= policy.minimumScore
        let reason: ReviewReason
        var detail: String?
        var proposed = best?.0
        if prepared.evidence.qrParticipantID != nil {
            reason = .noParticipant  // a QR id that is not on the list
            proposed = nil
        } else if let owner = state.conflicts[i] {
            reason = .ambiguousMatch
            proposed = owner
            detail = Self.documentConflictPrefix + " \(people[owner].participant.fullName), но написанное ФИО им противоречит ("
                + scores.explain(i, owner).text + ")"
        } else if let best, readable, best.1.identity <= -policy.noParticipantScore {
            reason = .noParticipant
            proposed = nil
            detail = "бланку не подходит никто из списка; даже ближайший, \(people[best.0].participant.fullName): "
                + scores.explain(i, best.0).text
        } else if !readable || best == nil {
            reason = .unreadableName
            proposed = nil
            if let best { detail = "ближайший: \(people[best.0].participant.fullName) (" + scores.explain(i, best.0).text + ")" }
        } else if let best, state.sheetsOf[best.0] != nil, (margin ?? .infinity) >= policy.minimumMargin {
            reason = .duplicateSheet
        } else if let best, best.1.identity < policy.minimumScore {
            reason = .unreadableName
            detail = "\(people[best.0].participant.fullName) подходит лучше всех, но ФИО и документ на бланке дают слишком мало оснований ("
                + scores.explain(i, best.0).text + ")"
        } else {
            reason = .ambiguousMatch
            if let best, ranked.count > 1 {
                detail = "\(people[best.0].participant.fullName) подходит лучше всех, \(people[ranked[1].0].participant.fullName) — следующий, "
                    + "без явного отрыва, который нужен для сопоставления (" + scores.explain(i, best.0).text + ")"
            }
        }
        let match = SheetMatch(sheetIndex: i, participantID: proposed.map { people[$0].participant.id }, method: .none,
                               accepted: false, score: best?.1.total ?? 0, margin: margin, reason: reason,
                               candidates: candidates, detail: detail)
        // Only a sheet clearly pointing at someone keeps that person off the missing list.
        let claims = reason == .ambiguousMatch || reason == .duplicateSheet || (reason == .unreadableName && proposed != nil)
        return (match, claims ? proposed : nil)
    }

    /// Posterior probabilities among the candidates and «someone not on the list»: a candidate
    /// weighs its total evidence, «not on the list» the best candidate's context (an outsider
    /// in this room would match the room as well) at the prior odds of `notOnListPrior`.
    static func candidates(_ ranked: [(Int, MatchScore)], people: [PreparedParticipant],
                           notOnListPrior: Double) -> [SheetMatch.Candidate] {
        guard let first = ranked.first else { return [] }
        let prior = min(max(notOnListPrior, 1e-9), 1 - 1e-9)
        let outsider = first.1.context + log(prior / (1 - prior))
        let top = max(first.1.total, outsider)
        let weights = ranked.map { exp($0.1.total - top) }
        let sum = weights.reduce(exp(outsider - top), +)
        return zip(ranked, weights).map { item, w in
            SheetMatch.Candidate(participantID: people[item.0].participant.id, fullName: people[item.0].participant.fullName,
                                 score: (item.1.total * 100).rounded() / 100, probability: w / sum)
        }
    }
}
