/// A sheet identified by its document: the bubbled series and number, read with certainty,
/// are those of exactly one participant of the sheet's auditorium, and its ОО and auditorium
/// read so too. That is far stronger evidence than a handwritten ФИО a weak reader makes out
/// (one chance in a million that a misread number is a classmate's), so the sheet is matched
/// even when its name is unreadable — unless the name's surely read letters contradict the
/// document: then the sheet is queued and the item says so.
extension Reconciler {
    /// Matches by document the `members` of a packet whose room is `context`; `pool` is that
    /// room's participants. Sheets whose name contradicts their document are set aside in
    /// `state.conflicts` (never matched automatically).
    func identifyByDocument(_ members: [Int], context: PacketContext, pool: [Int],
                            scores: inout ScoreBook, state: inout AssignmentState) {
        var claims: [Int: [Int]] = [:]  // participant → open sheets whose document is theirs
        for s in members where !state.resolved.contains(s) {
            let sheet = scores.sheets[s]
            guard Self.reads(sheet.oo, as: context.oo), Self.reads(sheet.auditorium, as: context.auditorium),
                  let owner = documentOwner(sheet, pool: pool, people: scores.people) else { continue }
            claims[owner, default: []].append(s)
        }
        for (p, sheets) in claims.sorted(by: { $0.key < $1.key }) {
            // Two sheets with one document, or a participant already matched: the usual
            // joint matching and the duplicate report deal with it.
            guard sheets.count == 1, let s = sheets.first, state.sheetsOf[p] == nil else { continue }
            if scores.confidentNameScore(s, p) <= -policy.contradictingNameScore {
                state.conflicts[s] = p
                state.resolved.insert(s)
                scores.trim([s], keeping: policy.candidatesListed)
                continue
            }
            let ranked = scores.ranked(s, among: [p] + pool)
            let own = ranked.first { $0.participant == p }!.score.total
            let runnerUp = ranked.first { $0.participant != p }?.score.total
            state.accept(sheet: s, participant: p, method: .document, score: own,
                         margin: runnerUp.map { own - $0 }.flatMap { $0.isFinite ? $0 : nil })
            // Never scored again: its tables and scores need not be held (a batch may be 10,000 sheets).
            scores.forget([s])
        }
    }

    /// The one participant of `pool` whose document the sheet's certain reading names.
    private func documentOwner(_ sheet: PreparedSheet, pool: [Int], people: [PreparedParticipant]) -> Int? {
        guard certain(sheet.evidence.documentNumber), !sheet.document.key.isEmpty else { return nil }
        let series = sheet.evidence.documentSeries
        // A series read but not surely is a doubt about the document, not a blank.
        if series != nil && !certain(series) { return nil }
        let owners = pool.filter { p in
            people[p].document == sheet.document.key && (series == nil || people[p].series == sheet.series.key)
        }
        return owners.count == 1 ? owners[0] : nil
    }

    /// Read with certainty: every column sure and the field's confidence at least the policy's.
    private func certain(_ read: SheetEvidence.DigitsRead?) -> Bool {
        guard let read else { return false }
        return !read.text.contains("?") && read.confidence >= policy.certainDigitsConfidence
    }
}
