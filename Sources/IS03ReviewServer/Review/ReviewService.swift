import Foundation
import Hummingbird
import IS03Core
import IS03Storage

/// The review station's work with the database: handing out items (with prefetch), deciding
/// them (holding the lease first, double verification when on), corrections and re-opening by
/// supervisors, and what the screens show. Every decision goes through ``ResultStore/decide``,
/// which writes the audit trail with the operator and the time.
struct ReviewService: Sendable {
    let store: any ReviewQueueStore
    let configuration: ReviewServerConfiguration
    let templates: TemplateBook
    let people: ParticipantDirectory
    let images: PageImages
    /// Which template each page was read with, remembered: the queue asks for every item, and
    /// loading the page's whole reading for it would cost more than the rest of the request.
    let pageTemplates: PageTemplateCache
    /// Which browser tab of an operator holds which items, so two tabs never show the same ones.
    let tabs: TabLeases

    init(store: any ReviewQueueStore, configuration: ReviewServerConfiguration, templates: TemplateBook, images: PageImages) {
        self.store = store; self.configuration = configuration; self.templates = templates; self.images = images
        people = ParticipantDirectory(store: store)
        pageTemplates = PageTemplateCache(store: store)
        tabs = TabLeases(idle: TimeInterval(configuration.leaseSeconds), perTab: configuration.maxHeldItems)
    }

    // MARK: The queue

    /// Leases up to `count` items for `account` (a group when `fieldID`/`reason` are given),
    /// skipping those it already holds in `excluding`; at most `leaseBatchLimit` at once and
    /// `maxHeldItems` held in all (429 when the account holds that many already).
    func lease(for account: Account, count: Int, fieldID: String?, reason: String?, excluding: [Int64]) async throws -> [ItemView] {
        let filter = ReviewLeaseFilter(fieldID: fieldID, reason: reason, excluding: excluding,
                                       includeDisagreements: account.role == .supervisor, maxHeld: configuration.maxHeldItems)
        let items = try await store.leaseReviewItems(operatorName: account.name, leaseSeconds: configuration.leaseSeconds,
                                                     filter: filter, limit: min(max(1, count), configuration.leaseBatchLimit))
        if items.isEmpty, try await store.heldLeaseCount(operatorName: account.name) >= configuration.maxHeldItems {
            throw HTTPError(.tooManyRequests, message: "У вас на руках уже \(configuration.maxHeldItems) пунктов — больше "
                            + "держать нельзя. Решите их или закройте лишние вкладки: пункты вернутся в очередь.")
        }
        var views: [ItemView] = []
        for item in items {
            views.append(try await view(of: item, for: account))
            // Cut the pictures now, so they are in memory when the page asks for them.
            images.warm(item: item, store: store)
        }
        return views
    }

    /// Records `value` for the item: checks the value fits the field, that `account` holds the
    /// item, then decides it (or records an opinion under double verification).
    func decide(itemID: Int64, value rawValue: String, note: String? = nil, account: Account) async throws -> DecisionOutcome {
        guard let item = try await store.reviewItem(id: itemID) else { throw Self.withdrawn }
        let checked = try await check(rawValue, note: note, fieldID: item.fieldID, reason: item.reason,
                                      templateID: try await pageTemplates.templateID(of: item.pageID))
        let value = checked.value
        do {
            _ = try await store.holdLease(itemID: itemID, operatorName: account.name,
                                          leaseSeconds: configuration.leaseSeconds, force: false)
        } catch let error as StorageError where error.code == .invalidState {
            throw HTTPError(.conflict, message: "Этот вопрос уже не ваш (его взял другой оператор или истекло время). Ничего не сохранено; берите следующий.")
        } catch let error as StorageError where error.code == .notFound {
            throw Self.withdrawn
        }
        var status = "decided"
        if configuration.doubleVerification, account.role == .operator {
            let opinions = try await store.recordOpinion(itemID: itemID, operatorName: account.name, value: value)
            let distinctOperators = Set(opinions.map(\.operatorName))
            let distinctValues = Set(opinions.map(\.value))
            if distinctOperators.count < 2 {
                return DecisionOutcome(status: "awaiting-second", itemID: itemID, value: value)
            }
            guard distinctValues.count == 1 else {
                return DecisionOutcome(status: "disagreement", itemID: itemID, value: value)
            }
            let agreed = "double verification: \(distinctOperators.sorted().joined(separator: ", ")) agree"
            _ = try await store.decide(itemID: itemID, operatorName: account.name, value: value,
                                       reason: checked.note.map { agreed + "; " + $0 } ?? agreed)
        } else {
            _ = try await store.decide(itemID: itemID, operatorName: account.name, value: value, reason: checked.note)
        }
        await configuration.onDecision?(item.pageID)
        status = "decided"
        return DecisionOutcome(status: status, itemID: itemID, value: value)
    }

