/// Escaping for XML text and attribute values.
public enum XMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and drops characters XML 1.0 forbids (control
    /// characters other than tab, line feed and carriage return), so any text read from a scan
    /// or a list yields a well-formed document.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A small writer that builds indented XML with escaped content.
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0

    init() {}

    /// A piece of a document with no declaration, starting `depth` levels in: one entry of a
    /// document that is written a piece at a time (``ResultFileStream``).
    init(fragmentAt depth: Int) {
        text = ""
        self.depth = depth
    }

    private func attributes(_ pairs: KeyValuePairs<String, String?>) -> String {
        pairs.compactMap { key, value in value.map { " \(key)=\"\(XMLEscaping.escape($0))\"" } }.joined()
    }

    mutating func open(_ name: String, _ attrs: KeyValuePairs<String, String?> = [:]) {
        text += String(repeating: "  ", count: depth) + "<\(name)\(attributes(attrs))>\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += String(repeating: "  ", count: depth) + "</\(name)>\n"
    }

    /// `<name attrs>value</name>`, or nothing when `value` is nil.
    mutating func element(_ name: String, _ value: String?, _ attrs: KeyValuePairs<String, String?> = [:]) {
        guard let value else { return }
        text += String(repeating: "  ", count: depth) + "<\(name)\(attributes(attrs))>\(XMLEscaping.escape(value))</\(name)>\n"
    }

    /// `<name attrs/>`.
    mutating func empty(_ name: String, _ attrs: KeyValuePairs<String, String?>) {
        text += String(repeating: "  ", count: depth) + "<\(name)\(attributes(attrs))/>\n"
    }
}
