import Foundation

/// Failed logins per key, with backoff (``LoginBackoff``) instead of a lockout, so passwords
/// cannot be guessed at speed and one person's typos do not stop anyone else.
///
/// Two keys per attempt: the account name from the client's address, and the address alone
/// (with a larger allowance). There is no key for a name across addresses: anyone could then
/// keep a colleague out by typing their name wrongly.
actor LoginThrottle {
    struct Policy: Sendable {
        var account: LoginBackoff
        var address: LoginBackoff
        /// Failures older than this are forgotten.
        var window: TimeInterval
    }

    /// The keys of one attempt.
    struct Keys: Sendable {
        var account: String
        var address: String

        init(name: String, address: String?) {
            let from = address ?? "?"
            account = "account:" + name.lowercased() + "@" + from
            self.address = "address:" + from
        }
    }

    private let policy: Policy
    private var failures: [String: [Date]] = [:]
    /// A key past its cap gains nothing by remembering more failures.
    private let kept = 64

    init(_ policy: Policy) { self.policy = policy }

    /// Seconds until this attempt may be checked (0: now). An admitted attempt is counted as a
    /// failure of its account key at once and taken back by ``succeeded(_:)``, so a burst of
    /// parallel guesses is held back like guesses one after another.
    func admit(_ keys: Keys, now: Date = Date()) -> Int {
        let wait = max(waiting(keys.account, policy.account, now), waiting(keys.address, policy.address, now))
        guard wait <= 0 else { return max(1, Int(wait.rounded(.up))) }
        append(keys.account, now)
        return 0
    }

    /// The admitted attempt failed: the address key counts it too (the account key already does).
    func failed(_ keys: Keys, now: Date = Date()) {
        append(keys.address, now)
    }

    /// The right password: this name from this address starts afresh. The address keeps its
    /// count, or an attacker with one valid account could clear it between guesses.
    func succeeded(_ keys: Keys) {
        failures[keys.account] = nil
    }

    private func waiting(_ key: String, _ backoff: LoginBackoff, _ now: Date) -> TimeInterval {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < policy.window }
        failures[key] = recent.isEmpty ? nil : recent
        guard let last = recent.last else { return 0 }
        return backoff.delay(afterFailures: recent.count) - now.timeIntervalSince(last)
    }

    private func append(_ key: String, _ now: Date) {
        var list = failures[key, default: []]
        list.append(now)
        if list.count > kept { list.removeFirst(list.count - kept) }
        failures[key] = list
        // Keep memory bounded when someone sprays names.
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < policy.window } }
        }
    }
}
