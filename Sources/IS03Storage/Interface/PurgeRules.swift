import Foundation

/// What both engines say alike about a purge.
public enum PurgeRules {
    /// Why a cutoff later than now is refused, and what to do.
    public static func futureCutoffMessage(_ cutoff: Date) -> String {
        let day = ISO8601DateFormatter.string(from: cutoff, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return "the cutoff \(day) is later than today: a purge destroys everything registered before it, this season's "
            + "data included; check the date (seed 003 §11: data is kept until 1 March of the following year), "
            + "or pass --force if this is really meant"
    }
}
