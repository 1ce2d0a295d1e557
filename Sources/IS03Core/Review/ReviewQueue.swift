import Foundation

/// Every uncertain item of a run, written next to the results as `review.xml` and
/// `review.json` (formats in `docs/formats.md`, schema `schemas/review.xsd`).
public struct ReviewQueue: Codable, Sendable, Hashable {
    public var format: Int = 1
    public var engineVersion: String = EngineVersion.current
    public var items: [ReviewQueueItem]

    public init(items: [ReviewQueueItem]) { self.items = items }

    /// Number of items per reason code, for summaries.
    public var countsByReason: [ReviewReason: Int] {
        Dictionary(grouping: items, by: \.reason).mapValues(\.count)
    }

    /// Pretty-printed JSON with sorted keys (stable for diffs and golden files).
    public func json() throws -> Data {
        try Self.jsonEncoder().encode(self)
    }

    /// The encoder of `review.json`; ``jsonEntry(_:)`` encodes one item with it.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Reads a queue written by `json()`.
    public static func decode(json data: Data) throws -> ReviewQueue {
        try JSONDecoder().decode(ReviewQueue.self, from: data)
    }

    /// `review.json` up to its first item, for a queue written an item at a time (the keys in
    /// ``json()``'s sorted order). A queue with no items is written whole by ``json()``.
    public static let jsonHead = "{\n  \"engineVersion\" : \"\(EngineVersion.current)\",\n  \"format\" : 1,\n  \"items\" : [\n"
    /// Between two items of `review.json`.
    public static let jsonSeparator = ",\n"
    /// `review.json` after its last item.
    public static let jsonTail = "\n  ]\n}"

    /// One item as it stands in `review.json`: encoded as ``json()`` encodes it, indented to
    /// its place in the array (pretty-printed JSON has no line break inside a string; the
    /// blank line of an empty array stays blank, as the encoder writes it).
    public static func jsonEntry(_ item: ReviewQueueItem, encoder: JSONEncoder) throws -> String {
        let text = String(decoding: try encoder.encode(item), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// The XML form.
    public func xml() -> String {
        Self.xmlHead(items: items.count, format: format, engineVersion: engineVersion) + items.map(Self.xmlEntry).joined() + Self.xmlTail
    }

    /// `review.xml` up to its first item.
    public static func xmlHead(items: Int, format: Int = 1, engineVersion: String = EngineVersion.current) -> String {
        var xml = XMLWriter()
        xml.open("review", ["xmlns": "urn:is03:review:1", "format": String(format), "engineVersion": engineVersion,
                            "items": String(items)])
        return xml.text
    }

    /// `review.xml` after its last item.
    public static let xmlTail = "</review>\n"

    /// One item as it stands in `review.xml`.
    public static func xmlEntry(_ item: ReviewQueueItem) -> String {
        var xml = XMLWriter(fragmentAt: 1)
        xml.open("item", ["id": item.id, "reason": item.reason.rawValue, "field": item.fieldID,
                          "participantId": item.participantID, "rule": item.ruleID])
        xml.element("message", item.message)
        xml.element("machineValue", item.machineValue)
        if let confidence = item.confidence { xml.element("confidence", Self.number(confidence)) }
        if !item.candidates.isEmpty {
            xml.open("candidates")
            for c in item.candidates {
                xml.empty("candidate", ["value": c.value, "label": c.label, "confidence": Self.number(c.confidence)])
            }
            xml.close("candidates")
        }
        xml.element("crop", item.crop)
        if let sheet = item.sheet {
            xml.empty("sheet", ["file": sheet.file, "page": String(sheet.page), "sha256": sheet.sha256, "packet": sheet.packet])
        }
        xml.close("item")
        return xml.text
    }

    /// Confidences with four decimals, so files do not change with float noise.
    static func number(_ x: Double) -> String { String(format: "%.4f", x) }
}
