/// What a review item is about, as far as the answers it takes go: a field of the form, or one
/// of the page-level subjects the pipeline queues under an `@` id.
public enum ReviewSubject: Sendable, Hashable {
    /// A field of the sheet's template.
    case field(Field)
    /// A field id the template does not have (a template changed since the item was queued).
    case unknownField(String)
    /// `@participant`: whose sheet this is.
    case participant
    /// `@page`: the page as a whole (a foreign or unreadable page).
    case page
    /// `@sheet`: a finding over the whole sheet (a broken rule, a mismatch, a category).
    case sheet
    /// `@list`: a participant on the list without a sheet.
    case list

    /// The subject of an item with `fieldID` (as stored: two items about one field are told
    /// apart by a `#rule` suffix), given the template's field of that id, if any.
    public init(fieldID: String, field: Field?) {
        switch Self.baseFieldID(fieldID) {
        case "@participant": self = .participant
        case "@page": self = .page
        case "@sheet": self = .sheet
        case "@list": self = .list
        case let id where id.hasPrefix("@"): self = .sheet
        case let id: self = field.map { .field($0) } ?? .unknownField(id)
        }
    }

    /// The template field id of a stored item's `fieldID`: without the `#rule` suffix that
    /// keeps two items about one field apart.
    public static func baseFieldID(_ fieldID: String) -> String {
        String(fieldID.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// What the operator is shown as the item's name («Участник», «Страница», the field's label).
    public var label: String {
        switch self {
        case .field(let field): field.label
        case .unknownField(let id): id
        case .participant: "Участник"
        case .page: "Страница целиком"
        case .sheet: "Бланк целиком"
        case .list: "Участник без бланка"
        }
    }
}

/// One kind of answer an operator may give to a review item.
public enum ReviewAnswer: Sendable, Hashable {
    /// A value of the field's own alphabet (a mark's value, digits, letters, 0/1 of a flag).
    case value
    /// «пусто»: the field is truly blank. Stored as the empty value, which scoring reads as blank.
    case blank
    /// A participant id from the current participant list.
    case participant
    /// A decision about the page or sheet as a whole.
    case action(ReviewAction)

    /// The operator's name of the answer.
    public var label: String {
        switch self {
        case .value: "значение поля"
        case .blank: "пусто"
        case .participant: "участник из списка"
        case .action(let action): action.label
        }
    }
}

/// A decision about a page or sheet as a whole. The raw value is what is stored as the
/// decision's value: no field has these spellings in its alphabet, and the pipeline's overlay
/// applies values only to fields of the form and to `@participant`.
public enum ReviewAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// The page must be scanned again (unreadable, or a sheet the machine did not recognise).
    case rescan = "rescan"
    /// The page is not an ИС-03 sheet: it takes no part in the results.
    case notASheet = "not-a-sheet"
    /// The expert's sheet stands as written although a rule or a check found something; the
    /// note says why.
    case acceptAsIs = "accept-as-is"
    /// The participant has no sheet: confirmed after looking for it (absent, or the sheet is
    /// lost and recorded so).
    case noSheet = "no-sheet"
    /// The sheet goes back to its expert (a missing signature): the result waits for it.
    case returnToExpert = "return-to-expert"

    public var label: String {
        switch self {
        case .rescan: "повторить сканирование"
        case .notASheet: "не бланк ИС-03"
        case .acceptAsIs: "принять как есть (с пояснением)"
        case .noSheet: "бланка нет — подтвердить"
        case .returnToExpert: "вернуть эксперту"
        }
    }

    /// A decision that overrides what the machine found must say why.
    public var needsNote: Bool {
        switch self {
        case .acceptAsIs: true
        case .rescan, .notASheet, .noSheet, .returnToExpert: false
        }
    }
}
