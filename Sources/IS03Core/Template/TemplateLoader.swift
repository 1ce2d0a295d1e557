import Foundation

/// Why a template could not be loaded; the message names the file and what to change.
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var problems: [String]

    public init(file: String, problems: [String]) { self.file = file; self.problems = problems }

    public var description: String {
        "template \(file) is not usable:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension Template {
    /// Loads and validates a template; throws `TemplateError` naming every problem found.
    public static func load(from url: URL) throws -> Template {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TemplateError(file: url.path, problems: ["cannot read the file: \(error.localizedDescription)"])
        }
        return try decode(data, file: url.path)
    }

    /// Decodes and validates template JSON; `file` only names the source in errors.
    public static func decode(_ data: Data, file: String) throws -> Template {
        let template: Template
        do {
            template = try JSONDecoder().decode(Template.self, from: data)
        } catch let error as DecodingError {
            throw TemplateError(file: file, problems: [Self.describe(error)])
        } catch {
            throw TemplateError(file: file, problems: ["not valid JSON: \(error)"])
        }
        let problems = template.validate()
        if !problems.isEmpty { throw TemplateError(file: file, problems: problems.map(\.description)) }
        return template
    }

    /// Finds `<id>.json` in the templates folder.
    public static func load(id: String, in directory: URL) throws -> Template {
        try load(from: directory.appendingPathComponent("\(id).json"))
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let names = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            return names.isEmpty ? "top level" : names.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing `\(key.stringValue)`"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Where templates live: `$IS03_TEMPLATES`, else `Templates/` in the working directory or
/// beside the executable's package.
public enum TemplateDirectory {
    public static func locate() -> URL {
        if let path = ProcessInfo.processInfo.environment["IS03_TEMPLATES"] {
            return URL(fileURLWithPath: path)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Templates")
        if FileManager.default.fileExists(atPath: cwd.path) { return cwd }
        // Walk up from the executable (.build/<config>/is03) to the package root.
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        for _ in 0..<5 {
            dir.deleteLastPathComponent()
            let candidate = dir.appendingPathComponent("Templates")
            if (try? TemplateCatalog.templateFiles(in: candidate)) != nil { return candidate }
        }
        return cwd
    }
}
