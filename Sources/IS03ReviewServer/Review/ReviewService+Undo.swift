import Foundation
import Hummingbird
import IS03Core
import IS03Storage

extension ReviewService {
    /// Takes back `account`'s own decision on an item and hands the item back to them, open,
    /// to be answered again. Refused (nothing changes) unless the item is decided and the
    /// decision in force on it is this account's: a supervisor's correction or another
    /// operator's later decision supersedes it, and re-assembly that withdrew or re-queued the
    /// item leaves nothing to undo.
    func undo(itemID: Int64, account: Account) async throws -> ItemView {
        guard let item = try await store.reviewItem(id: itemID) else {
            throw HTTPError(.notFound, message: "Такого вопроса нет: отменять нечего.")
        }
        let decision = try await store.decisions(pageID: item.pageID).first { $0.itemID == itemID }
        guard item.state == .decided, let decision else {
            throw HTTPError(.conflict, message: "Это решение уже нельзя отменить: вопрос не решён или решение заменено.")
        }
        guard decision.operatorName == account.name else {
            throw HTTPError(.forbidden, message: "Отменить можно только своё решение; это решение принял(а) \(decision.operatorName).")
        }
        try await store.reopen(itemID: itemID, actor: account.name,
                               note: "оператор отменил своё решение «\(decision.value)»")
        // Re-opened items are free for anyone; take it at once. Should someone lease it in
        // between, their decision is refused (they no longer hold it), never overwritten.
        let held = try await store.holdLease(itemID: itemID, operatorName: account.name,
                                             leaseSeconds: configuration.leaseSeconds, force: true)
        guard held.state == .open else {
            throw HTTPError(.conflict, message: "Вопрос уже решён заново другим оператором: ничего не изменено.")
        }
        await configuration.onDecision?(item.pageID)
        return try await view(of: held, for: account)
    }

    /// How many items wait in the queue (open, whoever holds them), and in the group of
    /// `fieldID`/`reason` when one is named: the operator's counters.
    func remaining(fieldID: String?, reason: String?) async throws -> (queue: Int, group: Int?) {
        let groups = try await store.reviewGroups()
        let queue = groups.reduce(0) { $0 + $1.count }
        guard fieldID != nil || reason != nil else { return (queue, nil) }
        let group = groups.filter { (fieldID == nil || $0.fieldID == fieldID) && (reason == nil || $0.reason == reason) }
            .reduce(0) { $0 + $1.count }
        return (queue, group)
    }
}
