import Foundation

/// An expert (эксперт) who scores protocols; optional list used to check the ФИО an expert
/// writes on the sheet.
public struct Expert: Codable, Sendable, Hashable {
    public var id: String
    public var surname: String
    public var name: String
    public var patronymic: String?
    /// ОО code of the school the expert works in.
    public var oo: String

    public init(id: String, surname: String, name: String, patronymic: String? = nil, oo: String) {
        self.id = id; self.surname = surname; self.name = name; self.patronymic = patronymic; self.oo = oo
    }

    /// Surname plus initials, as written in the results: `Петрова А.В.`.
    public var shortName: String {
        let initials = [name, patronymic ?? ""].compactMap { $0.first.map { "\($0)." } }.joined()
        return initials.isEmpty ? surname : "\(surname) \(initials)"
    }
}

extension Array where Element == Expert {
    /// The one expert whose surname and initials fold to what was written (Ё/Е, case and
    /// look-alike letters ignored), preferring experts of `oo`; nil when none or several fit.
    public func matching(surname written: String, initials: String, oo: String?) -> Expert? {
        let surname = NameNormalizer.fold(written)
        let letters = NameNormalizer.fold(initials).filter(\.isLetter)
        let fits = filter { expert in
            guard NameNormalizer.fold(expert.surname) == surname else { return false }
            let theirs = NameNormalizer.fold([expert.name, expert.patronymic ?? ""].compactMap { $0.first.map(String.init) }.joined())
            return letters.isEmpty || theirs.hasPrefix(letters)
        }
        let local = fits.filter { $0.oo == oo }
        if local.count == 1 { return local[0] }
        return fits.count == 1 ? fits[0] : nil
    }
}

/// The experts list: CSV with header `id;surname;name;patronymic;oo` (same encoding and
/// delimiter rules as the participant list) or XML (`schemas/experts.xsd`: `<experts><expert>`
/// with one child element per CSV column).
public struct ExpertList: Sendable, Hashable {
    public var experts: [Expert]
    public var problems: [ImportProblem]

    static let columns = ["id", "surname", "name", "patronymic", "oo"]
    static let required = ["id", "surname", "name", "oo"]

    /// Loads the experts list from CSV or XML, chosen like the participant list's.
    /// - Throws: `ImportError` when the file is unreadable, lacks the header, or is unsafe or
    ///   malformed XML. Bad rows do not throw; they land in `problems`.
    public static func load(from url: URL) throws -> ExpertList {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: url.path, message: "cannot read the experts list (\(error.localizedDescription)); check the path")
        }
        if let hint = BinaryFileKind.hint(for: data) {
            throw ImportError(file: url.path, line: 0, message: hint)
        }
        let ext = url.pathExtension.lowercased()
        let text = TextDecoding.decode(data).text
        if ext == "xml" || (ext != "csv" && text.drop(while: \.isWhitespace).hasPrefix("<")) {
            return try parseXML(data, file: url.path)
        }
        return try parseCSV(text, file: url.path)
    }

    public static func parseCSV(_ text: String, file: String) throws -> ExpertList {
        let table = CSVTable(parsing: text)
        guard let header = table.rows.first else {
            throw ImportError(file: file, line: 1, message: "the experts list is empty; expected header id;surname;name;patronymic;oo")
        }
        let indexes = Dictionary(header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
                                 uniquingKeysWith: { a, _ in a })
        let missing = required.filter { indexes[$0] == nil }
        guard missing.isEmpty else {
            throw ImportError(file: file, line: header.line, message: "header lacks column(s) \(missing.joined(separator: ", ")); expected id;surname;name;patronymic;oo")
        }
        var builder = Builder(file: file)
        for row in table.rows.dropFirst() {
            var record: [String: String] = [:]
            for column in columns {
                if let i = indexes[column], i < row.fields.count { record[column] = row.fields[i] }
            }
            builder.add(record, line: row.line)
        }
        return builder.list
    }

    /// The CSV form `parseCSV` reads (`;`-separated, UTF-8, header first).
    public static func encodeCSV(_ experts: [Expert]) -> String {
        func field(_ value: String) -> String {
            value.contains(where: { $0 == ";" || $0 == "\"" || $0.isNewline }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let rows = experts.map { [$0.id, $0.surname, $0.name, $0.patronymic ?? "", $0.oo].map(field).joined(separator: ";") }
        return (["id;surname;name;patronymic;oo"] + rows).joined(separator: "\n") + "\n"
    }

    /// Parses the XML form (no DTD, no entities: see `SafeXML`).
    public static func parseXML(_ data: Data, file: String) throws -> ExpertList {
        var builder = Builder(file: file)
        for row in try ListXML.rows(data, file: file, root: "experts", element: "expert", columns: columns,
                                    schema: "schemas/experts.xsd") {
            builder.add(row.record, line: row.line)
        }
        return builder.list
    }

    /// Validates rows one by one, naming file and line for each one skipped.
    private struct Builder {
        let file: String
        var list = ExpertList(experts: [], problems: [])
        var seen: [String: Int] = [:]

        mutating func add(_ record: [String: String], line: Int) {
            func value(_ key: String) -> String { (record[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            let empty = ExpertList.required.filter { value($0).isEmpty }
            if !empty.isEmpty {
                list.problems.append(ImportProblem(kind: .invalidRow, file: file, line: line, message: "row skipped: empty \(empty.joined(separator: ", "))"))
                return
            }
            if let first = seen[value("id")] {
                list.problems.append(ImportProblem(kind: .duplicateID, file: file, line: line, message: "row skipped: id \(value("id")) already used on line \(first)"))
                return
            }
            seen[value("id")] = line
            let patronymic = value("patronymic")
            list.experts.append(Expert(id: value("id"), surname: value("surname"), name: value("name"),
                                       patronymic: patronymic.isEmpty ? nil : patronymic, oo: value("oo")))
        }
    }
}
