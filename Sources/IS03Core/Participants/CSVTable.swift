/// A delimited text table as rows of fields, each row with the line it starts on.
/// Handles `;` or `,` (whichever the header uses), double-quoted fields with `""` escapes and
/// line breaks inside quotes, and CRLF or LF line ends.
struct CSVTable {
    struct Row { var line: Int; var fields: [String] }

    var delimiter: Character
    var rows: [Row]

    /// Parses `text`; the delimiter is the one of `;` and `,` that occurs more often in the first line.
    init(parsing text: String) {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let semicolons = firstLine.filter { $0 == ";" }.count
        let commas = firstLine.filter { $0 == "," }.count
        delimiter = commas > semicolons ? "," : ";"
        rows = Self.split(text, delimiter: delimiter)
    }

    private static func split(_ text: String, delimiter: Character) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRow() {
            fields.append(field); field = ""
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
                rows.append(Row(line: rowLine, fields: fields))
            }
            fields = []
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { inQuotes = false; pending = following }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == delimiter {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endRow(); line += 1; rowLine = line
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}

import Foundation
