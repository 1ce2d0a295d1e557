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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a queue written by `json()`.
    public static func decode(json data: Data) throws -> ReviewQueue {
        try JSONDecoder().decode(ReviewQueue.self, from: data)
    }

    /// The XML form.
    public func xml() -> String {
        var xml = XMLWriter()
        xml.open("review", ["xmlns": "urn:is03:review:1", "format": String(format), "engineVersion": engineVersion,
                            "items": String(items.count)])
        for item in items {
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
        }
        xml.close("review")
        return xml.text
    }

    /// Confidences with four decimals, so files do not change with float noise.
    static func number(_ x: Double) -> String { String(format: "%.4f", x) }
}
