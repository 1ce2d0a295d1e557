import IS03Storage

/// Page id → the template id its reading was made with, loaded once per page. A page read again
/// with another template keeps its old entry until the station restarts; that only changes
/// which labels and value checks the screen uses, never what is stored.
actor PageTemplateCache {
    private let store: any ResultStore
    private var known = LRUCache<Int64, String>(capacity: 20_000)

    init(store: any ResultStore) { self.store = store }

    func templateID(of pageID: Int64) async throws -> String? {
        if let id = known[pageID] { return id }
        guard let id = try await store.page(id: pageID)?.templateID else { return nil }
        known[pageID] = id
        return id
    }
}
