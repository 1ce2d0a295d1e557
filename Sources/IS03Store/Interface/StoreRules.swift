import Foundation
import IS03Core

/// The engine-neutral decisions every implementation of ``ResultStore`` makes the same way,
/// so SQLite and PostgreSQL keep and re-open operators' work identically.
public enum StoreRules {
    /// The audit log's words for an imported list version.
    /// Why a known packet cannot be processed into another sitting, and what to do.
    public static func packetSittingConflict(_ path: String, _ stored: String, _ asked: String) -> String {
        "packet \(path) was processed into sitting \(stored), not \(asked): a packet belongs to one sitting; "
            + "put the \(asked) scans in a folder of their own, or give --sitting \(stored)"
    }

    /// Why a known list cannot be imported for another sitting, and what to do.
    public static func listSittingConflict(_ name: String, _ stored: String?, _ asked: String) -> String {
        "participant list \(name) was imported for sitting \(stored ?? "(undated)"), not \(asked): "
            + "each sitting has a list of its own (its exam_date column names the sitting)"
    }

    public static func listImportSummary(name: String, participants: Int, experts: Int) -> String {
        experts == 0 ? "\(name) (\(participants) participants)" : "\(name) (\(participants) participants, \(experts) experts)"
    }

    /// What a field reads now, for comparing with what an operator saw. Fields of the reading
    /// use their status and value; page-level items (`@…`) the question they are asked with.
    public static func fingerprint(field: String, reading: SheetReading, input: ReviewItemInput?) -> String? {
        if let fieldReading = reading.field(field) { return FieldFingerprint.of(fieldReading) }
        return input.map { FieldFingerprint.of(machineValue: $0.machineValue, candidates: $0.candidates) }
    }

    /// The question to re-ask when a decided field's reading changed but the pipeline did not
    /// queue it again (the machine is now sure): show the new reading.
    public static func reopenInput(field: String, reading: SheetReading) -> ReviewItemInput {
        let fieldReading = reading.field(field)
        return ReviewItemInput(fieldID: field, reason: ReviewItem.readingChangedReason,
                               machineValue: fieldReading?.value, candidates: fieldReading?.alternatives ?? [],
                               confidence: fieldReading?.confidence ?? 0)
    }

    /// The stored facts about one read page that decide whether it needs re-processing.
    public struct StoredVersions: Sendable {
        public var state: String
        public var engineVersion: String?
        public var templateID: String?
        public var templateVersion: String?
        public var participantListID: Int64?
        /// The newest decision in force on the page, and when its result was last computed.
        public var decidedAt: Date?
        public var resultAt: Date?
        public init(state: String, engineVersion: String?, templateID: String?, templateVersion: String?,
                    participantListID: Int64?, decidedAt: Date?, resultAt: Date?) {
            self.state = state; self.engineVersion = engineVersion; self.templateID = templateID
            self.templateVersion = templateVersion; self.participantListID = participantListID
            self.decidedAt = decidedAt; self.resultAt = resultAt
        }
    }

    /// Why a done or failed page needs re-processing under `current` (empty: it does not).
    public static func reprocessReasons(_ page: StoredVersions, current: ProcessingVersions) -> ReprocessCandidate.Reasons {
        var reasons: ReprocessCandidate.Reasons = []
        if page.engineVersion != current.engineVersion {
            reasons.insert(.engine)
            if page.state == PageState.failed.rawValue { reasons.insert(.failed) }
        }
        guard page.state == PageState.done.rawValue else { return reasons }
        if let templateID = page.templateID, let version = current.templateVersions[templateID],
           page.templateVersion != version {
            reasons.insert(.template)
        }
        // Only sheets are reconciled against the list; blank and foreign pages are not.
        if page.templateID != nil, let wanted = current.participantListID, page.participantListID != wanted {
            reasons.insert(.participantList)
        }
        if let decidedAt = page.decidedAt, page.resultAt.map({ decidedAt > $0 }) ?? true {
            reasons.insert(.decisions)
        }
        return reasons
    }
}
