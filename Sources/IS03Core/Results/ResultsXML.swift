import Foundation

/// Writes results as XML for the regional database (РИС) import; the schema is
/// `schemas/results.xsd` and the layout is described in `docs/formats.md`.
public enum ResultsXML {
    /// The namespace of format version 1.
    public static let namespace = "urn:is03:results:1"

    /// Totals written on the root element so the receiving side can check completeness.
    public struct Summary: Sendable, Hashable {
        public var participantsWhoSat: Int
        public var missingSheets: Int
        public init(participantsWhoSat: Int, missingSheets: Int) {
            self.participantsWhoSat = participantsWhoSat; self.missingSheets = missingSheets
        }
    }

    /// Where a participant's result stands in the results files: by ОО, auditorium, id.
    /// Absent («Н») participants sort after every auditorium of their school.
    public static func orderKey(_ p: Participant) -> (String, String, String) { (p.oo, p.auditorium ?? "Н", p.id) }

    /// Whether `a` comes before `b` in the results files (``orderKey(_:)``).
    public static func order(_ a: ResultRecord, _ b: ResultRecord) -> Bool {
        orderKey(a.participant) < orderKey(b.participant)
    }

    /// The document for `records`, in the given order.
    /// - Parameter generated: timestamp written on the root (ISO 8601); pass a fixed one for
    ///   reproducible files.
    public static func document(_ records: [ResultRecord], summary: Summary, generated: String) -> String {
        head(rows: records.count, summary: summary, generated: generated) + records.map(entry).joined() + tail
    }

    /// The document up to its first result: the declaration and the root's opening tag.
    public static func head(rows: Int, summary: Summary, generated: String) -> String {
        var xml = XMLWriter()
        xml.open("results", ["xmlns": namespace, "engineVersion": EngineVersion.current, "generated": generated,
                             "rows": String(rows), "participantsWhoSat": String(summary.participantsWhoSat),
                             "missingSheets": String(summary.missingSheets)])
        return xml.text
    }

    /// The document after its last result.
    public static let tail = "</results>\n"

    /// One result as it stands in the document (between ``head(rows:summary:generated:)`` and ``tail``).
    public static func entry(_ record: ResultRecord) -> String {
        var xml = XMLWriter(fragmentAt: 1)
        write(record, to: &xml)
        return xml.text
    }

    private static func write(_ r: ResultRecord, to xml: inout XMLWriter) {
        let p = r.participant, s = r.score
        xml.open("result", ["participantId": p.id, "reviewStatus": r.provenance.reviewStatus.rawValue,
                            "verifiedBy": r.provenance.verifiedBy, "verifiedAt": r.provenance.verifiedAt])
        xml.open("participant")
        xml.element("surname", p.surname)
        xml.element("name", p.name)
        xml.element("patronymic", p.patronymic)
        xml.element("class", p.className)
        xml.element("category", p.category)
        xml.element("examDate", p.examDate)
        xml.close("participant")
        xml.empty("place", ["region": p.region, "msu": p.msu, "oo": p.oo, "auditorium": p.auditorium ?? ""])
        xml.element("variant", r.variant)
        xml.element("kim", r.kim)
        xml.element("expert", r.expert)
        xml.open("scores")
        for c in s.criteria {
            xml.empty("criterion", ["id": c.id, "code": c.code, "value": c.value.map(String.init),
                                    "scored": c.inCategory ? "true" : "false", "certain": c.certain ? "true" : "false"])
        }
        xml.close("scores")
        xml.open("groups")
        // A capped group: `score` counts, `marked` is the criteria's sum as the expert marked them.
        for g in s.groups {
            xml.empty("group", ["id": g.id, "score": String(g.score), "max": String(g.max),
                                "marked": g.marked.map(String.init), "cappedBy": g.cappedBy])
        }
        xml.close("groups")
        xml.open("parts")
        for part in s.parts { xml.empty("part", ["id": part.id, "score": String(part.score), "max": String(part.max)]) }
        xml.close("parts")
        xml.element("total", String(s.total), ["max": String(s.max), "passMark": String(s.passMark)])
        xml.element("outcome", s.outcome.russian, ["code": s.outcome.rawValue])
        if let t = s.expertTotal { xml.element("expertTotal", String(t)) }
        xml.element("expertVerdict", s.expertVerdict)
        if !r.flags.isEmpty {
            xml.open("flags")
            for flag in r.flags { xml.element("flag", flag) }
            xml.close("flags")
        }
        let v = r.provenance
        xml.empty("provenance", ["scanFile": v.scanFile, "page": String(v.page), "sha256": v.sha256,
                                 "templateId": v.templateID, "engineVersion": v.engineVersion, "matchMethod": v.matchMethod])
        xml.close("result")
    }
}
