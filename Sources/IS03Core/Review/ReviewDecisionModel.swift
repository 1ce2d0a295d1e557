/// The answers a review item accepts, decided here in the domain rather than in the page, so
/// the station's server refuses everything else and its page offers exactly these.
///
/// The rule: an item about a field takes values of that field's own alphabet (plus «пусто»
/// where a blank field is a legitimate outcome); a match item takes a participant from the
/// list; page- and sheet-wide items take the actions that fit their reason.
public struct ReviewDecisionModel: Sendable, Hashable {
    /// The reason the item was queued; nil for reasons the pipeline does not raise (a supervisor's
    /// correction, a decision re-opened because the field was re-read differently).
    public let reason: ReviewReason?
    public let subject: ReviewSubject
    /// The allowed answers, in the order the page offers them.
    public let answers: [ReviewAnswer]

    public init(reason: ReviewReason?, subject: ReviewSubject) {
        self.reason = reason; self.subject = subject
        answers = Self.answers(reason: reason, subject: subject)
    }

    /// The model for a stored item: `reasonCode` may be a code outside ``ReviewReason``.
    public init(reasonCode: String, fieldID: String, field: Field?) {
        self.init(reason: ReviewReason(rawValue: reasonCode), subject: ReviewSubject(fieldID: fieldID, field: field))
    }

    /// The actions offered, in order (the page gives them the keys 1, 2, …).
    public var actions: [ReviewAction] {
        answers.compactMap { answer -> ReviewAction? in
            if case .action(let action) = answer { return action }
            return nil
        }
    }

    /// Every reason names its answers here: a new reason does not compile until it says what
    /// an operator may answer.
    static func answers(reason: ReviewReason?, subject: ReviewSubject) -> [ReviewAnswer] {
        guard let reason else { return ownAnswers(of: subject) }
        // What an item of this reason takes when it is about a field, and when it is about the
        // page or sheet as a whole.
        let onField: [ReviewAnswer]
        let onWhole: [ReviewAnswer]
        switch reason {
        case .lowConfidenceMark, .unreadableField:
            // A faint smudge may be no mark at all.
            onField = [.value, .blank]; onWhole = [.action(.acceptAsIs)]
        case .multipleMarks:
            onField = [.value, .blank]; onWhole = [.action(.acceptAsIs)]
        case .noMark:
            onField = [.blank, .value]; onWhole = [.action(.acceptAsIs)]
        case .unreadableName, .ambiguousMatch, .noParticipant, .duplicateSheet, .absentWithSheet:
            // On a field: the expert's surname, answered in letters. The match itself: see below.
            onField = [.value]; onWhole = [.action(.rescan), .action(.notASheet)]
        case .missingSheet:
            onField = [.value]; onWhole = [.action(.noSheet), .action(.rescan)]
        case .ruleViolation, .outsideCategory:
            onField = [.value, .blank]; onWhole = [.action(.acceptAsIs), .action(.rescan)]
        case .totalMismatch, .verdictMismatch:
            onField = [.value]; onWhole = [.action(.acceptAsIs)]
        case .unknownCategory:
            onField = [.value]; onWhole = [.action(.acceptAsIs)]
        case .foreignPage:
            onField = [.value]; onWhole = [.action(.notASheet), .action(.rescan)]
        case .unreadablePage:
            onField = [.value]; onWhole = [.action(.rescan), .action(.notASheet)]
        case .unsigned:
            // The signature area's one value is «есть» (the operator sees a signature the ink
            // measure missed); otherwise the protocol goes back to the expert to be signed.
            onField = [.value, .action(.returnToExpert)]; onWhole = [.action(.returnToExpert), .action(.acceptAsIs)]
        }
        switch subject {
        case .field: return onField
        case .unknownField: return [.value]
        case .participant: return [.participant]
        case .page, .sheet, .list: return onWhole
        }
    }

    /// Answers when the reason does not say: the subject's own.
    static func ownAnswers(of subject: ReviewSubject) -> [ReviewAnswer] {
        switch subject {
        case .field: [.value, .blank]
        case .unknownField: [.value]
        case .participant: [.participant]
        case .page: [.action(.rescan), .action(.notASheet)]
        case .sheet: [.action(.acceptAsIs), .action(.rescan)]
        case .list: [.action(.noSheet), .action(.rescan)]
        }
    }
}

/// An answer the model accepted: the value to store (empty for «пусто») and the note.
public struct ReviewDecision: Sendable, Hashable {
    public var answer: ReviewAnswer
    public var value: String
    public var note: String?
}

/// Why an answer was refused, in Russian for the operator: what was wrong and what to do.
public struct ReviewRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
