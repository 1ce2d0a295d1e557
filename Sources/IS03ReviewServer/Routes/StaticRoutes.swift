import Hummingbird

/// The station's script and style sheet: files, not inline code, so the CSP can forbid inline
/// script. They contain no data and are the only things served without login.
struct StaticRoutes {
    func add(to router: Router<ReviewRequestContext>) {
        router.get("/static/review.js") { _, _ in Self.file(ReviewScript.source, type: "text/javascript; charset=utf-8") }
        router.get("/static/review.css") { _, _ in Self.file(ReviewStyle.source, type: "text/css; charset=utf-8") }
        // Browsers ask for it on their own; without this answer they would land on /login.
        router.get("/favicon.ico") { _, _ in HTTPResponse.Status.noContent }
    }

    static func file(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
