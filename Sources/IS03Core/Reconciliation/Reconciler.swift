import Foundation

/// A sheet to match, with the packet (ВДП) it came in.
public struct SheetToMatch: Sendable {
    public var reading: SheetReading
    public var packet: String
    public init(reading: SheetReading, packet: String) { self.reading = reading; self.packet = packet }
}

/// One page as matching sees it: whether it is a sheet of the run's form (other pages only
/// count towards their packet's context) and what it says about whose it is.
public struct SheetIdentity: Sendable {
    public var isSheet: Bool
    public var evidence: SheetEvidence
    public init(isSheet: Bool, evidence: SheetEvidence) { self.isSheet = isSheet; self.evidence = evidence }
}

/// Matches sheets to participants: QR ids first (exact), then jointly by handwriting and
/// digits within each packet, then each school, then the region. A match is accepted only
/// when its identity evidence is strong and it beats the runner-up by a clear margin on both
/// sides (no other participant fits the sheet nearly as well, no other sheet fits the
/// participant nearly as well); everything else is proposed for review with ranked candidates.
public struct Reconciler: Sendable {
    public var template: Template
    public var policy: ReconciliationPolicy

    public init(template: Template, policy: ReconciliationPolicy = .default) {
        self.template = template; self.policy = policy
    }

    /// Matches `sheets` (pages that are not sheets are ignored and reported unmatched) to `participants`.
    /// - Complexity: about O(s·p) letter alignments per level, where p is the pool size of the
    ///   level (an auditorium, a school, the region for the few sheets left over).
    public func reconcile(_ sheets: [SheetToMatch], participants: [Participant]) -> ReconciliationReport {
        reconcile(sheets.enumerated().map { identity(of: $1, index: $0) }, participants: participants)
    }

    /// What matching needs of `sheet`, the `index`-th of the batch: a few kilobytes instead of
    /// the whole reading, so a large batch can be matched without holding its readings.
    public func identity(of sheet: SheetToMatch, index: Int) -> SheetIdentity {
        SheetIdentity(isSheet: sheet.reading.pageClass == .sheet,
                      evidence: SheetEvidence(reading: sheet.reading, template: template, packet: sheet.packet, index: index, policy: policy))
    }

    /// Matches sheets given by their identities (``identity(of:index:)``, in batch order).
    public func reconcile(_ sheets: [SheetIdentity], participants: [Participant]) -> ReconciliationReport {
        let scorer = MatchScorer(policy: policy)
        let people = zip(participants, NameCaps.forList(participants)).map(PreparedParticipant.init)
        let indexOfID = Dictionary(people.enumerated().map { ($1.participant.id, $0) }, uniquingKeysWith: { a, _ in a })
        let prepared = sheets.map { PreparedSheet($0.evidence, scorer: scorer) }
        var state = AssignmentState()
        var scores = ScoreBook(sheets: prepared, people: people, scorer: scorer, shortlistSize: policy.shortlistSize)

        // 1. QR codes: exact.
        for (i, sheet) in sheets.enumerated() {
            guard sheet.isSheet else { state.resolved.insert(i); continue }
            if let id = prepared[i].evidence.qrParticipantID {
                if let p = indexOfID[id] {
                    state.accept(sheet: i, participant: p, method: .qr, score: SheetMatch.qrScore, margin: nil)
                } else {
                    state.resolved.insert(i)  // a QR id not on the list: never guess by handwriting
                }
            }
        }
        // 2. Each packet's auditorium, then its school; 3. the region for what is left.
        let open = prepared.indices.filter { !state.resolved.contains($0) }
        let packets = Dictionary(grouping: open) { prepared[$0].evidence.packet }
        let everyoneIn = Dictionary(grouping: prepared.indices) { prepared[$0].evidence.packet }
        let byAuditorium = Dictionary(grouping: people.indices) { Self.roomKey(people[$0].participant) }
        let bySchool = Dictionary(grouping: people.indices) { people[$0].participant.oo }
        for (packet, members) in packets.sorted(by: { $0.key < $1.key }) {
            guard let context = packetContext(members: everyoneIn[packet] ?? [], sheets: prepared, people: people,
                                              rooms: byAuditorium, state: state) else { continue }
            let auditorium = byAuditorium[context.oo + "|" + context.auditorium] ?? []
            assign(members, method: .packet, pool: auditorium, trusted: { sheet in
                Self.reads(sheet.oo, as: context.oo) && Self.reads(sheet.auditorium, as: context.auditorium)
            }, scores: &scores, state: &state)
            let school = bySchool[context.oo] ?? []
            assign(members, method: .school, pool: school, trusted: { Self.reads($0.oo, as: context.oo) },
                   scores: &scores, state: &state)
        }
        assign(prepared.indices.filter { !state.resolved.contains($0) }, method: .region, pool: nil,
               trusted: { _ in true }, scores: &scores, state: &state)

        return report(sheets: sheets, prepared: prepared, people: people, scores: &scores, state: state)
    }

