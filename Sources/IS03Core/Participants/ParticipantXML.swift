import Foundation

/// Reads the XML form of the participant list (`schemas/participants.xsd`):
/// `<participants><participant><id>…</id><surname>…</surname>…</participant>…</participants>`,
/// one child element per CSV column, same names.
enum ParticipantXML {
    static func parse(_ data: Data, file: String) throws -> ParticipantList {
        let root = try SafeXML.parse(data, file: file)
        guard root.name == "participants" else {
            throw ImportError(file: file, line: root.line, message: "root element is <\(root.name)>, expected <participants> (see schemas/participants.xsd)")
        }
        var builder = ParticipantListBuilder(file: file)
        for element in root.children("participant") {
            var record: [String: String] = [:]
            for column in ParticipantColumns.all {
                if let child = element.child(column) { record[column] = child.text }
            }
            builder.add(record: record, line: element.line)
        }
        return builder.list
    }
}
