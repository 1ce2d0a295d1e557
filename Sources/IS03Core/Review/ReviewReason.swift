/// Why an item is in the review queue. Stable codes: they are written into the queue files and
/// the database, and operators filter by them.
public enum ReviewReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// A mark was read but with too little confidence.
    case lowConfidenceMark
    /// Several bubbles marked where one is allowed.
    case multipleMarks
    /// A field that must be filled was left blank.
    case noMark
    /// Ink that could not be interpreted as a mark or a digit.
    case unreadableField
    /// The handwritten ФИО could not be read well enough to match.
    case unreadableName
    /// Several participants fit the sheet and none clearly wins.
    case ambiguousMatch
    /// No participant on the list fits the sheet.
    case noParticipant
    /// Two or more sheets were matched to one participant.
    case duplicateSheet
    /// A participant marked «Н» (absent) on the list has a sheet.
    case absentWithSheet
    /// A participant who sat has no sheet.
    case missingSheet
    /// A template rule is broken (cap, onlyIf, value above maximum, conflicting flags).
    case ruleViolation
    /// A criterion outside the participant's category carries a score.
    case outsideCategory
    /// The expert's own total differs from the computed total.
    case totalMismatch
    /// The expert's зачёт/незачёт mark differs from the computed outcome.
    case verdictMismatch
    /// The participant's category is not in the category table.
    case unknownCategory
    /// A page of something other than an ИС-03 sheet.
    case foreignPage
    /// A page that could not be decoded or registered.
    case unreadablePage
    /// The expert's signature area of a scored sheet is empty (seed 004: the expert «заверяет
    /// результаты оценивания… своей подписью»).
    case unsigned
}
