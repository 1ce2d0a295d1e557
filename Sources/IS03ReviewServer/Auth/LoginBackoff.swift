import Foundation

/// How long a login key (an account name from one address, or an address) waits after failed
/// attempts: after `freeFailures` failures the next attempt waits `base` seconds, and each
/// further failure doubles the wait, up to `cap`. A wait, never a lockout: the attacker is slowed to one guess per `cap`,
/// the person who mistyped waits seconds.
public struct LoginBackoff: Sendable, Hashable {
    public var freeFailures: Int
    public var base: TimeInterval
    public var cap: TimeInterval

    public init(freeFailures: Int, base: TimeInterval, cap: TimeInterval) {
        self.freeFailures = freeFailures; self.base = base; self.cap = cap
    }

    /// Seconds to wait after the last of `failures` failures before the next attempt.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 0, failures >= freeFailures else { return 0 }
        let doublings = min(failures - freeFailures, 40)
        return min(cap, base * pow(2, Double(doublings)))
    }
}
