import Foundation
import IS03Core

/// Where a review item is in its life.
public enum ReviewState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for an operator (possibly leased to one).
    case open
    /// An operator gave a value; see ``FieldDecision``.
    case decided
    /// Put aside by an operator; still counts as outstanding work.
    case deferred
}

/// A stored question for an operator.
public struct ReviewItem: Sendable, Hashable, Codable {
    public var id: Int64
    public var pageID: Int64
    public var fieldID: String
    public var reason: String
    public var machineValue: String?
    public var candidates: [Alternative]
    public var confidence: Double
    public var cropPath: String?
    public var state: ReviewState
    /// The operator holding the item, and until when.
    public var assignedOperator: String?
    public var leaseUntil: Date?
    /// What the field's reading was when the item was queued (see ``FieldFingerprint``).
    public var readingFingerprint: String
    public var createdAt: Date
    public var updatedAt: Date
    /// The pipeline's specific message (see ``ReviewItemInput/message``); nil for items queued
    /// before it was stored, and for supervisors' corrections.
    public var message: String?

    /// The reason code the store gives a decided item it re-opens because a re-read gave the
    /// field a different reading and the pipeline did not queue it again.
    public static let readingChangedReason = "readingChanged"

    public init(id: Int64, pageID: Int64, fieldID: String, reason: String, machineValue: String?,
                candidates: [Alternative], confidence: Double, cropPath: String?, state: ReviewState,
                assignedOperator: String?, leaseUntil: Date?, readingFingerprint: String, createdAt: Date,
                updatedAt: Date, message: String? = nil) {
        self.id = id; self.pageID = pageID; self.fieldID = fieldID; self.reason = reason
        self.machineValue = machineValue; self.candidates = candidates; self.confidence = confidence
        self.cropPath = cropPath; self.state = state; self.assignedOperator = assignedOperator
        self.leaseUntil = leaseUntil; self.readingFingerprint = readingFingerprint
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.message = message
    }
}

/// An operator's value for one field of one page.
public struct FieldDecision: Sendable, Hashable, Codable {
    public var id: Int64
    public var itemID: Int64
    public var pageID: Int64
    public var fieldID: String
    public var operatorName: String
    public var value: String
    public var reason: String?
    public var decidedAt: Date
    /// The field reading the operator saw; the decision applies only while it is unchanged.
    public var readingFingerprint: String

    /// True when this decision still applies to `reading` (its field reads the same as when
    /// the operator decided).
    public func applies(to reading: SheetReading) -> Bool {
        guard let field = reading.field(fieldID) else { return true }
        return FieldFingerprint.of(field) == readingFingerprint
    }

    public init(id: Int64, itemID: Int64, pageID: Int64, fieldID: String, operatorName: String, value: String,
                reason: String?, decidedAt: Date, readingFingerprint: String) {
        self.id = id; self.itemID = itemID; self.pageID = pageID; self.fieldID = fieldID
        self.operatorName = operatorName; self.value = value; self.reason = reason; self.decidedAt = decidedAt
        self.readingFingerprint = readingFingerprint
    }
}

/// What "the field's reading is unchanged" means for keeping an operator's decision: the same
/// status and the same value. Confidence and pixel measurements are left out on purpose, so a
/// re-read that merely shifts a probability does not throw away a person's work.
public enum FieldFingerprint {
    public static func of(_ field: FieldReading) -> String {
        "status=\(field.status.rawValue);value=\(field.value ?? "∅")"
    }

    /// For page-level items (`@participant`, …) that have no field reading: the machine value
    /// and the candidate values.
    public static func of(machineValue: String?, candidates: [Alternative]) -> String {
        "value=\(machineValue ?? "∅");candidates=\(candidates.map(\.value).joined(separator: ","))"
    }
}
