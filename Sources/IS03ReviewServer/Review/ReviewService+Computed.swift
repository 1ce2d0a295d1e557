import IS03Core
import IS03Storage

extension ReviewService {
    /// The total the criteria marks sum to as read, for an item where the expert's total or
    /// verdict disagrees with it, so the operator sees both numbers side by side; nil for other
    /// items. Scored with the standard category: the pipeline's message («Подробно») carries
    /// the participant's own category when it differs.
    func computedTotal(of item: ReviewItem, templateID: String?) async throws -> Int? {
        switch ReviewReason(rawValue: item.reason) {
        case .totalMismatch?, .verdictMismatch?: break
        default: return nil
        }
        guard let template = templateID.flatMap({ templates.templates[$0] }),
              let reading = try await store.page(id: item.pageID)?.reading else { return nil }
        let engine = ScoringEngine(template: template, categories: .standardOnly(for: template))
        return engine.score(reading, categoryID: nil).total
    }
}
