import CXSLT
import Foundation

/// An XSLT 1.0 stylesheet (libxslt, with EXSLT), compiled once and applied to documents in
/// memory: how a region turns is03's results XML into its own format, or its own participant
/// list into is03's, as configuration rather than code (docs/formats.md).
///
/// A stylesheet may read other files (`xsl:import`, `document()`), but writing files, creating
/// folders and the network are forbidden. Every failure is a ``StylesheetError`` naming the
/// file and, where libxslt knows it, the line; nothing is printed to the terminal.
public final class Stylesheet: @unchecked Sendable {
    /// Where the stylesheet was read from.
    public let file: URL
    private let compiled: xsltStylesheetPtr

    /// libxslt's error handler is one for the whole process, so one stylesheet call at a time.
    private static let calls = NSLock()
    private static let initialised: Void = is03_xslt_initialise()

    /// Reads and compiles the stylesheet at `url`.
    /// - Throws: ``StylesheetError`` when the file is missing, is not well-formed XML or is not a
    ///   valid XSLT 1.0 stylesheet (the message gives libxslt's file and line).
    public init(contentsOf url: URL) throws(StylesheetError) {
        file = url
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw StylesheetError(file: url.path, message: "cannot read the stylesheet; check the path and permissions")
        }
        var compiled: xsltStylesheetPtr?
        let messages = Self.collectingMessages { compiled = is03_xslt_compile(url.path) }
        // libxslt keeps a stylesheet with an element it could not compile (and would skip that
        // element when applying it); such a stylesheet is refused like a broken one.
        if let stylesheet = compiled, messages.contains("compilation error") {
            xsltFreeStylesheet(stylesheet)
            compiled = nil
        }
        guard let compiled else {
            throw StylesheetError(file: url.path, message: "not a valid XSLT 1.0 stylesheet: "
                                  + (messages.isEmpty ? "libxslt gave no reason" : messages))
        }
        self.compiled = compiled
    }

    deinit { xsltFreeStylesheet(compiled) }

    /// Applies the stylesheet to the XML document `input` (named `inputName` in messages).
    /// - Returns: the result as the stylesheet's `xsl:output` serialises it, in its encoding
    ///   (e.g. Windows-1251 text for office tools).
    /// - Throws: ``StylesheetError`` when the input is not well-formed XML, carries a DTD, or the
    ///   transformation stops (`xsl:message terminate="yes"`, a run-time error).
    public func transform(_ input: Data, inputName: String) throws(StylesheetError) -> Data {
        var output = Data()
        var failure: StylesheetError?
        let messages = Self.collectingMessages {
            input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count <= Int(Int32.max),
                      let document = is03_xslt_read(base, Int32(raw.count), inputName) else {
                    failure = StylesheetError(file: inputName, message: "not well-formed XML")
                    return
                }
                defer { xmlFreeDoc(document) }
                if is03_xslt_has_dtd(document) != 0 {
                    failure = StylesheetError(file: inputName, message: "the document carries a DTD (<!DOCTYPE …>), which is "
                                              + "refused for safety; remove it and try again")
                    return
                }
                var bytes: UnsafeMutablePointer<xmlChar>?
                var length: Int32 = 0
                guard is03_xslt_apply(compiled, document, &bytes, &length) == 0 else {
                    is03_xml_free(bytes)
                    failure = StylesheetError(file: file.path, message: "the transformation of \(inputName) failed")
                    return
                }
                if let bytes { output = Data(bytes: bytes, count: Int(length)) }
                is03_xml_free(bytes)
            }
        }
        if var failure {
            if !messages.isEmpty { failure.message += ": " + messages }
            throw failure
        }
        return output
    }

    /// The `encoding` of the stylesheet's `xsl:output` (nil: UTF-8, XSLT's default).
    public var outputEncoding: String? {
        compiled.pointee.encoding.map { String(cString: $0) }
    }

    /// Runs `body` with libxml2's and libxslt's messages collected, and returns them as one line
    /// per message (trimmed, without the caret lines that point into a source line).
    private static func collectingMessages(_ body: () -> Void) -> String {
        _ = initialised
        calls.lock()
        defer { calls.unlock() }
        // The libraries keep the pointer until release, so it must outlive any one call.
        let messages = UnsafeMutablePointer<is03_xslt_messages>.allocate(capacity: 1)
        messages.initialize(to: is03_xslt_messages(text: nil, length: 0, capacity: 0))
        defer { messages.deallocate() }
        is03_xslt_capture(messages)
        body()
        let text = messages.pointee.text.map { String(cString: $0) } ?? ""
        is03_xslt_release(messages)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "^" }.joined(separator: "; ")
    }
}

/// A stylesheet that could not be read, compiled or applied, naming the file (and, from
/// libxslt, the line) and what to do.
public struct StylesheetError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