    /// True when a digit field confirms `value`: no column read differently, and at most one
    /// column unsure (leading zeros ignored).
    static func reads(_ field: MatchScorer.DigitsKey, as value: String) -> Bool {
        let truth = MatchScorer.digitKey(value)
        guard !field.key.isEmpty, field.key.count == truth.count else { return false }
        var unsure = 0
        for (read, expected) in zip(field.key, truth) {
            if read == MatchScorer.unsure { unsure += 1 } else if read != expected { return false }
        }
        return unsure <= 1
    }

    // MARK: - Pools

    struct PacketContext { var oo: String; var auditorium: String }

    /// `ОО|auditorium` of a participant (absent participants have no room).
    static func roomKey(_ p: Participant) -> String { p.oo + "|" + (p.auditorium ?? "Н") }

    /// The school and auditorium of a packet: from its QR-matched sheets when there are any,
    /// else the most common confidently read (ОО, auditorium) pair that exists on the list.
    private func packetContext(members: [Int], sheets: [PreparedSheet], people: [PreparedParticipant],
                               rooms: [String: [Int]], state: AssignmentState) -> PacketContext? {
        var votes: [String: Int] = [:]
        var contexts: [String: PacketContext] = [:]
        for i in members {
            var candidate: PacketContext?
            if let p = state.participantOf[i], let auditorium = people[p].participant.auditorium {
                candidate = PacketContext(oo: people[p].participant.oo, auditorium: auditorium)
            } else if let oo = sheets[i].evidence.oo, let aud = sheets[i].evidence.auditorium,
                      !oo.text.contains("?"), !aud.text.contains("?") {
                candidate = PacketContext(oo: oo.text.trimmingCharacters(in: .whitespaces), auditorium: aud.text.trimmingCharacters(in: .whitespaces))
            }
            guard let candidate else { continue }
            let key = candidate.oo + "|" + candidate.auditorium
            votes[key, default: 0] += 1; contexts[key] = candidate
        }
        guard let best = votes.filter({ rooms[$0.key] != nil }).max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return contexts[best.key]
    }

    // MARK: - Joint assignment within a pool

    struct AssignmentState {
        var resolved: Set<Int> = []
        var participantOf: [Int: Int] = [:]
        var sheetsOf: [Int: [Int]] = [:]
        var method: [Int: SheetMatch.Method] = [:]
        var score: [Int: Double] = [:]
        var margin: [Int: Double] = [:]

        mutating func accept(sheet: Int, participant: Int, method: SheetMatch.Method, score: Double, margin: Double?) {
            resolved.insert(sheet)
            participantOf[sheet] = participant
            sheetsOf[participant, default: []].append(sheet)
            self.method[sheet] = method
            self.score[sheet] = score
            if let margin { self.margin[sheet] = margin }
        }
    }

