import Foundation
import IS03Core

/// Seed 000: the rows of a school's results form must equal the participants who sat there.
/// Compares an export's rows with the participants who sat (within its filter) and names
/// every row that is missing or extra, so an export that would break the rule is stopped
/// before it reaches the region (`is03 export` refuses unless `--allow-count-mismatch`).
public struct RowCountCheck: Sendable {
    /// A row too many: why it does not belong to a participant who sat.
    public enum ExtraReason: String, Sendable, Hashable {
        /// Marked absent («Н») on the list, yet a result exists.
        case absent = "marked absent (Н) on the list"
        /// Not on the current participant list.
        case notOnList = "not on the current participant list"
        /// The participant already has a row.
        case secondRow = "a second row for the same participant"
    }

    public var participantsWhoSat: Int
    public var rows: Int
    /// Participants who sat and have no row.
    public var missing: [Participant]
    /// Rows that do not stand for one participant who sat.
    public var extra: [(record: ResultRecord, reason: ExtraReason)]

    public var ok: Bool { missing.isEmpty && extra.isEmpty }

    /// - Parameter listed: every participant on the current list within the export's filter
    ///   (absent ones included), to tell an absent participant from one not on the list.
    public init(records: [ResultRecord], sat: [Participant], listed: [Participant]) {
        participantsWhoSat = sat.count
        rows = records.count
        let satIDs = Set(sat.map(\.id))
        let listedIDs = Set(listed.map(\.id))
        var seen = Set<String>()
        extra = []
        for record in records {
            let id = record.participant.id
            if !satIDs.contains(id) {
                extra.append((record, listedIDs.contains(id) ? .absent : .notOnList))
            } else if !seen.insert(id).inserted {
                extra.append((record, .secondRow))
            }
        }
        let withRow = Set(records.map(\.participant.id))
        missing = sat.filter { !withRow.contains($0.id) }
    }

    /// The check's verdict for a person: one line of counts, then one line per missing or
    /// extra row (at most `limit` of each, then how many more).
    public func lines(limit: Int = 50) -> [String] {
        var lines = ["\(participantsWhoSat) participant(s) sat, \(rows) row(s) to export: "
                     + "\(missing.count) missing, \(extra.count) extra (seed 000: one row per participant who sat)"]
        for participant in missing.prefix(limit) {
            lines.append("  missing: \(Self.describe(participant)): sat, but has no result (its sheet was not read or not matched)")
        }
        if missing.count > limit { lines.append("  … and \(missing.count - limit) more missing") }
        for (record, reason) in extra.prefix(limit) {
            lines.append("  extra: \(Self.describe(record.participant)): \(reason.rawValue) (sheet \(record.provenance.scanFile), "
                         + "page \(record.provenance.page + 1))")
        }
        if extra.count > limit { lines.append("  … and \(extra.count - limit) more extra") }
        return lines
    }

    private static func describe(_ p: Participant) -> String {
        "\(p.id) \(p.fullName) (ОО \(p.oo), аудитория \(p.auditorium ?? "Н"))"
    }
}
