import Foundation
import Hummingbird
import IS03Storage

/// The queue page and its JSON API (the page's script drives everything by keyboard).
struct QueueRoutes {
    let service: ReviewService
    let configuration: ReviewServerConfiguration

    struct LeaseRequest: Decodable {
        var count: Int?
        var fieldID: String?
        var reason: String?
        var exclude: [Int64]?
        /// The browser tab asking (a random id per page load): items another tab of the same
        /// operator holds are not handed to this one.
        var tab: String?
    }
    struct LeaseResponse: ResponseEncodable {
        var items: [ItemView]
        /// Open items in the whole queue, and in the asked group, for the page's counters.
        var remaining: Int
        var remainingInGroup: Int?
    }
    struct UndoRequest: Decodable { var tab: String? }
    /// `note`: the operator's explanation, required by answers such as «принять как есть».
    struct DecisionRequest: Decodable { var value: String; var note: String? }
    struct DeferRequest: Decodable { var note: String? }
    struct ReleaseRequest: Decodable { var ids: [Int64] }
    struct Groups: ResponseEncodable {
        /// A group with its name in words («П1 — отметка прочитана неуверенно»).
        struct Group: Encodable { var fieldID: String; var reason: String; var count: Int; var label: String }
        var groups: [Group]
    }
    struct People: ResponseEncodable {
        struct Person: Encodable { var id: String; var label: String }
        var people: [Person]
        /// More people matched than are listed.
        var more: Bool
        /// What the operator should do (a query too short, a list cut), in Russian.
        var note: String?
    }

    func add(to router: Router<ReviewRequestContext>) {
        router.get("/queue") { request, context in
            _ = try context.requireAccount()
            let groups = request.uri.queryParameters["mode"] == "groups"
            return HTML.page(title: "Очередь — is03", session: context.session, bodyClass: "queue", body: """
                <div id="queue" data-mode="\(groups ? "groups" : "single")" data-prefetch="\(configuration.prefetchCount)" \
                data-group-size="\(configuration.groupSize)"></div>
                <noscript>Для работы очереди нужен JavaScript.</noscript>
                """)
        }
        router.post("/api/queue/lease") { request, context in
            let account = try context.requireAccount()
            let ask = try await request.decode(as: LeaseRequest.self, context: context)
            let tab = try Self.tab(ask.tab)
            var exclude = ask.exclude ?? []
            if let tab { exclude += await service.tabs.heldByOtherTabs(operatorName: account.name, tab: tab) }
            let items = try await service.lease(for: account, count: ask.count ?? 1, fieldID: ask.fieldID,
                                                reason: ask.reason, excluding: exclude)
            if let tab { await service.tabs.hold(items.map(\.id), operatorName: account.name, tab: tab) }
            let left = try await service.remaining(fieldID: ask.fieldID, reason: ask.reason)
            return LeaseResponse(items: items, remaining: left.queue, remainingInGroup: left.group)
        }
        router.post("/api/queue/release") { request, context in
            let account = try context.requireAccount()
            let ask = try await request.decode(as: ReleaseRequest.self, context: context)
            try await service.store.releaseLeases(itemIDs: ask.ids, operatorName: account.name)
            await service.tabs.forget(ask.ids, operatorName: account.name)
            return HTTPResponse.Status.noContent
        }
        router.post("/api/items/{id}/undo") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id", as: Int64.self)
            let ask = try await request.decode(as: UndoRequest.self, context: context)
            let tab = try Self.tab(ask.tab)
            let item = try await service.undo(itemID: id, account: account)
            if let tab { await service.tabs.hold([item.id], operatorName: account.name, tab: tab) }
            return item
        }
        router.get("/api/queue/groups") { _, context in
            _ = try context.requireAccount()
            return Groups(groups: try await service.store.reviewGroups().map {
                .init(fieldID: $0.fieldID, reason: $0.reason, count: $0.count, label: service.groupLabel(fieldID: $0.fieldID, reason: $0.reason))
            })
        }
        router.post("/api/items/{id}/decision") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id", as: Int64.self)
            let ask = try await request.decode(as: DecisionRequest.self, context: context)
            let outcome = try await service.decide(itemID: id, value: ask.value, note: ask.note, account: account)
            await service.tabs.forget([id], operatorName: account.name)
            return outcome
        }
        router.post("/api/items/{id}/defer") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id", as: Int64.self)
            let ask = try await request.decode(as: DeferRequest.self, context: context)
            try await service.deferItem(itemID: id, note: ask.note, account: account)
            await service.tabs.forget([id], operatorName: account.name)
            return HTTPResponse.Status.noContent
        }
        router.get("/api/participants") { request, context in
            _ = try context.requireAccount()
            let query = request.uri.queryParameters["q"].map(String.init) ?? ""
            let found = try await service.people.search(query)
            return People(people: found.people.map { .init(id: $0.id, label: $0.label) }, more: found.more, note: found.note)
        }
    }
}

extension QueueRoutes {
    /// A tab id as the page makes it (hex, at most 64 characters); nil when none was sent.
    static func tab(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        guard (1...64).contains(raw.count), raw.allSatisfy(\.isHexDigit) else {
            throw HTTPError(.badRequest, message: "Неверный номер вкладки: обновите страницу.")
        }
        return raw
    }
}

extension DecisionOutcome: ResponseEncodable {}
extension ItemView: ResponseEncodable {}