    /// Accepts confident pairs, in rounds. A sheet is accepted for its best candidate when
    /// that participant is in the pool and free, its identity evidence reaches the minimum, it
    /// beats the runner-up by the margin — the runner-up taken from the pool *and*, unless the
    /// sheet's own ОО/auditorium confirm the pool (`trusted`), from a shortlist of the whole
    /// list; taken participants count as runners-up too, so one wrong match cannot force
    /// another — and no other open sheet fits that participant nearly as well.
    private func assign(_ sheets: [Int], method: SheetMatch.Method, pool: [Int]?, trusted: (PreparedSheet) -> Bool,
                        scores: inout ScoreBook, state: inout AssignmentState) {
        var remaining = Set(sheets.filter { !state.resolved.contains($0) })
        guard !remaining.isEmpty else { return }
        let inPool = pool.map(Set.init)
        var ranked: [Int: [(participant: Int, score: MatchScore)]] = [:]
        for s in remaining {
            var candidates = pool ?? []
            if pool == nil || !trusted(scores.sheets[s]) { candidates += scores.shortlist(s) }
            ranked[s] = scores.ranked(s, among: candidates)
        }
        while true {
            var accepted = 0
            for s in remaining.sorted() {
                let list = ranked[s]!
                guard let best = list.first, best.score.identity >= policy.minimumScore,
                      state.sheetsOf[best.participant] == nil, inPool?.contains(best.participant) ?? true else { continue }
                let runnerUp = list.dropFirst().first?.score.total ?? -Double.infinity
                let margin = best.score.total - runnerUp
                guard margin >= policy.minimumMargin else { continue }
                let rival = remaining.lazy.filter { $0 != s }.compactMap { other in
                    ranked[other]!.first { $0.participant == best.participant }?.score.total
                }.max() ?? -Double.infinity
                guard best.score.total - rival >= policy.minimumMargin else { continue }
                // Finite or nil, never infinite: reports are stored and encoded as JSON.
                let gap = min(margin, best.score.total - rival)
                state.accept(sheet: s, participant: best.participant, method: method, score: best.score.total,
                             margin: gap.isFinite ? gap : nil)
                remaining.remove(s)
                accepted += 1
            }
            if accepted == 0 { break }
        }
        // Accepted sheets are never scored again (later pools and the report skip them); open
        // ones keep only the scores their report could list.
        scores.forget(sheets.filter { state.participantOf[$0] != nil })
        scores.trim(sheets.filter { state.participantOf[$0] == nil }, keeping: policy.candidatesListed)
    }

    // MARK: - Report

    private func report(sheets: [SheetIdentity], prepared: [PreparedSheet], people: [PreparedParticipant],
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
            // Not accepted: rank everyone and say why.
            // A wider net than for matching: the operator should see the right person listed.
            let ranked = scores.ranked(i, among: scores.top(i, count: 4 * policy.shortlistSize) + scores.scored(i))
                .prefix(policy.candidatesListed).map { ($0.participant, $0.score) }
            let candidates = Self.candidates(Array(ranked), people: people)
            let best = ranked.first
            let margin = ranked.count > 1 ? ranked[ranked.startIndex].1.total - ranked[ranked.startIndex + 1].1.total : nil
            let reason: ReviewReason
            if prepared[i].evidence.qrParticipantID != nil {
                reason = .noParticipant  // a QR id that is not on the list
            } else if prepared[i].identityCeiling < policy.minimumScore {
                reason = .unreadableName
            } else if let best, best.1.identity < policy.noParticipantScore {
                reason = .noParticipant
            } else if let best, state.sheetsOf[best.0] != nil, (margin ?? .infinity) >= policy.minimumMargin {
                reason = .duplicateSheet
            } else {
                reason = .ambiguousMatch
            }
            if let best, reason == .ambiguousMatch || reason == .duplicateSheet {
                proposedFor[best.0, default: []].append(i)
            }
            matches.append(SheetMatch(sheetIndex: i, participantID: reason == .noParticipant ? nil : best.map { people[$0.0].participant.id },
                                      method: .none, accepted: false, score: best?.1.total ?? 0, margin: margin,
                                      reason: reason, candidates: candidates))
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
        let missing = people.indices.filter {
            !people[$0].participant.absent && !acceptedPeople.contains($0) && proposedFor[$0] == nil
        }.map { people[$0].participant.id }
        let sat = people.filter { !$0.participant.absent }.count
        let results = acceptedPeople.filter { !people[$0].participant.absent }.count
        return ReconciliationReport(matches: matches, absentWithSheet: absentWithSheet, missingSheets: missing,
                                    duplicateSheets: duplicateSheets,
                                    countCheck: .init(participantsWhoSat: sat, acceptedResults: results))
    }

    /// Posterior probabilities among the candidates and "nobody on the list" (score 0).
    private static func candidates(_ ranked: [(Int, MatchScore)], people: [PreparedParticipant]) -> [SheetMatch.Candidate] {
        let top = max(0, ranked.first?.1.total ?? 0)
        let weights = ranked.map { exp($0.1.total - top) }
        let sum = weights.reduce(exp(-top), +)
        return zip(ranked, weights).map { item, w in
            SheetMatch.Candidate(participantID: people[item.0].participant.id, fullName: people[item.0].participant.fullName,
                                 score: (item.1.total * 100).rounded() / 100, probability: w / sum)
        }
    }
}
