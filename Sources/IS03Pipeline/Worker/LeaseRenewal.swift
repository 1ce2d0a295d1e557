import Foundation

/// Keeps a lease alive while its work is in hand: renews it every third of its length, so
/// two renewals may fail before it runs out. A worker that dies stops renewing, and what it
/// held is offered to the others once the lease lapses. One rule for page claims and for the
/// `assemble` job lock.
struct LeaseRenewal: Sendable {
    private let task: Task<Void, Never>

    /// Starts renewing with `renew` (errors are ignored: the next attempt may succeed, and a
    /// lost lease is found out where the work is stored).
    init(leaseSeconds: Int, renew: @escaping @Sendable () async throws -> Void) {
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Double(leaseSeconds) / 3))
                if Task.isCancelled { break }
                try? await renew()
            }
        }
    }

    func stop() { task.cancel() }
}
