/// One person on the participant list (form ИС-01): who they are, where they sit the exam and
/// which scoring category applies. The shared contract between import, printing, synthesis and
/// reconciliation; see `docs/formats.md` for the CSV and XML layouts.
public struct Participant: Codable, Sendable, Hashable {
    /// The list's own identifier; printed into the QR code of personalised sheets.
    public var id: String
    public var surname: String
    public var name: String
    public var patronymic: String?
    /// Class as written on the list, e.g. `9А`.
    public var className: String
    public var documentSeries: String?
    public var documentNumber: String?
    /// Region code (two digits, e.g. `37`).
    public var region: String
    /// МСУ (municipal authority) code.
    public var msu: String
    /// ОО (school) code.
    public var oo: String
    /// Auditorium number; nil when the participant was absent (`Н` on the list).
    public var auditorium: String?
    /// True when the list marks the participant absent (`Н`).
    public var absent: Bool
    /// Special-category id from `Templates/categories-2023.json` (`standard` for most).
    public var category: String
    /// Exam date as `YYYY-MM-DD`.
    public var examDate: String

    public init(id: String, surname: String, name: String, patronymic: String? = nil,
                className: String, documentSeries: String? = nil, documentNumber: String? = nil,
                region: String, msu: String, oo: String, auditorium: String?, absent: Bool = false,
                category: String = "standard", examDate: String) {
        self.id = id; self.surname = surname; self.name = name; self.patronymic = patronymic
        self.className = className; self.documentSeries = documentSeries
        self.documentNumber = documentNumber; self.region = region; self.msu = msu; self.oo = oo
        self.auditorium = auditorium; self.absent = absent; self.category = category
        self.examDate = examDate
    }

    /// «Фамилия Имя Отчество», without a trailing space when there is no patronymic.
    public var fullName: String {
        [surname, name, patronymic ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The class number without its letter (`9` for `9А`).
    public var classNumber: String { String(className.prefix { $0.isNumber }) }
    /// The class letter(s) after the number (`А` for `9А`), upper-cased.
    public var classLetter: String { String(className.drop { $0.isNumber }).uppercased() }
}
