import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connect to the server before the connection pool is used. The pool retries a
/// refused or silent server for about a minute before it gives up, so an operator with a wrong
/// host or port, or a server that is down, waited that long for the message; this says it at
/// once (refused) or after `timeout` seconds (no answer). It checks only that something
/// listens: a reachable server that is slow (migrating, loaded) is the pool's business.
enum ServerProbe {
    /// nil when a connection to `host`:`port` opened within `timeout` seconds; else why not.
    static func problem(host: String, port: Int, timeout: Double) -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &list)
        guard lookup == 0, let first = list else { return "the host name does not resolve: \(String(cString: gai_strerror(lookup)))" }
        defer { freeaddrinfo(list) }
        var last = "no address to try"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard socket >= 0 else { last = String(cString: strerror(errno)); continue }
            defer { close(socket) }
            _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
            if connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return nil }
            guard errno == EINPROGRESS else { last = String(cString: strerror(errno)); continue }
            var poll = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            let ready = Glibc.poll(&poll, 1, Int32(timeout * 1000))
            guard ready > 0 else { last = ready == 0 ? "no answer within \(Int(timeout)) s" : String(cString: strerror(errno)); continue }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(socket, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure == 0 { return nil }
            last = String(cString: strerror(failure))
        }
        return last
    }
}
