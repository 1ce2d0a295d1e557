import Foundation

extension ReviewDecisionModel {
    /// Longest value and note accepted (a surname with initials is far shorter).
    public static let maxValueLength = 200
    public static let maxNoteLength = 500

    /// Checks an operator's answer and returns what to store, or refuses it saying why in
    /// Russian. `value` is what the page sent: a field value, "" for «пусто», a participant id or
    /// an action's code; `note` the operator's explanation; `isOnList` whether a participant id
    /// is on the current list.
    public func check(value raw: String, note rawNote: String?, isOnList: (String) -> Bool) throws(ReviewRefusal) -> ReviewDecision {
        guard Self.isPrintable(raw), Self.isPrintable(rawNote ?? "") else {
            throw ReviewRefusal("В ответе есть невидимые или управляющие символы. Наберите его заново с клавиатуры.")
        }
        let value = raw.trimmingCharacters(in: .whitespaces)
        let note = rawNote.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        guard value.count <= Self.maxValueLength else { throw ReviewRefusal("Ответ слишком длинный (не больше \(Self.maxValueLength) знаков).") }
        guard (note ?? "").count <= Self.maxNoteLength else { throw ReviewRefusal("Пояснение слишком длинное (не больше \(Self.maxNoteLength) знаков).") }

        if let action = ReviewAction(rawValue: value) {
            guard answers.contains(.action(action)) else { throw refusal("«\(action.label)» здесь не подходит.") }
            if action.needsNote, note == nil {
                throw ReviewRefusal("«\(action.label)»: напишите пояснение — почему так решено.")
            }
            return ReviewDecision(answer: .action(action), value: action.rawValue, note: note)
        }
        if value.isEmpty {
            guard answers.contains(.blank) else { throw refusal("Ответ не выбран.") }
            return ReviewDecision(answer: .blank, value: "", note: note)
        }
        if answers.contains(.participant) {
            guard isOnList(value) else {
                throw ReviewRefusal("«\(value)» нет в списке участников: ничего не сохранено. Выберите участника "
                    + "из кандидатов (↑↓) или найдите по фамилии (начните её набирать).")
            }
            return ReviewDecision(answer: .participant, value: value, note: note)
        }
        guard answers.contains(.value) else { throw refusal("«\(value)» здесь не ответ.") }
        switch subject {
        case .field(let field): return ReviewDecision(answer: .value, value: try Self.fieldValue(value, of: field), note: note)
        case .unknownField: return ReviewDecision(answer: .value, value: value, note: note)
        case .participant, .page, .sheet, .list: throw refusal("«\(value)» здесь не ответ.")
        }
    }

    /// The answers in words, for error messages: «Допустимо: цифра 0–2, «пусто».»
    public var allowedText: String {
        answers.map { answer in
            switch answer {
            case .value: if case .field(let field) = subject { Self.alphabetText(field) } else { "значение поля" }
            case .blank: "«пусто»"
            case .participant: "участник из списка"
            case .action(let action): "«\(action.label)»"
            }
        }.joined(separator: ", ")
    }

    private func refusal(_ what: String) -> ReviewRefusal {
        ReviewRefusal("\(what) Допустимо: \(allowedText).")
    }

    /// `value` in the field's own spelling, or a refusal naming the field's alphabet.
    static func fieldValue(_ value: String, of field: Field) throws(ReviewRefusal) -> String {
        let wrong = ReviewRefusal("\(field.label): «\(value)» не подходит. Допустимо: \(alphabetText(field)).")
        switch field.kind {
        case .choice:
            let wanted = folded(value)
            guard let match = (field.values ?? []).first(where: { folded($0) == wanted }) else { throw wrong }
            return match
        case .flag, .area:
            let allowed = field.kind == .flag ? ["0", "1"] : ["1"]
            guard allowed.contains(value) else { throw wrong }
            return value
        case .digits:
            // A space keeps an unread column in its place.
            guard value.allSatisfy({ $0 == " " || ("0"..."9").contains($0) }), value.contains(where: { $0 != " " }),
                  value.count <= (field.columns ?? value.count) else { throw wrong }
            return value
        case .letters:
            let upper = value.uppercased()
            let extra: Set<Character> = field.role == .expertSurname ? [" ", "."] : [" "]
            let allowed = Set(field.allowedCharacters).union(extra)
            // The expert's surname is answered with the initials («СЕДЫХ Д.Д.»), longer than its boxes.
            let limit = (field.count ?? upper.count) + (field.role == .expertSurname ? 6 : 0)
            guard upper.allSatisfy(allowed.contains), upper.count <= limit else { throw wrong }
            return upper
        }
    }

    /// A field's alphabet in words.
    static func alphabetText(_ field: Field) -> String {
        switch field.kind {
        case .choice: "одно из значений " + (field.values ?? []).joined(separator: ", ")
        case .flag: "0 или 1"
        case .area: "1 — есть"
        case .digits: "цифры, не больше \(field.columns ?? 0)"
        case .letters: field.role == .expertSurname ? "фамилия и инициалы буквами" : "буквы, не больше \(field.count ?? 0)"
        }
    }

    /// Case and ё/е do not matter in a choice value typed by hand («незачет» is «незачёт»).
    private static func folded(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "ё", with: "е")
    }

    /// No control, format (right-to-left override, zero-width), separator or unassigned
    /// characters: a value must look the same on screen as it is stored.
    static func isPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: false
            default: true
            }
        }
    }
}
