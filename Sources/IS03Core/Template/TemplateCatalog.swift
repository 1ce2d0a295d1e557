import Foundation

/// Every form template a run knows, found, checked and versioned in one place: the pipeline
/// reads and assembles with it, the recognition engine registers against it, and the review
/// station labels fields from it. A new year's form is a new `is03-*.json` file in the folder.
public struct TemplateCatalog: Sendable {
    /// Templates in file-name order (`is03-2018`, then `is03-2023`, …).
    public private(set) var all: [Template]
    /// Template id → version (the SHA-256 of its JSON file), recorded with every page so that
    /// `is03 reprocess` finds pages read with an older version of a template.
    public private(set) var versions: [String: String]

    public init(_ templates: [Template], versions: [String: String] = [:]) {
        all = templates
        self.versions = versions
    }

    /// Template files are the folder's `is03-*.json`; other JSON there (category tables,
    /// tuning) is not a form.
    public static func isTemplateFile(_ url: URL) -> Bool {
        url.pathExtension == "json" && url.lastPathComponent.hasPrefix("is03-")
    }

    /// The template files in `directory`, in name order; throws naming the folder and what to
    /// do when it cannot be read or holds none.
    public static func templateFiles(in directory: URL) throws -> [URL] {
        let listed: [URL]
        do { listed = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) } catch {
            throw TemplateError(file: directory.path, problems: ["the templates folder cannot be read (no such folder, or no permission); "
                                                                 + "pass --templates DIR, set IS03_TEMPLATES or run from the project folder"])
        }
        let files = listed.filter(isTemplateFile).sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else {
            throw TemplateError(file: directory.path, problems: ["no templates (is03-*.json) here; set IS03_TEMPLATES or run from the project folder"])
        }
        return files
    }

    /// Loads and validates every template in `directory`; throws naming the first broken file.
    /// `fingerprint` turns a file's bytes into its version (Core has no hash of its own: the
    /// callers pass SHA-256, see `TemplateCatalog.load(from:)` in IS03Vision).
    public static func load(from directory: URL, fingerprint: ([UInt8]) -> String) throws -> TemplateCatalog {
        var catalog = TemplateCatalog([])
        for file in try templateFiles(in: directory) {
            let data: Data
            do { data = try Data(contentsOf: file) } catch {
                throw TemplateError(file: file.path, problems: ["cannot read the file: \(error.localizedDescription)"])
            }
            let template = try Template.decode(data, file: file.path)
            guard catalog.template(template.id) == nil else {
                throw TemplateError(file: file.path, problems: ["id `\(template.id)` is already used by another file in \(directory.path)"])
            }
            catalog.all.append(template)
            catalog.versions[template.id] = fingerprint([UInt8](data))
        }
        return catalog
    }

    public func template(_ id: String) -> Template? { all.first { $0.id == id } }

    /// Templates by id, for look-ups per page.
    public var byID: [String: Template] { Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) }

    /// The newest form (highest year; of equal years the last by id): what a demo or a blank
    /// print uses when no template is named.
    public var newest: Template? { all.max { ($0.year, $0.id) < ($1.year, $1.id) } }

    /// Each template's special-category table (`categories-<year>.json` written for it, checked
    /// against it), keyed by template id; a template without one scores everyone on the full
    /// criteria set. One rule, the domain's: `CategoryTable.load(for:in:)`.
    public func categoryTables(in directory: URL) throws -> [String: CategoryTable] {
        var tables: [String: CategoryTable] = [:]
        for template in all { tables[template.id] = try CategoryTable.load(for: template, in: directory) }
        return tables
    }
}
