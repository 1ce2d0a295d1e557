/// Generates a realistic participant list for one ВДП packet (one school, one auditorium):
/// Russian ФИО with gender agreement, classes like 9А, identity documents, a few absent
/// participants («Н») and a few with special categories.
public struct SyntheticParticipants: Sendable {
    /// Where and when the packet was written; codes are digit strings of the widths the
    /// template's digit columns expect.
    public struct Setting: Sendable, Hashable {
        public var region = "37"
        public var msu = "012"
        public var oo = "370045"
        public var auditorium = "0101"
        public var examDate = "2023-02-08"
        /// Share of listed participants who did not come (auditorium «Н»; they get no sheet).
        public var absentShare = 0.08
        /// Share of participants with a special category (ОВЗ), drawn from `specialCategories`.
        public var specialShare = 0.06
        public var specialCategories: [String] = []
        /// Share of participants whose identity document is missing from the list.
        public var missingDocumentShare = 0.05
        /// First number of participant ids (`P000001`).
        public var firstID = 1
        public init() {}
    }

    public var setting: Setting
    public init(setting: Setting = Setting()) { self.setting = setting }

    /// A list with exactly `present` participants who sat the exam plus some absent ones,
    /// deterministic for `seed`.
    public func generate(present: Int, seed: UInt64) -> [Participant] {
        var rng = SeededRandom(seed: seed, stream: "participants")
        let absentCount = present == 0 ? 0 : Int((Double(present) * setting.absentShare).rounded(.up))
        var absentSlots = Set<Int>()
        let total = present + absentCount
        while absentSlots.count < absentCount { absentSlots.insert(Int.random(in: 0..<total, using: &rng)) }
        let classes = ["9А", "9Б", "9В", "9Г", "9Д"].shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))
        return (0..<total).map { index in
            let person = RussianNames.random(using: &rng)
            let hasDocument = Double.random(in: 0..<1, using: &rng) >= setting.missingDocumentShare
            var category = "standard"
            if !setting.specialCategories.isEmpty, Double.random(in: 0..<1, using: &rng) < setting.specialShare {
                category = setting.specialCategories.randomElement(using: &rng)!
            }
            let absent = absentSlots.contains(index)
            return Participant(
                id: "P" + Self.digits(setting.firstID + index, width: 6),
                surname: person.surname, name: person.name, patronymic: person.patronymic,
                className: classes.randomElement(using: &rng)!,
                documentSeries: hasDocument ? Self.digits(Int.random(in: 1000...9999, using: &rng), width: 4) : nil,
                documentNumber: hasDocument ? Self.digits(Int.random(in: 0...999_999, using: &rng), width: 6) : nil,
                region: setting.region, msu: setting.msu, oo: setting.oo,
                auditorium: absent ? nil : setting.auditorium, absent: absent, category: category,
                examDate: setting.examDate)
        }
    }

    /// `value` as decimal digits, left-padded with zeros to `width`.
    public static func digits(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Writes participants in the shared participant-list CSV format (UTF-8, `;`, header row).
public enum ParticipantCSV {
    public static let header = "id;surname;name;patronymic;class;document_series;document_number;region;msu;oo;auditorium;category;exam_date"

    public static func encode(_ participants: [Participant]) -> String {
        var lines = [header]
        for p in participants {
            let columns = [p.id, p.surname, p.name, p.patronymic ?? "", p.className, p.documentSeries ?? "",
                           p.documentNumber ?? "", p.region, p.msu, p.oo, p.absent ? "Н" : (p.auditorium ?? ""),
                           p.category, p.examDate]
            lines.append(columns.joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
