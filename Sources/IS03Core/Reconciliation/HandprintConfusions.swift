/// Pairs of Russian block capitals that hand print and recognisers often mix up. A mismatch
/// between such a pair is weak evidence against a candidate rather than strong evidence.
public enum HandprintConfusions {
    /// Groups of letters (already folded: Ё→Е, Й→И) any two of which are confusable.
    public static let groups: [String] = [
        "ИНП", "- ", "ШЩЦ", "ЬЪБ", "ОСЭ", "ЗЭ", "ГТП", "ЛПД", "КЖ", "УЧ", "ВВ", "АД", "ЫЬ", "ЕЁ", "ХЖ", "МИ", "ЯЮ",
    ]

    /// True when `a` and `b` (folded upper-case letters) are a known confusion.
    public static func confusable(_ a: Character, _ b: Character) -> Bool {
        a != b && pairs.contains(key(a, b))
    }

    private static func key(_ a: Character, _ b: Character) -> String { a < b ? "\(a)\(b)" : "\(b)\(a)" }

    private static let pairs: Set<String> = {
        var set = Set<String>()
        for group in groups {
            let letters = Array(group)
            for a in letters { for b in letters where a != b { set.insert(key(a, b)) } }
        }
        return set
    }()
}
