import Foundation
import Hummingbird
import IS03Core
import IS03Storage

extension ReviewService {
    /// The answer to a withdrawn item (re-assembly no longer needs it), in the operator's words.
    static let withdrawn = HTTPError(.notFound, message: "Этого вопроса больше нет: бланк пересчитан, и решение по нему не нужно. Ничего не сохранено.")

    /// A group's name for the operator: what the items are about and why they were queued, in
    /// words (the field's label in the newest template that has it).
    func groupLabel(fieldID: String, reason: String) -> String {
        let base = ReviewSubject.baseFieldID(fieldID)
        let field = templates.templates.sorted { $0.key > $1.key }.lazy.compactMap { $0.value.field(base) }.first
        return ReviewSubject(fieldID: fieldID, field: field).label + " — " + ReasonText.of(reason)
    }

    /// The item's answer as the domain's decision model accepts it, or a 400 saying in Russian
    /// what is wrong and what the item takes.
    func check(_ value: String, note: String?, fieldID: String, reason: String, templateID: String?) async throws -> ReviewDecision {
        let field = templates.field(ReviewSubject.baseFieldID(fieldID), templateID: templateID)
        let model = ReviewDecisionModel(reasonCode: reason, fieldID: fieldID, field: field)
        // The one id this answer could name, looked up on the current list.
        let id = value.trimmingCharacters(in: .whitespaces)
        let listed = model.answers.contains(.participant) && !id.isEmpty ? try await people.label(of: id) != nil : false
        do throws(ReviewRefusal) {
            return try model.check(value: value, note: note, isOnList: { $0 == id && listed })
        } catch {
            throw HTTPError(.badRequest, message: error.message)
        }
    }
}
