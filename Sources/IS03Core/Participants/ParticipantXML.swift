import Foundation

/// Reads the XML form of the participant list (`schemas/participants.xsd`):
/// `<participants><participant><id>…</id><surname>…</surname>…</participant>…</participants>`,
/// one child element per CSV column, same names.
enum ParticipantXML {
    static func parse(_ data: Data, file: String) throws -> ParticipantList {
        var builder = ParticipantListBuilder(file: file)
        for row in try ListXML.rows(data, file: file, root: "participants", element: "participant",
                                    columns: ParticipantColumns.all, schema: "schemas/participants.xsd") {
            builder.add(record: row.record, line: row.line)
        }
        return builder.list
    }
}

/// The shape every list's XML form shares: a root element, one element per row, one child
/// element per CSV column (same names). Parsed safely (no DTD, no entities: see `SafeXML`).
enum ListXML {
    static func rows(_ data: Data, file: String, root name: String, element: String, columns: [String],
                     schema: String) throws -> [(record: [String: String], line: Int)] {
        let root = try SafeXML.parse(data, file: file)
        guard root.name == name else {
            throw ImportError(file: file, line: root.line, message: "root element is <\(root.name)>, expected <\(name)> (see \(schema))")
        }
        return root.children(element).map { row in
            var record: [String: String] = [:]
            for column in columns {
                if let child = row.child(column) { record[column] = child.text }
            }
            return (record, row.line)
        }
    }
}
