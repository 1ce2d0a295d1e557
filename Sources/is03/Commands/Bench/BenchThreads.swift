import Foundation

/// Runs `work` for every index in 0..<count on `threads` threads, each taking the next index
/// when it is free. Each thread makes its own state first (a `SheetReader` is not shared
/// between threads). The first error stops the hand-out and is rethrown.
enum BenchThreads {
    static func run(threads: Int, count: Int, _ work: @escaping @Sendable (Int) throws -> Void) throws {
        try run(threads: threads, count: count, state: { () }, { _, index in try work(index) })
    }

    static func run<State>(threads: Int, count: Int, state makeState: @escaping @Sendable () throws -> State,
                           _ work: @escaping @Sendable (inout State, Int) throws -> Void) throws {
        let queue = WorkQueue(count: count)
        let group = DispatchGroup()
        for _ in 0..<max(1, threads) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    var state = try makeState()
                    while let index = queue.take() { try work(&state, index) }
                } catch { queue.fail(error) }
            }
        }
        group.wait()
        if let failure = queue.failure { throw failure }
    }
}

/// The next index to hand out, and the first failure, behind a lock.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private(set) var failure: Error?

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard failure == nil, next < count else { return nil }
        next += 1
        return next - 1
    }

    func fail(_ error: Error) { lock.lock(); if failure == nil { failure = error }; lock.unlock() }
}
