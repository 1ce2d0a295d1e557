import Foundation
import HTTPTypes
import Hummingbird
import IS03Storage

/// Names of the cookies the station sets.
enum CookieName {
    static let session = "is03_session"
    /// Short-lived double-submit token that protects the login form itself.
    static let loginCSRF = "is03_login"
}

/// Finds the session of the request's cookie and enforces "everything behind login": anonymous
/// requests reach only the login page and the static script and style (which hold no data);
/// pages redirect to the login form, API and image requests get 401.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ReviewRequestContext
    let accounts: any AccountStore

    /// Paths an anonymous client may fetch.
    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path == "/favicon.ico" || path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[CookieName.session]?.value, SecretToken.isWellFormed(token) {
            context.session = try await accounts.session(tokenHash: SecretToken.hash(token))
        }
        if context.session == nil, !Self.isPublic(request.uri.path) {
            if request.method == .get, !request.uri.path.hasPrefix("/api/"), !request.uri.path.hasPrefix("/img/") {
                return Response.redirect(to: "/login", type: .normal)
            }
            throw HTTPError(.unauthorized, message: "Войдите в систему.")
        }
        return try await next(request, context)
    }
}

/// Refuses every state-changing request (anything but GET/HEAD) that does not echo the session's
/// CSRF token, in the `X-CSRF-Token` header (scripts) or the `_csrf` form field (forms). The login
/// form checks its own double-submit token.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ReviewRequestContext
    static let header = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.uri.path != "/login" else {
            return try await next(request, context)
        }
        guard let expected = context.session?.csrfToken else { throw HTTPError(.unauthorized, message: "Войдите в систему.") }
        var request = request
        var presented = request.headers[Self.header]
        if presented == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            presented = FormFields(String(buffer: body))["_csrf"]
        }
        guard let presented, SecretToken.equal(presented, expected) else {
            throw HTTPError(.forbidden, message: "Страница устарела: обновите её и повторите.")
        }
        return try await next(request, context)
    }
}
