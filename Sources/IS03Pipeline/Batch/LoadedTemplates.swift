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
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && $0.lastPathComponent.hasPrefix("is03-") }
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
    /// The special-category tables in `directory` (`categories-*.json`), keyed by the template
    /// each is written for and checked against it. A template without a table scores everyone
    /// by the full criteria set.
    public func categoryTables(in directory: URL) throws -> [String: CategoryTable] {
        struct Header: Decodable { var template: String }
        var tables: [String: CategoryTable] = [:]
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && $0.lastPathComponent.hasPrefix("categories-") }
        for file in files {
            let header: Header
            do { header = try JSONDecoder().decode(Header.self, from: Data(contentsOf: file)) } catch {
                throw CategoryTableError(file: file.path, problems: ["no `template` key: \(error)"])
            }
            guard let template = template(header.template) else {
                throw CategoryTableError(file: file.path, problems: ["written for unknown template `\(header.template)`"])
            }
            tables[template.id] = try CategoryTable.load(from: file, checkedAgainst: template)
        }
        return tables
    }
}
