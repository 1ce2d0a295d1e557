import Foundation
import IS03Core

/// The form templates the station knows, by id: field labels, kinds and allowed values for the
/// screen, and which fields hold the participant's name.
public struct TemplateBook: Sendable {
    public var templates: [String: Template]

    public init(_ templates: [Template] = []) {
        self.templates = Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads every `is03-*.json` in `directory`; throws naming the first broken file.
    public static func load(from directory: URL) throws -> TemplateBook {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && $0.lastPathComponent.hasPrefix("is03-") }
        return TemplateBook(try files.map { try Template.load(from: $0) })
    }

    /// The field definition behind `fieldID` on a page read with `templateID`.
    public func field(_ fieldID: String, templateID: String?) -> Field? {
        templateID.flatMap { templates[$0] }?.field(fieldID)
    }

    /// Ids of the fields that show who the participant is (surname, name, patronymic), for
    /// the crop of a page-level participant item.
    public func nameFieldIDs(templateID: String?) -> [String] {
        guard let template = templateID.flatMap({ templates[$0] }) else { return ["surname", "name", "patronymic"] }
        return [FieldRole.surname, .name, .patronymic].compactMap { template.field(role: $0)?.id }
    }
}
