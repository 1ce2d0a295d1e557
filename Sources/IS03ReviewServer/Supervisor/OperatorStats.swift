import Foundation
import IS03Storage

/// What each account did today, from the audit trail (every decision, deferral and opinion is
/// an audit entry with its actor and time): decisions today and in the last hour, the pace over
/// the time it worked, deferrals and double-verification opinions.
struct OperatorStats: Equatable {
    var name: String
    var decidedToday = 0
    var decidedLastHour = 0
    var deferredToday = 0
    var opinionsToday = 0
    var first: Date?
    var last: Date?

    /// Decisions per hour between the first and the last of today's actions; a span under five
    /// minutes counts as five, so three quick answers do not read as hundreds an hour.
    var perHour: Double {
        guard let first, let last, decidedToday + opinionsToday > 0 else { return 0 }
        let hours = max(last.timeIntervalSince(first), 300) / 3600
        return Double(decidedToday + opinionsToday) / hours
    }

    /// Today's work of every account in `entries` (review item entries), busiest first.
    /// `accounts` are the names counted: the pipeline's own entries (re-opening a re-read
    /// field, withdrawing an item) are not anybody's work.
    static func today(_ entries: [AuditEntry], accounts: Set<String>, now: Date, time: LocalTime) -> [OperatorStats] {
        let midnight = time.startOfDay(now)
        let hourAgo = now.addingTimeInterval(-3600)
        var byName: [String: OperatorStats] = [:]
        for entry in entries where entry.entity == "review_item" && entry.at >= midnight && accounts.contains(entry.actor) {
            guard let kind = Kind(entry) else { continue }
            var stats = byName[entry.actor] ?? OperatorStats(name: entry.actor)
            switch kind {
            case .decision:
                stats.decidedToday += 1
                if entry.at >= hourAgo { stats.decidedLastHour += 1 }
            case .deferral: stats.deferredToday += 1
            case .opinion: stats.opinionsToday += 1
            }
            stats.first = min(stats.first ?? entry.at, entry.at)
            stats.last = max(stats.last ?? entry.at, entry.at)
            byName[entry.actor] = stats
        }
        return byName.values.sorted { ($0.decidedToday + $0.opinionsToday, $1.name) > ($1.decidedToday + $1.opinionsToday, $0.name) }
    }

    enum Kind {
        case decision, deferral, opinion

        /// What a review item's audit entry records, or nil for the rest (re-opening,
        /// opening for a correction).
        init?(_ entry: AuditEntry) {
            let to = entry.to ?? ""
            if entry.field == "state" {
                guard to.hasPrefix("deferred") else { return nil }
                self = .deferral
            } else if to.hasPrefix("opinion: ") {
                self = .opinion
            } else if to == "opened for correction" || to.hasPrefix("open: ") || to.hasPrefix("withdrawn: ") {
                return nil
            } else {
                self = .decision
            }
        }
    }
}
