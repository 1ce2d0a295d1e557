import Foundation

/// A CSV file's schema as kept in `schemas/*.csv.json`: encoding, delimiter, line end and the
/// columns in order, each with its header title and a pattern every value matches whole; one
/// column may repeat (the criteria). XSD cannot describe CSV, so the tests check it here.
struct CSVSchema: Decodable {
    struct Column: Decodable {
        var title: String?
        var titlePattern: String?
        var `repeat`: Bool?
        var pattern: String
    }

    var encoding: String
    var delimiter: String
    var lineEnd: String
    var columns: [Column]

    static func load(_ url: URL) throws -> CSVSchema {
        try JSONDecoder().decode(CSVSchema.self, from: Data(contentsOf: url))
    }

    /// Every way `data` breaks the schema (empty: it is valid), naming line and column.
    func problems(in data: Data) -> [String] {
        guard encoding == "windows-1251" else { return ["the schema's encoding \(encoding) is not one this check knows"] }
        guard let text = String(data: data, encoding: .windowsCP1251) else { return ["not Windows-1251 text"] }
        if text.unicodeScalars.contains(where: { $0.value == 0xFEFF }) { return ["a byte-order mark in a Windows-1251 file"] }
        let (records, lineProblems) = parse(text)
        var problems = lineProblems
        guard let header = records.first else { return problems + ["no header line"] }
        guard let layout = columnsFor(header: header, problems: &problems) else { return problems }
        for (index, record) in records.enumerated().dropFirst() {
            guard record.count == layout.count else {
                problems.append("line \(index + 1): \(record.count) fields, the header has \(layout.count)")
                continue
            }
            for (column, field) in record.enumerated() where !Self.matches(field, layout[column].pattern) {
                problems.append("line \(index + 1): «\(field)» in column «\(header[column])» does not match \(layout[column].pattern)")
            }
        }
        return problems
    }

    /// The schema's columns laid over the header (the repeating one as often as it stands there).
    private func columnsFor(header: [String], problems: inout [String]) -> [Column]? {
        let split = columns.firstIndex { $0.repeat == true } ?? columns.count
        let before = Array(columns[..<split]), after = split < columns.count ? Array(columns[(split + 1)...]) : []
        guard header.count >= before.count + after.count + (split < columns.count ? 1 : 0) else {
            problems.append("header has \(header.count) columns, fewer than the schema's \(columns.count)")
            return nil
        }
        var layout: [Column] = []
        for (title, column) in zip(header.prefix(before.count), before) {
            if title != column.title { problems.append("header: «\(title)» where «\(column.title ?? "")» belongs") }
            layout.append(column)
        }
        if split < columns.count {
            let repeated = columns[split]
            for title in header.dropFirst(before.count).dropLast(after.count) {
                if !Self.matches(title, repeated.titlePattern ?? ".+") { problems.append("header: «\(title)» is not a criterion column") }
                layout.append(repeated)
            }
        }
        for (title, column) in zip(header.suffix(after.count), after) {
            if title != column.title { problems.append("header: «\(title)» where «\(column.title ?? "")» belongs") }
            layout.append(column)
        }
        return layout
    }

    /// Records split on the line end outside quotes; quoted fields with `""` for a quote.
    private func parse(_ text: String) -> ([[String]], [String]) {
        var records: [[String]] = [], record: [String] = [], field = "", problems: [String] = []
        var quoted = false, atFieldStart = true
        let scalars = Array(text.unicodeScalars)
        let delimiter = delimiter.unicodeScalars.first!
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.unicodeScalars.append(c); i += 1 } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && atFieldStart {
                quoted = true
            } else if c == delimiter {
                record.append(field); field = ""; atFieldStart = true; i += 1; continue
            } else if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" && lineEnd == "\r\n" {
                record.append(field); records.append(record); record = []; field = ""; atFieldStart = true; i += 2; continue
            } else if c == "\r" || c == "\n" {
                problems.append("line \(records.count + 1): a line end other than CRLF")
            } else {
                field.unicodeScalars.append(c)
            }
            atFieldStart = false
            i += 1
        }
        if !record.isEmpty || !field.isEmpty { problems.append("the last line has no CRLF"); record.append(field); records.append(record) }
        return (records, problems)
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: "^(?:\(pattern))$", options: .regularExpression) != nil
    }
}
