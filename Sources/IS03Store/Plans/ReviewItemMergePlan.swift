import Foundation
import IS03Core

/// What a store knows of one of the page's review items before a commit replaces them.
public struct StoredReviewItem: Sendable, Hashable {
    public var id: Int64
    public var fieldID: String
    public var state: ReviewState
    /// What the field read when the item was last asked (``StoreRules/fingerprint(field:reading:input:)``).
    public var readingFingerprint: String

    public init(id: Int64, fieldID: String, state: ReviewState, readingFingerprint: String) {
        self.id = id; self.fieldID = fieldID; self.state = state; self.readingFingerprint = readingFingerprint
    }
}

/// One step of a review-item merge; an engine carries it out in its own dialect.
public enum ItemAction: Sendable, Hashable {
    /// The operator's decision stands: the field reads as it did when decided.
    case keepDecision(fieldID: String)
    /// A decided item whose field now reads differently: asked again with `input`, open and
    /// assigned to nobody.
    case reopen(id: Int64, input: ReviewItemInput, fingerprint: String)
    /// An undecided item the pipeline still asks about: its question is refreshed with `input`;
    /// its state and any operator's lease stay.
    case refresh(id: Int64, input: ReviewItemInput, fingerprint: String)
    /// An undecided item the new reading no longer asks about: the question is gone.
    case withdraw(id: Int64, fieldID: String, state: ReviewState)
    /// A new question, stored open.
    case queue(input: ReviewItemInput, fingerprint: String)

    /// The audit log's line for this step (entity `review_item`), nil for steps not audited.
    public var audit: ItemAudit? {
        switch self {
        case .reopen(let id, let input, _):
            ItemAudit(itemID: id, fieldID: input.fieldID, from: ReviewState.decided.rawValue,
                      to: "open: the field's reading changed")
        case .withdraw(let id, let fieldID, let state):
            ItemAudit(itemID: id, fieldID: fieldID, from: state.rawValue, to: "withdrawn: the new reading needs no review")
        case .keepDecision, .refresh, .queue:
            nil
        }
    }
}

/// An audit line about one review item, written the same way by every engine.
public struct ItemAudit: Sendable, Hashable {
    public static let entity = "review_item"
    public var itemID: Int64
    public var fieldID: String
    public var from: String
    public var to: String

    public init(itemID: Int64, fieldID: String, from: String, to: String) {
        self.itemID = itemID; self.fieldID = fieldID; self.from = from; self.to = to
    }
}

public enum ReviewItemPlan {
    /// How a commit replaces the page's review items without throwing away operators' work
    /// (docs/storage.md "Decisions across re-processing"): a decided item stays decided while
    /// its field reads the same and is re-opened when it does not; undecided items are
    /// refreshed or withdrawn; new questions are queued. `existing` in the store's order,
    /// `wanted` the outcome's items (the first of a field wins), `reading` what the fields
    /// read now.
    public static func mergePlan(existing: [StoredReviewItem], wanted: [ReviewItemInput],
                                 reading: SheetReading) -> [ItemAction] {
        let byField = Dictionary(wanted.map { ($0.fieldID, $0) }, uniquingKeysWith: { first, _ in first })
        var actions: [ItemAction] = []
        var handled = Set<String>()
        for item in existing {
            handled.insert(item.fieldID)
            let input = byField[item.fieldID]
            let fingerprint = StoreRules.fingerprint(field: item.fieldID, reading: reading, input: input)
            if item.state == .decided {
                // Page-level items with no new question, or fields that read the same.
                guard let fingerprint, fingerprint != item.readingFingerprint else {
                    actions.append(.keepDecision(fieldID: item.fieldID))
                    continue
                }
                let replacement = input ?? StoreRules.reopenInput(field: item.fieldID, reading: reading)
                actions.append(.reopen(id: item.id, input: replacement, fingerprint: fingerprint))
            } else if let input {
                actions.append(.refresh(id: item.id, input: input, fingerprint: fingerprint ?? item.readingFingerprint))
            } else {
                actions.append(.withdraw(id: item.id, fieldID: item.fieldID, state: item.state))
            }
        }
        for input in wanted where !handled.contains(input.fieldID) {
            handled.insert(input.fieldID)
            let fingerprint = StoreRules.fingerprint(field: input.fieldID, reading: reading, input: input)
                ?? FieldFingerprint.of(machineValue: input.machineValue, candidates: input.candidates)
            actions.append(.queue(input: input, fingerprint: fingerprint))
        }
        return actions
    }
}

extension PageCommitReport {
    /// Counts one carried-out step of a merge in the report.
    public mutating func record(_ action: ItemAction) {
        switch action {
        case .keepDecision(let fieldID): keptDecisions.append(fieldID)
        case .reopen(_, let input, _): reopened.append(input.fieldID)
        case .refresh(_, let input, _), .queue(let input, _): queued.append(input.fieldID)
        case .withdraw(_, let fieldID, _): withdrawn.append(fieldID)
        }
    }
}
