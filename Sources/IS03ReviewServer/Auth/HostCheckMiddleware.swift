import Hummingbird

/// Refuses requests whose `Host` names a host the station does not serve (421), so a page of
/// another site whose name is pointed at this machine (DNS rebinding) cannot read its answers.
/// Only the name is compared; the port may differ behind a proxy.
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = ReviewRequestContext
    let allowed: Set<String>

    /// The configured names, or the listen address and the loopback names.
    init(configuration: ReviewServerConfiguration) {
        let names = configuration.allowedHosts.isEmpty
            ? [configuration.host, "localhost", "127.0.0.1", "::1"] : configuration.allowedHosts
        allowed = Set(names.map { Self.hostName($0) })
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authority = request.head.authority, allowed.contains(Self.hostName(authority)) else {
            context.logger.warning("review station: refused Host \(request.head.authority ?? "(none)") for \(request.uri.path)")
            // Plain text: whoever meets this typed an address into a browser.
            return Response(status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Станция не отвечает по этому адресу. Откройте её по "
                                + "адресу, который дал администратор (или добавьте имя в --allowed-host).")))
        }
        return try await next(request, context)
    }

    /// The host of `authority` in lower case, without port or IPv6 brackets:
    /// `Review.Example:443` → `review.example`, `[::1]:8080` → `::1`.
    static func hostName(_ authority: String) -> String {
        let text = authority.lowercased()
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        // More than one colon and no brackets: a bare IPv6 address (as configured), no port.
        if text.filter({ $0 == ":" }).count > 1 { return text }
        return String(text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
