import HTTPTypes
import Hummingbird

/// Adds the security headers to every response, errors included: a Content Security Policy that
/// allows only our own script and style files (no inline script, no framing), no MIME sniffing,
/// no referrer, and `Cache-Control: no-store` on everything but the static files, since pages,
/// API answers and images carry personal data.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ReviewRequestContext

    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Anything else (a database failure) is logged here and answered without details:
            // messages may name files or values that are not for the browser.
            context.logger.error("review station: \(request.method) \(request.uri.path) failed: \(error)")
            response = Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "Ошибка сервера; подробности в журнале станции.")))
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        } else {
            response.headers[.cacheControl] = "private, max-age=300"
        }
        return response
    }
}
