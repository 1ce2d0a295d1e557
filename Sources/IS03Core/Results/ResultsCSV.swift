/// The results as a `;`-separated UTF-8 table, one row per participant who sat, for people
/// who open results in a spreadsheet. The same fields as `ResultsXML` (a test holds the two to
/// it): what the XML gives per criterion, group and part beyond the score (its code and maximum)
/// is the template's, not the result's. Columns in `docs/formats.md`; columns added later go at
/// the end, so a spreadsheet that picks columns by position keeps working.
public enum ResultsCSV {
    /// The header for a template's criteria, parts and groups (their ids as column names; a
    /// group's column is `group:` and its id).
    public static func header(criteria: [String], parts: [String], groups: [String] = []) -> [String] {
        ["participant_id", "surname", "name", "patronymic", "class", "category", "exam_date", "region", "msu", "oo",
         "auditorium", "variant", "kim", "expert"] + criteria + parts
            + ["total", "max", "pass_mark", "outcome", "review_status", "flags", "scan_file", "page", "sha256",
               "template", "engine_version", "match_method"]
            + groups.map { "group:" + $0 }
            + ["outcome_code", "expert_total", "expert_verdict", "unscored_criteria", "uncertain_criteria", "capped_groups"]
            + ["verified_by", "verified_at"]
    }

    /// The table: header plus one line per record, CRLF line ends (what spreadsheet programs expect).
    public static func document(_ records: [ResultRecord], template: Template) -> String {
        headerLine(template: template) + records.map { line($0, template: template) }.joined()
    }

    /// The header line, with its line end.
    public static func headerLine(template: Template) -> String {
        header(criteria: template.scoring.criteria.map(\.id), parts: template.scoring.parts.map(\.id),
               groups: template.scoring.groups.map(\.id)).map(quote).joined(separator: ";") + "\r\n"
    }

    /// One record's line, with its line end.
    public static func line(_ r: ResultRecord, template: Template) -> String {
        let criteria = template.scoring.criteria.map(\.id)
        let parts = template.scoring.parts.map(\.id)
        let p = r.participant, s = r.score, v = r.provenance
        let scores = Dictionary(uniqueKeysWithValues: s.criteria.map { ($0.id, $0.value.map(String.init) ?? "") })
        let partScores = Dictionary(uniqueKeysWithValues: s.parts.map { ($0.id, String($0.score)) })
        let groupScores = Dictionary(s.groups.map { ($0.id, String($0.score)) }, uniquingKeysWith: { a, _ in a })
        let fields: [String] = [p.id, p.surname, p.name, p.patronymic ?? "", p.className, p.category, p.examDate,
                                p.region, p.msu, p.oo, p.auditorium ?? "", r.variant ?? "", r.kim ?? "", r.expert ?? ""]
            + criteria.map { scores[$0] ?? "" } + parts.map { partScores[$0] ?? "" }
            + [String(s.total), String(s.max), String(s.passMark), s.outcome.russian, v.reviewStatus.rawValue,
               r.flags.joined(separator: ","), v.scanFile, String(v.page), v.sha256, v.templateID, v.engineVersion, v.matchMethod]
            + template.scoring.groups.map { groupScores[$0.id] ?? "" }
            + [s.outcome.rawValue, s.expertTotal.map(String.init) ?? "", s.expertVerdict ?? "",
               s.criteria.filter { !$0.inCategory }.map(\.id).joined(separator: ","),
               s.criteria.filter { !$0.certain }.map(\.id).joined(separator: ","),
               cappedGroups(s)]
            + [v.verifiedBy ?? "", v.verifiedAt ?? ""]
        return fields.map(quote).joined(separator: ";") + "\r\n"
    }

    /// Groups a template cap lowered, as `GROUP:MARKED:RULE` joined by `,` (`Р1:4:Р1-cap`); the
    /// capped score itself is in the group's column.
    static func cappedGroups(_ s: SheetScore) -> String {
        s.groups.compactMap { g in g.marked.map { "\(g.id):\($0):\(g.cappedBy ?? "")" } }.joined(separator: ",")
    }

    /// Quotes a field when it holds the delimiter, a quote or a line break. A leading `=`, `+`,
    /// `-` or `@` is prefixed with `'` so a spreadsheet never runs text from a scan as a formula.
    static func quote(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+@".contains(first) || (first == "-" && value.count > 1 && !value.dropFirst().allSatisfy(\.isNumber)) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
