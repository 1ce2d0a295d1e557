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
/// participant nearly as well), or when a certain document names one participant of the
/// sheet's auditorium (see ``identifyByDocument``); everything else is proposed for review
/// with ranked candidates and the fields that agreed or contradicted.
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
        // Packets settled by QR codes alone have arrived too.
        for (packet, members) in everyoneIn where packets[packet] == nil {
            if let context = packetContext(members: members, sheets: prepared, people: people, rooms: byAuditorium, state: state) {
                state.arrivedRooms.insert(context.oo + "|" + context.auditorium)
            }
        }
        for (packet, members) in packets.sorted(by: { $0.key < $1.key }) {
            guard let context = packetContext(members: everyoneIn[packet] ?? [], sheets: prepared, people: people,
                                              rooms: byAuditorium, state: state) else { continue }
            let auditorium = byAuditorium[context.oo + "|" + context.auditorium] ?? []
            state.arrivedRooms.insert(context.oo + "|" + context.auditorium)
            identifyByDocument(members, context: context, pool: auditorium, scores: &scores, state: &state)
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
        // The read key may be longer than the list's by leading zeros or lost leading columns.
        guard !field.key.isEmpty, field.key.count >= truth.count else { return false }
        var unsure = 0
        for (k, read) in field.key.enumerated() {
            let expected = k < truth.count ? truth[k] : 0
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
    func packetContext(members: [Int], sheets: [PreparedSheet], people: [PreparedParticipant],
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
        /// Sheets whose certain document names a participant their confidently written ФИО
        /// contradicts (see ``identifyByDocument``): queued, never matched automatically.
        var conflicts: [Int: Int] = [:]
        /// `ОО|auditorium` of every room a packet of this batch is for (see ``packetContext``):
        /// only there can a listed participant's sheet be missing.
        var arrivedRooms: Set<String> = []

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
    func assign(_ sheets: [Int], method: SheetMatch.Method, pool: [Int]?, trusted: (PreparedSheet) -> Bool,
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
}
