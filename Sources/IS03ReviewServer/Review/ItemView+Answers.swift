import IS03Core

extension ItemView {
    /// One answer the item takes, as the page offers it.
    public struct Answer: Codable, Sendable, Hashable {
        /// `value` (typed or picked from the candidates), `blank` («пусто»), `participant` (from
        /// the list), `action` (about the page or sheet as a whole).
        public var kind: String
        /// What the page sends as the decision's value: the action's code, "" for «пусто»; nil
        /// for typed values and participants.
        public var value: String?
        public var label: String
        /// The key that gives the answer: `1`…`9` for actions (and the one value of an ink-only
        /// area), `Delete` for «пусто», `Enter` after typing or picking.
        public var key: String
        /// The answer is refused without the operator's explanation.
        public var needsNote: Bool
    }

    static func answers(_ model: ReviewDecisionModel) -> [Answer] {
        var actionKey = 0
        return model.answers.map { answer in
            switch answer {
            case .value:
                // An ink-only area has one value, «есть»: a numbered answer, like the actions.
                if case .field(let field) = model.subject, field.kind == .area {
                    actionKey += 1
                    return Answer(kind: "value", value: "1", label: "есть (\(field.label.lowercased()))", key: String(actionKey), needsNote: false)
                }
                return Answer(kind: "value", value: nil, label: valueLabel(model.subject), key: "Enter", needsNote: false)
            case .blank:
                return Answer(kind: "blank", value: "", label: answer.label, key: "Delete", needsNote: false)
            case .participant:
                return Answer(kind: "participant", value: nil, label: "участник из списка (↑↓ — кандидаты, буква — поиск)",
                              key: "Enter", needsNote: false)
            case .action(let action):
                actionKey += 1
                return Answer(kind: "action", value: action.rawValue, label: action.label, key: String(actionKey),
                              needsNote: action.needsNote)
            }
        }
    }

    /// How a typed value is given, in words.
    private static func valueLabel(_ subject: ReviewSubject) -> String {
        guard case .field(let field) = subject else { return "значение" }
        return switch field.kind {
        case .choice where (field.values ?? []).allSatisfy({ Int($0) != nil }): "цифрами: " + (field.values ?? []).joined(separator: ", ")
        case .choice: "буквами: " + (field.values ?? []).joined(separator: " или ")
        case .flag: "0 или 1"
        case .area: "1 — есть"
        case .digits: "цифрами"
        case .letters: "буквами"
        }
    }

    /// The page's name of what an item is about.
    static func kind(of subject: ReviewSubject) -> String {
        switch subject {
        case .field(let field): field.kind.rawValue
        case .unknownField: "text"
        case .participant: "participant"
        case .page: "page"
        case .sheet: "sheet"
        case .list: "list"
        }
    }
}
