import Foundation
import IS03Storage

/// One audit entry of a sheet's history in a supervisor's words: what happened in Russian (the
/// store writes its own codes: `deferred: …`, `reopened: …`, state names), the values before and
/// after, and the reason or note that came with it.
struct HistoryLine: Equatable {
    var action: String
    var from: String
    var to: String
    var note: String

    /// `reasonOf` gives the reason stored with a decision (the audit entry holds only the value).
    init(_ entry: AuditEntry, reasonOf: (AuditEntry) -> String?) {
        let from = entry.from.map(Self.stateWord) ?? ""
        let to = entry.redacted ? "(удалено)" : entry.to ?? ""
        switch (entry.entity, entry.field) {
        case ("page", "state"):
            let (state, why) = Self.split(to)
            self.init(action: "состояние страницы", from: from, to: Self.stateWord(state), note: why)
        case ("review_item", "state"):
            let (state, why) = Self.split(to)
            switch state {
            case "deferred": self.init(action: "отложено", from: from, to: "отложено", note: why)
            case "reopened": self.init(action: "возвращено в очередь", from: from, to: "открыто", note: Self.note(why))
            default: self.init(action: "состояние", from: from, to: Self.stateWord(state), note: why)
            }
        case ("review_item", _):
            let (head, why) = Self.split(to)
            switch head {
            case "opened for correction": self.init(action: "открыто для исправления", from: "", to: "", note: "")
            case "opinion": self.init(action: "мнение оператора", from: entry.from ?? "", to: why, note: "")
            case "open": self.init(action: "открыто снова: поле перечитано иначе", from: from, to: "открыто", note: "")
            case "withdrawn": self.init(action: "снято: новое чтение не требует проверки", from: from, to: "", note: "")
            default: self.init(action: "решение", from: entry.from ?? "", to: to, note: reasonOf(entry) ?? "")
            }
        default:
            self.init(action: entry.field ?? entry.entity, from: entry.from ?? "", to: to, note: "")
        }
    }

    init(action: String, from: String, to: String, note: String) {
        self.action = action; self.from = from; self.to = to; self.note = note
    }

    /// The store's state names in Russian; anything else as it is.
    static func stateWord(_ code: String) -> String {
        switch code {
        case "open": "открыто"
        case "decided": "решено"
        case "deferred": "отложено"
        case "pending": "ждёт чтения"
        case "done": "прочитана"
        case "failed": "не прочитана"
        default: code
        }
    }

    /// «deferred: note» → ("deferred", "note").
    private static func split(_ text: String) -> (String, String) {
        guard let colon = text.range(of: ": ") else { return (text, "") }
        return (String(text[..<colon.lowerBound]), String(text[colon.upperBound...]))
    }

    /// The station's own default note, stored in English by earlier versions.
    private static func note(_ text: String) -> String {
        text == "re-opened by supervisor" ? "возвращено супервизором" : text
    }
}
