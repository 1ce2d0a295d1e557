/// What scoring made of one sheet: per-criterion scores, group and part totals, the total,
/// the outcome, and every finding that needs a person's eye.
public struct SheetScore: Codable, Sendable, Hashable {
    /// The result of the exam for this participant.
    public enum Outcome: String, Codable, Sendable, Hashable {
        /// Зачёт: total at or above the category's pass mark.
        case pass
        /// Незачёт.
        case fail
        /// «Не завершил по объективным причинам» (ИС-08 act exists).
        case notCompleted
        /// «Удалён» for a breach of the rules.
        case removed
        /// «Не допущен».
        case notAdmitted

        /// The Russian word used in results and reports.
        public var russian: String {
            switch self {
            case .pass: "зачёт"
            case .fail: "незачёт"
            case .notCompleted: "не завершил"
            case .removed: "удалён"
            case .notAdmitted: "не допущен"
            }
        }
    }

    /// One criterion's score.
    public struct CriterionScore: Codable, Sendable, Hashable {
        /// Template criterion id (`Р2.РО`).
        public var id: String
        /// Code printed on the form (`РО`).
        public var code: String
        /// The score, or nil when nothing usable was read.
        public var value: Int?
        /// False when the value is a guess (the reading was not `ok` or not confident).
        public var certain: Bool
        public var confidence: Double
        /// True when the participant's category scores this criterion.
        public var inCategory: Bool
    }

    /// A sum with its maximum (a group or a part).
    public struct Subtotal: Codable, Sendable, Hashable {
        public var id: String
        /// The score that counts: the criteria's sum, or the cap when a template rule lowered it.
        public var score: Int
        public var max: Int
        /// The criteria's sum as the expert marked them, when a rule capped the group below it.
        public var marked: Int? = nil
        /// The id of the template rule that capped the group (`Р1-cap`), when one did.
        public var cappedBy: String? = nil
    }

    public var templateID: String
    public var categoryID: String
    public var criteria: [CriterionScore]
    public var groups: [Subtotal]
    /// Tasks 1–2 and tasks 3–4 totals (template `scoring.parts`).
    public var parts: [Subtotal]
    /// Sum of the in-category criteria, less what a template cap took off a group.
    public var total: Int
    /// The category's maximum and pass mark.
    public var max: Int
    public var passMark: Int
    public var outcome: Outcome
    /// What the expert wrote themselves, when read with confidence.
    public var expertTotal: Int?
    public var expertVerdict: String?
    /// True while any finding that affects the result is open: the result must not be final.
    public var provisional: Bool
    public var findings: [ScoringFinding]
}

/// Something scoring noticed that a person should look at.
public struct ScoringFinding: Codable, Sendable, Hashable {
    public var reason: ReviewReason
    /// The field concerned (`crit.П1`), or `@sheet` for sheet-wide findings.
    public var fieldID: String
    /// The template rule id for rule violations.
    public var ruleID: String?
    /// What the machine read or computed.
    public var machineValue: String?
    public var confidence: Double?
    public var alternatives: [Alternative]
    public var message: String

    public init(reason: ReviewReason, fieldID: String, ruleID: String? = nil, machineValue: String? = nil,
                confidence: Double? = nil, alternatives: [Alternative] = [], message: String) {
        self.reason = reason; self.fieldID = fieldID; self.ruleID = ruleID; self.machineValue = machineValue
        self.confidence = confidence; self.alternatives = alternatives; self.message = message
    }
}
