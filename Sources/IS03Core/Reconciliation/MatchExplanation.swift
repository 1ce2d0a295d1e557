/// Field by field, what a sheet's readings say about one candidate — the words of a review
/// item's message, so the operator sees why the sheet was not matched: «surname, document
/// agree; name contradicts; patronymic unreadable or blank».
struct MatchExplanation: Sendable {
    enum Verdict: String, Sendable { case agree, contradict, silent }

    /// Fields in the order the operator reads them on the sheet.
    var fields: [(field: String, verdict: Verdict)]

    /// A field's evidence counts as agreeing or contradicting from this many nats on (about
    /// one letter or digit read surely); weaker evidence is reported as saying nothing.
    static let decisive = 2.0

    init(sheet: PreparedSheet, tables: SheetTables, person p: PreparedParticipant, scorer: MatchScorer) {
        let names = scorer.nameScore(tables, p)
        func verdict(_ score: Double, present: Bool = true) -> Verdict {
            !present ? .silent : score >= Self.decisive ? .agree : score <= -Self.decisive ? .contradict : .silent
        }
        let document = sheet.document.score(p.document), series = sheet.series.score(p.series)
        fields = [
            ("surname", verdict(names.surname, present: tables.surname.count > 0)),
            ("name", verdict(names.name, present: tables.name.count > 0)),
            ("patronymic", verdict(names.patronymic, present: tables.patronymic.count > 0 && !p.patronymic.isEmpty)),
            ("document", verdict(document + series, present: !sheet.document.key.isEmpty || !sheet.series.key.isEmpty)),
            ("ОО", verdict(sheet.oo.score(p.oo))),
            ("auditorium", verdict(sheet.auditorium.score(p.auditorium))),
            ("class", verdict(sheet.classNumber.score(p.classNumber) + scorer.align(tables.classLetter, p.classLetter))),
        ]
    }

    /// «surname, ОО agree; name contradicts; document says nothing (unreadable, blank or unsure)».
    var text: String {
        func list(_ v: Verdict) -> [String] { fields.filter { $0.verdict == v }.map(\.field) }
        var parts: [String] = []
        let agree = list(.agree), contradict = list(.contradict), silent = list(.silent)
        if !agree.isEmpty { parts.append(agree.map(Self.russian).joined(separator: ", ") + (agree.count == 1 ? " совпадает" : " совпадают")) }
        if !contradict.isEmpty { parts.append(contradict.map(Self.russian).joined(separator: ", ") + (contradict.count == 1 ? " противоречит" : " противоречат")) }
        if !silent.isEmpty { parts.append(silent.map(Self.russian).joined(separator: ", ") + " не прочитаны, неуверенны или пусты") }
        return parts.joined(separator: "; ")
    }

    /// A field's name as the review item's message says it.
    static func russian(_ field: String) -> String {
        switch field {
        case "surname": "фамилия"
        case "name": "имя"
        case "patronymic": "отчество"
        case "document": "документ"
        case "auditorium": "аудитория"
        case "class": "класс"
        default: field
        }
    }
}
