import Foundation
import IS03Core

/// The form templates the station knows: the one ``TemplateCatalog`` the pipeline reads with,
/// under the name the station's code uses.
public typealias TemplateBook = TemplateCatalog

extension TemplateCatalog {
    /// Templates by id, as the station looks them up per page.
    public var templates: [String: Template] { byID }

    /// The field definition behind `fieldID` on a page read with `templateID`.
    public func field(_ fieldID: String, templateID: String?) -> Field? {
        templateID.flatMap(template)?.field(fieldID)
    }

    /// Ids of the fields that show who the participant is (surname, name, patronymic), for
    /// the crop of a page-level participant item.
    public func nameFieldIDs(templateID: String?) -> [String] {
        guard let template = templateID.flatMap(template) else { return ["surname", "name", "patronymic"] }
        return [FieldRole.surname, .name, .patronymic].compactMap { template.field(role: $0)?.id }
    }
}
