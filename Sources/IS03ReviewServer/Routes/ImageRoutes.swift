import Foundation
import Hummingbird
import IS03Storage

/// Pictures of review items. Images are addressed by item id only (never by a path), and an
/// operator gets only the pictures of items leased to them right now: knowing an id is not
/// enough to see someone's sheet. Supervisors see any item.
struct ImageRoutes {
    let store: any ReviewQueueStore
    let images: PageImages

    func add(to router: Router<ReviewRequestContext>) {
        router.get("/img/items/{id}/crop.png") { _, context in
            let (item, page) = try await itemAndPage(context)
            return Self.png(try await images.crop(item: item, page: page))
        }
        router.get("/img/items/{id}/sheet.png") { _, context in
            let (item, page) = try await itemAndPage(context)
            return Self.png(try await images.sheet(item: item, page: page))
        }
    }

    private func itemAndPage(_ context: ReviewRequestContext) async throws -> (ReviewItem, StoredPage) {
        let account = try context.requireAccount()
        let id = try context.parameters.require("id", as: Int64.self)
        guard let item = try await store.reviewItem(id: id),
              account.role == .supervisor || (item.state == .open && item.assignedOperator == account.name),
              let page = try await store.page(id: item.pageID) else {
            // The same answer for "no such item" and "not yours": ids reveal nothing.
            throw HTTPError(.notFound, message: "Такого вопроса в вашей очереди нет.")
        }
        return (item, page)
    }

    static func png(_ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "image/png"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
