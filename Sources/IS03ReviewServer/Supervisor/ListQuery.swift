import Foundation
import IS03Core
import IS03Storage

/// The filters and the page number of a supervisor's list, read from the query string; every
/// empty parameter means «any». Lists are paged (`pageSize` rows), never cut.
struct ListQuery: Sendable {
    static let pageSize = 100
    /// Parameter names in the order links write them.
    static let names = ["reason", "field", "state", "status", "oo", "auditorium"]

    var values: [String: String] = [:]
    var page = 1

    init(_ parameters: [String: String]) {
        for name in Self.names {
            let value = (parameters[name] ?? "").trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { values[name] = value }
        }
        page = max(1, Int(parameters["page"] ?? "") ?? 1)
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Where a review item's page belongs, from its result (nil for a page without one).
    struct Place: Sendable { var oo: String?; var auditorium: String? }

    /// Item states a supervisor filters by: `open` (nobody holds it), `held` (leased to an
    /// operator right now), `deferred`.
    func matches(_ item: ReviewItem, place: Place?, now: Date) -> Bool {
        if let reason = self["reason"], item.reason != reason { return false }
        if let field = self["field"], item.fieldID != field { return false }
        if let state = self["state"], Self.state(of: item, now: now) != state { return false }
        return matchesPlace(place)
    }

    func matchesPlace(_ place: Place?) -> Bool {
        if let oo = self["oo"], place?.oo != oo { return false }
        if let auditorium = self["auditorium"], place?.auditorium != auditorium { return false }
        return true
    }

    static func state(of item: ReviewItem, now: Date) -> String {
        if item.state == .deferred { return "deferred" }
        if let until = item.leaseUntil, until > now, item.assignedOperator != nil { return "held" }
        return "open"
    }

    /// The rows of this page out of `rows`.
    func slice<Row>(_ rows: [Row]) -> ArraySlice<Row> {
        let start = min((page - 1) * Self.pageSize, rows.count)
        return rows[start..<min(start + Self.pageSize, rows.count)]
    }

    /// `path` with these filters and page `page`, for links.
    func link(_ path: String, page: Int) -> String {
        var parts = Self.names.compactMap { name in values[name].map { "\(name)=\(Self.encode($0))" } }
        if page > 1 { parts.append("page=\(page)") }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }

    /// «Показаны 101–200 из 345» with links to the pages before and after.
    func pager(_ path: String, total: Int) -> String {
        let start = (page - 1) * Self.pageSize
        let first = start < total ? start + 1 : 0
        let last = start < total ? min(start + Self.pageSize, total) : 0
        var html = "<p class=\"pager\">Показаны \(first)–\(last) из \(total)"
        if page > 1 { html += " · <a href=\"\(HTML.escape(link(path, page: page - 1)))\" rel=\"prev\">← назад</a>" }
        if start + Self.pageSize < total { html += " · <a href=\"\(HTML.escape(link(path, page: page + 1)))\" rel=\"next\">дальше →</a>" }
        return html + "</p>"
    }

    /// A `<select>` of `options` (value, label) with «все» first and this query's value chosen.
    func select(_ name: String, label: String, options: [(String, String)]) -> String {
        let chosen = self[name]
        let items = [("", "все")] + options
        let html = items.map { value, text in
            "<option value=\"\(HTML.escape(value))\"\(value == (chosen ?? "") ? " selected" : "")>\(HTML.escape(text))</option>"
        }.joined()
        return "<label>\(HTML.escape(label)) <select name=\"\(name)\">\(html)</select></label>"
    }

    static func encode(_ value: String) -> String {
        // ASCII only: Cyrillic values are percent-encoded too, as a form would send them.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
