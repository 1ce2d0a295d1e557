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
/// delimiter rules as the participant list).
public struct ExpertList: Sendable, Hashable {
    public var experts: [Expert]
    public var problems: [ImportProblem]

    /// Loads the experts CSV.
    /// - Throws: `ImportError` when the file is unreadable or lacks the header.
    public static func load(from url: URL) throws -> ExpertList {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: url.path, message: "cannot read the experts list (\(error.localizedDescription)); check the path")
        }
        return try parseCSV(TextDecoding.decode(data).text, file: url.path)
    }

    public static func parseCSV(_ text: String, file: String) throws -> ExpertList {
        let table = CSVTable(parsing: text)
        guard let header = table.rows.first else {
            throw ImportError(file: file, line: 1, message: "the experts list is empty; expected header id;surname;name;patronymic;oo")
        }
        let columns = Dictionary(header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
                                 uniquingKeysWith: { a, _ in a })
        let required = ["id", "surname", "name", "oo"]
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw ImportError(file: file, line: header.line, message: "header lacks column(s) \(missing.joined(separator: ", ")); expected id;surname;name;patronymic;oo")
        }
        var list = ExpertList(experts: [], problems: [])
        var seen: [String: Int] = [:]
        for row in table.rows.dropFirst() {
            func value(_ key: String) -> String {
                guard let i = columns[key], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let empty = required.filter { value($0).isEmpty }
            if !empty.isEmpty {
                list.problems.append(ImportProblem(kind: .invalidRow, file: file, line: row.line, message: "row skipped: empty \(empty.joined(separator: ", "))"))
                continue
            }
            if let first = seen[value("id")] {
                list.problems.append(ImportProblem(kind: .duplicateID, file: file, line: row.line, message: "row skipped: id \(value("id")) already used on line \(first)"))
                continue
            }
            seen[value("id")] = row.line
            let patronymic = value("patronymic")
            list.experts.append(Expert(id: value("id"), surname: value("surname"), name: value("name"),
                                       patronymic: patronymic.isEmpty ? nil : patronymic, oo: value("oo")))
        }
        return list
    }
}
