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
    }
    struct LeaseResponse: ResponseEncodable {
        var items: [ItemView]
    }
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
            let items = try await service.lease(for: account, count: ask.count ?? 1, fieldID: ask.fieldID,
                                                reason: ask.reason, excluding: ask.exclude ?? [])
            return LeaseResponse(items: items)
        }
        router.post("/api/queue/release") { request, context in
            let account = try context.requireAccount()
            let ask = try await request.decode(as: ReleaseRequest.self, context: context)
            try await service.store.releaseLeases(itemIDs: ask.ids, operatorName: account.name)
            return HTTPResponse.Status.noContent
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
            return try await service.decide(itemID: id, value: ask.value, note: ask.note, account: account)
        }
        router.post("/api/items/{id}/defer") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id", as: Int64.self)
            let ask = try await request.decode(as: DeferRequest.self, context: context)
            try await service.deferItem(itemID: id, note: ask.note, account: account)
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

extension DecisionOutcome: ResponseEncodable {}
