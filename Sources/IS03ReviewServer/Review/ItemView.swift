import IS03Core
import IS03Storage

/// One review item as the queue page shows it: what the machine read, why it was queued, the
/// values a key may set, and where its pictures are.
public struct ItemView: Codable, Sendable, Hashable {
    public struct Candidate: Codable, Sendable, Hashable {
        public var value: String
        public var confidence: Double
        /// For participant items: surname, name, class and ОО of the candidate.
        public var label: String?
        /// For participant items: surname, name and patronymic in capitals, as written in the
        /// boxes, shown letter by letter under what the machine read.
        public var nameInBoxes: [String]?
    }

    public var id: Int64
    public var pageID: Int64
    public var fieldID: String
    public var fieldLabel: String
    /// `choice`, `digits`, `letters`, `flag`, `area` for fields; `participant` (who the sheet
    /// belongs to), `page`, `sheet` or `list` for page-level items; `text` for an unknown field.
    public var kind: String
    /// The values a choice or flag field allows (empty for free text).
    public var values: [String]
    /// How many characters a digits or letters field holds (nil when free).
    public var length: Int?
    public var reason: String
    public var reasonText: String
    /// What the pipeline found, specifically (as in `review.xml`); nil when it said nothing more.
    public var message: String?
    public var machineValue: String?
    /// The machine's confidence in `machineValue`; nil when it has none of its own (the name
    /// read on a match item: the candidates carry the confidences).
    public var confidence: Double?
    public var candidates: [Candidate]
    /// For a total or verdict mismatch: the total the criteria marks sum to as read, shown
    /// beside the expert's.
    public var computedTotal: Int?
    /// Exactly the answers the item takes, each with its key (see ``Answer``).
    public var answers: [Answer]
    /// Double verification: values operators gave so far (shown to supervisors only).
    public var opinions: [String]
    public var cropURL: String
    public var sheetURL: String
}

/// What happened to a decision.
public struct DecisionOutcome: Codable, Sendable, Hashable {
    /// `decided`; `awaiting-second` (double verification: one opinion so far);
    /// `disagreement` (two operators differ: a supervisor decides).
    public var status: String
    public var itemID: Int64
    public var value: String
}

/// Russian explanations of the reason codes, for operators.
enum ReasonText {
    static func of(_ code: String) -> String {
        switch ReviewReason(rawValue: code) {
        case .lowConfidenceMark: "отметка прочитана неуверенно"
        case .multipleMarks: "отмечено несколько вариантов"
        case .noMark: "нет отметки в обязательном поле"
        case .unreadableField: "поле не удалось прочитать"
        case .unreadableName: "ФИО прочитано неуверенно"
        case .ambiguousMatch: "подходят несколько участников"
        case .noParticipant: "участник не найден в списке"
        case .duplicateSheet: "два бланка у одного участника"
        case .absentWithSheet: "участник отмечен «Н», но бланк есть"
        case .missingSheet: "нет бланка участника"
        case .ruleViolation: "нарушено правило заполнения"
        case .outsideCategory: "балл за критерий вне категории участника"
        case .totalMismatch: "сумма эксперта не совпадает с расчётной"
        case .verdictMismatch: "зачёт/незачёт эксперта не совпадает с расчётом"
        case .unknownCategory: "неизвестная категория участника"
        case .foreignPage: "страница не является бланком ИС-03"
        case .unreadablePage: "страницу не удалось прочитать"
        case .unsigned: "нет подписи эксперта"
        case nil: code == ReviewItem.readingChangedReason ? "поле перечитано иначе, чем при решении" : code
        }
    }
}
