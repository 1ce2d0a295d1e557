import Foundation

/// Which items each browser tab of an operator holds, so two tabs of one operator never show
/// the same items. The store leases to the operator (one bound for all their tabs) and hands
/// back what the operator holds already; this keeps the items another tab holds out of a tab's
/// lease. In memory: a restarted station forgets the tabs, and the next lease of each tab starts
/// a fresh set (the store's leases still bound the operator).
actor TabLeases {
    private struct Tab { var items: [Int64]; var seen: Date }
    private var tabs: [String: [String: Tab]] = [:]
    /// A tab unheard of this long is closed (its items' leases have run out by then).
    private let idle: TimeInterval
    /// Items remembered per tab: more than an operator may hold at all is never needed.
    private let perTab: Int

    init(idle: TimeInterval, perTab: Int) { self.idle = idle; self.perTab = perTab }

    /// The items `operatorName`'s other tabs hold (to keep out of `tab`'s lease).
    func heldByOtherTabs(operatorName: String, tab: String, now: Date = Date()) -> [Int64] {
        tabs[operatorName] = tabs[operatorName]?.filter { $0.key == tab || now.timeIntervalSince($0.value.seen) < idle }
        return tabs[operatorName, default: [:]].filter { $0.key != tab }.flatMap(\.value.items)
    }

    /// Records that `tab` now holds `items` as well.
    func hold(_ items: [Int64], operatorName: String, tab: String, now: Date = Date()) {
        var entry = tabs[operatorName, default: [:]][tab] ?? Tab(items: [], seen: now)
        entry.items = Array((entry.items.filter { !items.contains($0) } + items).suffix(perTab))
        entry.seen = now
        tabs[operatorName, default: [:]][tab] = entry
    }

    /// Forgets items handed back, decided or deferred (in whichever tab held them).
    func forget(_ items: [Int64], operatorName: String) {
        guard var own = tabs[operatorName] else { return }
        for key in own.keys { own[key]?.items.removeAll { items.contains($0) } }
        tabs[operatorName] = own
    }
}
