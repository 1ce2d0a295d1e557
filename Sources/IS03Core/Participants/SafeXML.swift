import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A minimal XML element tree read with Foundation's `XMLParser`, hardened for files that come
/// from outside: documents with a DTD or any entity declaration are refused before parsing
/// (no XXE, no billion laughs), and external entities are never resolved.
struct XMLNode: Sendable {
    var name: String
    var attributes: [String: String]
    var text: String
    var children: [XMLNode]
    /// Line of the start tag.
    var line: Int

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
}

enum SafeXML {
    /// Deepest element nesting accepted. Lists are three levels deep; a document nested
    /// 100,000 deep crashed the process (stack overflow) before this limit.
    static let maxDepth = 32

    /// Parses `data` into its root element.
    /// - Throws: `ImportError` naming `file` and the line when the document declares a DTD or
    ///   entities, or is not well-formed.
    static func parse(_ data: Data, file: String) throws -> XMLNode {
        let (text, _) = TextDecoding.decode(data)
        if let range = text.range(of: "<!DOCTYPE", options: .caseInsensitive) ?? text.range(of: "<!ENTITY", options: .caseInsensitive) {
            throw ImportError(file: file, line: lineNumber(of: range.lowerBound, in: text),
                              message: "the XML declares a DTD or entities, which is refused for safety; remove the <!DOCTYPE …> block")
        }
        // swift-corelibs-foundation's XMLParser dereferences a null pointer (and the process dies)
        // on a processing instruction with no data, `<?name?>`: libxml2 reports those with
        // NULL data. A participant list needs none, so such a document is refused here.
        // Found by fuzzing (Fuzz/regressions/participants-xml).
        if let range = text.range(of: #"<\?[^?<>\t\n\r ]+\?>"#, options: .regularExpression) {
            throw ImportError(file: file, line: lineNumber(of: range.lowerBound, in: text),
                              message: "the XML holds an empty processing instruction «\(text[range])», which cannot be read safely; remove it")
        }
        // The text is handed on as UTF-8 whatever the file was, so the declaration must say so.
        let parser = XMLParser(data: Data(declaringUTF8(text).utf8))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let delegate = TreeBuilder()
        parser.delegate = delegate
        let ok = parser.parse()
        if let line = delegate.tooDeep {
            throw ImportError(file: file, line: line, message: "elements nested deeper than \(maxDepth) levels; a participant list has three, check the file")
        }
        if let refused = delegate.refused {
            throw ImportError(file: file, line: refused, message: "the XML declares entities, which is refused for safety")
        }
        guard ok, let root = delegate.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            throw ImportError(file: file, line: parser.lineNumber, message: "malformed XML (\(reason)); check the file was exported completely")
        }
        return root
    }

    /// One-based line of `index` in `text`.
    private static func lineNumber(of index: String.Index, in text: String) -> Int {
        text[..<index].filter { $0 == "\n" || $0 == "\r\n" }.count + 1
    }

    /// `text` with the encoding named in its XML declaration (if any) replaced by UTF-8.
    static func declaringUTF8(_ text: String) -> String {
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return text }
        let declaration = String(text[..<end.lowerBound])
        let fixed = declaration.replacingOccurrences(of: #"encoding\s*=\s*["'][^"']*["']"#, with: "encoding=\"UTF-8\"",
                                                     options: .regularExpression)
        return fixed + text[end.lowerBound...]
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?
        var refused: Int?
        /// Line where the nesting went past `SafeXML.maxDepth`.
        var tooDeep: Int?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard stack.count < SafeXML.maxDepth else {
                tooDeep = parser.lineNumber; parser.abortParsing(); return
            }
            stack.append(XMLNode(name: elementName, attributes: attributeDict, text: "", children: [], line: parser.lineNumber))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let node = stack.popLast() else { return }
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            refused = parser.lineNumber; parser.abortParsing()
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            refused = parser.lineNumber; parser.abortParsing()
        }
    }
}
