import Foundation

/// The participant list of a region, school or auditorium, as imported from CSV or XML, with
/// every row that was skipped or looks suspicious.
public struct ParticipantList: Sendable, Hashable {
    public var participants: [Participant]
    /// Rows skipped (invalid, duplicate id) and rows kept but reported (duplicate person),
    /// each naming file and line.
    public var problems: [ImportProblem]

    public init(participants: [Participant], problems: [ImportProblem] = []) {
        self.participants = participants; self.problems = problems
    }

    /// Loads a list from CSV (`.csv`, `.txt`) or XML (`.xml`), chosen by extension and, failing
    /// that, by whether the file starts with `<`.
    /// - Throws: `ImportError` when the file cannot be read at all (missing, no header, unsafe
    ///   or malformed XML). Bad rows do not throw; they land in `problems`.
    public static func load(from url: URL) throws -> ParticipantList {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: url.path, message: "cannot read the participant list (\(error.localizedDescription)); check the path")
        }
        if let hint = BinaryFileKind.hint(for: data) {
            throw ImportError(file: url.path, line: 0, message: hint)
        }
        let ext = url.pathExtension.lowercased()
        let (text, _) = TextDecoding.decode(data)
        let looksXML = text.drop { $0.isWhitespace }.hasPrefix("<")
        if ext == "xml" || (ext != "csv" && looksXML) {
            return try ParticipantXML.parse(data, file: url.path)
        }
        return try parseCSV(text, file: url.path)
    }

    /// Parses CSV text with the header of `docs/formats.md` (columns in any order; unknown
    /// columns ignored).
    public static func parseCSV(_ text: String, file: String) throws -> ParticipantList {
        let table = CSVTable(parsing: text)
        guard let header = table.rows.first else {
            throw ImportError(file: file, line: 1, message: "the participant list is empty; expected a header row starting with id;surname;name")
        }
        let columns = Dictionary(header.fields.enumerated().map {
            ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0)
        }, uniquingKeysWith: { first, _ in first })
        let missing = ParticipantColumns.required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw ImportError(file: file, line: header.line,
                              message: "header lacks column(s) \(missing.joined(separator: ", ")); expected \(ParticipantColumns.all.joined(separator: ";"))")
        }
        var builder = ParticipantListBuilder(file: file)
        for row in table.rows.dropFirst() {
            let record = Dictionary(uniqueKeysWithValues: ParticipantColumns.all.compactMap { name -> (String, String)? in
                guard let index = columns[name], index < row.fields.count else { return nil }
                return (name, row.fields[index])
            })
            builder.add(record: record, line: row.line)
        }
        return builder.list
    }

    /// Participants by id.
    public func byID() -> [String: Participant] {
        Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Participants who sat the exam (not marked «Н»): the number of result rows must equal this.
    public var present: [Participant] { participants.filter { !$0.absent } }
}

/// Column names of the participant CSV, shared with the XML element names.
enum ParticipantColumns {
    static let all = ["id", "surname", "name", "patronymic", "class", "document_series",
                      "document_number", "region", "msu", "oo", "auditorium", "category", "exam_date"]
    static let required = ["id", "surname", "name", "class", "region", "msu", "oo", "auditorium", "category", "exam_date"]
}

/// Validates records one at a time and collects participants and problems; shared by the CSV
/// and XML readers so both apply the same rules.
struct ParticipantListBuilder {
    let file: String
    private(set) var list = ParticipantList(participants: [])
    private var lineOfID: [String: Int] = [:]
    private var lineOfPerson: [String: Int] = [:]

    init(file: String) { self.file = file }


    mutating func add(record: [String: String], line: Int) {
        func value(_ key: String) -> String { (record[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func optional(_ key: String) -> String? { let v = value(key); return v.isEmpty ? nil : v }
        func problem(_ kind: ImportProblem.Kind, _ message: String) {
            list.problems.append(ImportProblem(kind: kind, file: file, line: line, message: message))
        }
        // A stray NUL or line break (an unclosed quote swallows the lines after it) or a field
        // far longer than any name or code is a broken export, not data to print on results.
        if let (column, what) = Self.malformedField(in: record) {
            problem(.invalidRow, "row skipped: \(column) \(what); check the export (an unclosed quote swallows the lines after it)")
            return
        }
        let empty = ParticipantColumns.required.filter { value($0).isEmpty }
        guard empty.isEmpty else {
            problem(.invalidRow, "row skipped: empty \(empty.joined(separator: ", "))")
            return
        }
        guard let date = Self.normalisedDate(value("exam_date")) else {
            problem(.invalidRow, "row skipped: exam_date «\(value("exam_date"))» is not YYYY-MM-DD or DD.MM.YYYY")
            return
        }
        let column = AuditoriumColumn(value("auditorium"))
        if case .unclear(let text) = column {
            problem(.unclearAuditorium, "auditorium «\(text)» is neither an auditorium number nor «Н» (absent); "
                    + "counted as present in auditorium «\(text)»: correct the list")
        }
        let absent = column == .absent
        let auditorium = column.auditorium ?? ""
        let participant = Participant(
            id: value("id"), surname: value("surname"), name: value("name"),
            patronymic: optional("patronymic"), className: value("class"),
            documentSeries: optional("document_series"), documentNumber: optional("document_number"),
            region: value("region"), msu: value("msu"), oo: value("oo"),
            auditorium: absent ? nil : auditorium, absent: absent,
            category: value("category"), examDate: date)
        if let first = lineOfID[participant.id] {
            problem(.duplicateID, "row skipped: id \(participant.id) already used on line \(first)")
            return
        }
        lineOfID[participant.id] = line
        let person = Self.personKey(participant)
        if let first = lineOfPerson[person] {
            problem(.duplicatePerson, "\(participant.fullName) with the same identity document as line \(first) (id \(participant.id)); check whether it is one person listed twice")
        } else {
            lineOfPerson[person] = line
        }
        list.participants.append(participant)
    }

    /// Longest value accepted in any column (names, codes, dates are far shorter).
    static let maxFieldLength = 200

    /// The first column holding control characters or more than `maxFieldLength` characters.
    static func malformedField(in record: [String: String]) -> (column: String, what: String)? {
        for column in ParticipantColumns.all {
            guard let raw = record[column] else { continue }
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count > maxFieldLength { return (column, "is \(text.count) characters long (at most \(maxFieldLength))") }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return (column, "holds control characters (a NUL byte or a line break)")
            }
        }
        return nil
    }

    /// ФИО (Ё folded, case folded) plus the identity document, or plus ОО and class when the
    /// list gives no document.
    static func personKey(_ p: Participant) -> String {
        let name = NameNormalizer.fold(p.fullName)
        if let number = p.documentNumber {
            return [name, p.documentSeries ?? "", number].joined(separator: "|")
        }
        return [name, p.oo, p.className.uppercased()].joined(separator: "|")
    }

    /// `YYYY-MM-DD` from `YYYY-MM-DD` or `DD.MM.YYYY`; nil when neither.
    static func normalisedDate(_ text: String) -> String? {
        let iso = text.split(separator: "-").map(String.init)
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2,
           let m = Int(iso[1]), let d = Int(iso[2]), Int(iso[0]) != nil, (1...12).contains(m), (1...31).contains(d) {
            return text
        }
        let ru = text.split(separator: ".").map(String.init)
        if ru.count == 3, ru[2].count == 4, let d = Int(ru[0]), let m = Int(ru[1]), Int(ru[2]) != nil,
           (1...12).contains(m), (1...31).contains(d) {
            return String(format: "%@-%02d-%02d", ru[2], m, d)
        }
        return nil
    }
}
