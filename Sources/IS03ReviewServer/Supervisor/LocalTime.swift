import Foundation

/// Times as a supervisor reads them: the station's own time zone (the server's), with its UTC
/// offset, so a page read from another region still says which clock it means.
struct LocalTime: Sendable {
    var timeZone: TimeZone = .current

    /// «08.12.2026 03:28:36 (UTC+03:00)».
    func full(_ date: Date) -> String {
        "\(format(date, "dd.MM.yyyy HH:mm:ss")) (\(offset(date)))"
    }

    /// «03:28» — within a page that already names the day and the offset.
    func clock(_ date: Date) -> String { format(date, "HH:mm") }

    /// «UTC+03:00»: the offset in force at `date`.
    func offset(_ date: Date) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "UTC\(sign)" + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// Midnight of `date`'s day in this time zone.
    func startOfDay(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: date)
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
