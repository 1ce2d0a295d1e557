import Foundation
import IS03Core
import IS03Vision

/// The templates a run reads with, and the version of each (SHA-256 of its file), so that
/// `is03 reprocess` can find pages read with an older version of a template.
public struct LoadedTemplates: Sendable {
    public var all: [Template]
    /// Template id → SHA-256 of its JSON file.
    public var versions: [String: String]

    public init(all: [Template], versions: [String: String]) { self.all = all; self.versions = versions }

    /// Loads every `is03-*.json` in `directory`; throws naming the first broken file.
    public static func load(from directory: URL) throws -> LoadedTemplates {
        let listed: [URL]
        do { listed = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) } catch {
            throw TemplateError(file: directory.path, problems: ["the templates folder cannot be read (no such folder, or no permission); "
                                                                 + "pass --templates DIR, set IS03_TEMPLATES or run from the project folder"])
        }
        let files = listed.filter { $0.pathExtension == "json" && $0.lastPathComponent.hasPrefix("is03-") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else {
            throw TemplateError(file: directory.path, problems: ["no templates (is03-*.json) here; set IS03_TEMPLATES or run from the project folder"])
        }
        var result = LoadedTemplates(all: [], versions: [:])
        for file in files {
            let template = try Template.load(from: file)
            result.all.append(template)
            result.versions[template.id] = SHA256.hex([UInt8](try Data(contentsOf: file)))
        }
        return result
    }

    public func template(_ id: String) -> Template? { all.first { $0.id == id } }
}

extension LoadedTemplates {
    /// Each template's special-category table (`categories-<year>.json` written for it, checked
    /// against it), keyed by template id; a template without one scores everyone on the full
    /// criteria set. One rule, the domain's: `CategoryTable.load(for:in:)`.
    public func categoryTables(in directory: URL) throws -> [String: CategoryTable] {
        var tables: [String: CategoryTable] = [:]
        for template in all { tables[template.id] = try CategoryTable.load(for: template, in: directory) }
        return tables
    }
}
