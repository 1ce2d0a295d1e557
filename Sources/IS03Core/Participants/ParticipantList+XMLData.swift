import Foundation

extension ParticipantList {
    /// Parses a list already in is03's XML form (`schemas/participants.xsd`) from memory, e.g.
    /// what a region's mapping stylesheet made of its own list (`--participants-xslt`).
    /// - Parameter file: how problems name the list (e.g. `list.xml (through map.xsl)`).
    /// - Throws: `ImportError` when the document is not a participant list at all.
    public static func parseXML(_ data: Data, file: String) throws -> ParticipantList {
        try ParticipantXML.parse(data, file: file)
    }
}
