import Foundation

/// Runs the real `xmllint` (libxml2-utils) to validate a document against an XSD.
public enum XMLLint {
    public struct Result { public var ok: Bool; public var output: String }

    public static func validate(_ document: URL, schema: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--nonet", "--schema", schema.path, document.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(ok: process.terminationStatus == 0, output: output)
    }
}
