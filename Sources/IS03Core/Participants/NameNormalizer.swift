/// Russian-aware folding of names for comparison: upper case, Ё→Е, Й→И, hyphens and spaces
/// unified, Latin look-alikes (A, B, E, K, M, H, O, P, C, T, X, Y) mapped to Cyrillic.
public enum NameNormalizer {
    /// Folds `text` so that spellings people consider the same compare equal.
    public static func fold(_ text: String) -> String {
        var out = ""
        var lastWasSeparator = true
        for ch in text.uppercased() {
            if ch == "-" || ch == "‐" || ch == "–" || ch == "—" || ch.isWhitespace {
                if !lastWasSeparator { out.append(ch.isWhitespace ? " " : "-") }
                lastWasSeparator = true
                continue
            }
            lastWasSeparator = false
            out.append(foldLetter(ch))
        }
        while out.last == " " || out.last == "-" { out.removeLast() }
        return out
    }

    /// One upper-case letter folded.
    public static func foldLetter(_ ch: Character) -> Character {
        switch ch {
        case "Ё": return "Е"
        case "Й": return "И"
        default: return latinLookalikes[ch] ?? ch
        }
    }

    private static let latinLookalikes: [Character: Character] = [
        "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О",
        "P": "Р", "C": "С", "T": "Т", "X": "Х", "Y": "У",
    ]
}