    /// Puts an item aside (it stays outstanding; a supervisor re-opens it).
    func deferItem(itemID: Int64, note: String?, account: Account) async throws {
        do {
            _ = try await store.holdLease(itemID: itemID, operatorName: account.name,
                                          leaseSeconds: configuration.leaseSeconds, force: false)
        } catch let error as StorageError where error.code == .invalidState {
            throw HTTPError(.conflict, message: "Этот вопрос уже не ваш (его взял другой оператор или истекло время). Берите следующий.")
        } catch let error as StorageError where error.code == .notFound {
            throw Self.withdrawn
        }
        try await store.deferItem(itemID: itemID, operatorName: account.name, note: note)
    }

    // MARK: Supervisors

    /// Sets any field of a page to `value`, with a reason, through the field's review item
    /// (created when the pipeline never queued that field).
    func correct(pageID: Int64, fieldID: String, value rawValue: String, reason: String, supervisor: Account) async throws -> DecisionOutcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HTTPError(.badRequest, message: "Укажите причину исправления.") }
        guard let page = try await store.page(id: pageID) else { throw HTTPError(.notFound, message: "Такого бланка нет.") }
        let field = page.reading?.field(fieldID)
        guard field != nil || fieldID.hasPrefix("@") else { throw HTTPError(.badRequest, message: "На бланке нет поля \(fieldID).") }
        // Checked before the correction's item exists, so a refused value leaves nothing behind.
        let value = try await check(rawValue, note: reason, fieldID: fieldID, reason: "supervisor-correction",
                                    templateID: page.templateID).value
        let fingerprint = field.map(FieldFingerprint.of) ?? FieldFingerprint.of(machineValue: nil, candidates: [])
        let item = try await store.reviewItemForCorrection(pageID: pageID, fieldID: fieldID, machineValue: field?.value,
                                                           readingFingerprint: fingerprint, reason: "supervisor-correction",
                                                           actor: supervisor.name)
        _ = try await store.holdLease(itemID: item.id, operatorName: supervisor.name, leaseSeconds: configuration.leaseSeconds, force: true)
        _ = try await store.decide(itemID: item.id, operatorName: supervisor.name, value: value, reason: reason)
        await configuration.onDecision?(pageID)
        return DecisionOutcome(status: "decided", itemID: item.id, value: value)
    }

    // MARK: Presentation

    func view(of item: ReviewItem, for account: Account) async throws -> ItemView {
        let templateID = try await pageTemplates.templateID(of: item.pageID)
        let field = templates.field(ReviewSubject.baseFieldID(item.fieldID), templateID: templateID)
        let model = ReviewDecisionModel(reasonCode: item.reason, fieldID: item.fieldID, field: field)
        let isParticipant = model.subject == .participant
        var candidates: [ItemView.Candidate] = []
        for candidate in item.candidates {
            let label = isParticipant ? try await people.label(of: candidate.value) : nil
            let boxes = isParticipant ? try await people.nameInBoxes(of: candidate.value) : nil
            candidates.append(.init(value: candidate.value, confidence: candidate.confidence, label: label, nameInBoxes: boxes))
        }
        let opinions = account.role == .supervisor ? try await store.opinions(itemID: item.id).map { "\($0.operatorName): \($0.value)" } : []
        let length: Int? = switch field?.kind {
        case .digits: field?.columns
        // The expert's surname is answered with the initials («СЕДЫХ Д.Д.»), longer than its boxes.
        case .letters: field?.role == .expertSurname ? nil : field?.count
        default: nil
        }
        return ItemView(id: item.id, pageID: item.pageID, fieldID: item.fieldID, fieldLabel: model.subject.label,
                        kind: ItemView.kind(of: model.subject), values: field.map(Self.allowedValues) ?? [], length: length,
                        reason: item.reason, reasonText: ReasonText.of(item.reason), message: item.message,
                        machineValue: item.machineValue,
                        confidence: Self.shownConfidence(item, subject: model.subject), candidates: candidates,
                        computedTotal: try await computedTotal(of: item, templateID: templateID),
                        answers: ItemView.answers(model), opinions: opinions,
                        cropURL: "/img/items/\(item.id)/crop.png", sheetURL: "/img/items/\(item.id)/sheet.png")
    }

    /// The confidence of what the item shows as read, or nil when it has none of its own: a
    /// match item shows the name as read while its confidence is the top candidate's (shown with
    /// that candidate), and a page or sheet finding shows no reading at all.
    static func shownConfidence(_ item: ReviewItem, subject: ReviewSubject) -> Double? {
        switch subject {
        case .field, .unknownField: item.confidence
        case .participant, .page, .sheet, .list: nil
        }
    }

    static func allowedValues(_ field: Field) -> [String] {
        switch field.kind {
        case .choice: field.values ?? []
        case .flag: ["0", "1"]
        default: []
        }
    }
}
