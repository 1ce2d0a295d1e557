import Foundation
import HTTPTypes
import Hummingbird

/// The address a login attempt is counted against: the connection's peer, or, when the peer
/// is one of the configured TLS proxies, the client it forwarded (`X-Forwarded-For`, read from
/// the right, skipping our own proxies; what a client wrote further left is not believed).
enum ClientAddress {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    static func of(_ request: Request, peer: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let hops = request.headers[values: forwardedFor]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        // A proxy that forwarded no client (a health check) is its own client.
        return hops.reversed().first { !trustedProxies.contains($0) } ?? peer
    }
}
