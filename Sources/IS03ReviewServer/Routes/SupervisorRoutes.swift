import Foundation
import Hummingbird
import IS03Core
import IS03Storage

/// Supervisor pages (the lists are in ``SupervisorListRoutes``): one sheet with its overlay, result and history,
/// corrections with a reason, re-opening decisions, and the results export.
struct SupervisorRoutes {
    let service: ReviewService
    let images: PageImages
    let labels: SupervisorListRoutes
    var time = LocalTime()
    var store: any ReviewQueueStore { service.store }

    func add(to router: Router<ReviewRequestContext>) {
        router.get("/sheets/{id}") { _, context in
            _ = try context.requireSupervisor()
            return try await sheetPage(id: try context.parameters.require("id", as: Int64.self), context)
        }
        router.get("/img/pages/{id}/overlay.png") { _, context in
            _ = try context.requireSupervisor()
            let id = try context.parameters.require("id", as: Int64.self)
            guard let page = try await store.page(id: id) else { throw HTTPError(.notFound, message: "Такого бланка нет.") }
            let flagged = try await store.reviewItems(pageID: id).filter { $0.state != .decided }.map(\.fieldID)
            return ImageRoutes.png(try await images.overlay(page: page, itemFields: flagged))
        }
        router.post("/sheets/{id}/corrections") { request, context in
            let supervisor = try context.requireSupervisor()
            let id = try context.parameters.require("id", as: Int64.self)
            var request = request
            let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            do {
                _ = try await service.correct(pageID: id, fieldID: form["field"] ?? "", value: form["value"] ?? "",
                                              reason: form["reason"] ?? "", supervisor: supervisor)
            } catch let error as HTTPError where error.status == .badRequest {
                // A form post answers with a page: the refusal in Russian, nothing stored, a way back.
                return refusal(error.body ?? "Исправление не принято.", pageID: id, context)
            }
            return Response.redirect(to: "/sheets/\(id)", type: .normal)
        }
        router.post("/items/{id}/reopen") { request, context in
            let supervisor = try context.requireSupervisor()
            let id = try context.parameters.require("id", as: Int64.self)
            var request = request
            let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            guard let item = try await store.reviewItem(id: id) else { throw HTTPError(.notFound, message: "Такого вопроса нет.") }
            let note = (form["note"] ?? "").trimmingCharacters(in: .whitespaces)
            try await store.reopen(itemID: id, actor: supervisor.name, note: note.isEmpty ? "возвращено супервизором" : note)
            // Back to the list it was re-opened from; only the station's own list, never another site.
            let back = form["back"] ?? ""
            let toList = back == "/items" || (back.hasPrefix("/items?") && !back.contains("//") && !back.contains("\\"))
            return Response.redirect(to: toList ? back : "/sheets/\(item.pageID)", type: .normal)
        }
        router.get("/export.csv") { _, context in
            _ = try context.requireSupervisor()
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = #"attachment; filename="is03-results.csv""#
            let csv = try await ResultsExport(store: store).csv()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    private func sheetPage(id: Int64, _ context: ReviewRequestContext) async throws -> Response {
        guard let page = try await store.page(id: id), let session = context.session else {
            throw HTTPError(.notFound, message: "Такого бланка нет.")
        }
        let items = try await store.reviewItems(pageID: id)
        let decisions = Dictionary(try await store.decisions(pageID: id).map { ($0.fieldID, $0) }, uniquingKeysWith: { a, _ in a })
        let itemsByField = Dictionary(items.map { ($0.fieldID, $0) }, uniquingKeysWith: { a, _ in a })
        let result = try await store.results(.all).first { $0.pageID == id }
        let csrf = HTML.escape(session.csrfToken)
        let templateID = page.reading?.templateID
        var rows = ""
        for field in page.reading?.fields ?? [] {
            let label = service.templates.field(field.id, templateID: templateID)?.label ?? field.id
            rows += fieldRow(id: field.id, label: label, status: Self.statusWord(field.status), read: field.value,
                             confidence: field.confidence, item: itemsByField[field.id], decision: decisions[field.id], csrf: csrf)
        }
        for item in items where item.fieldID.hasPrefix("@") {
            rows += fieldRow(id: item.fieldID, label: ReviewSubject(fieldID: item.fieldID, field: nil).label, status: SupervisorListRoutes.reasonText(item.reason), read: item.machineValue,
                             confidence: item.confidence, item: item, decision: decisions[item.fieldID], csrf: csrf)
        }
        var history: [AuditEntry] = try await store.auditTrail(entity: "page", entityID: id)
        for item in items { history += try await store.auditTrail(entity: "review_item", entityID: item.id) }
        history.sort { $0.id < $1.id }
        let inForce = try await store.decisions(pageID: id)
        let historyRows = history.map { e in
            let line = HistoryLine(e) { entry in Self.reason(of: entry, in: inForce) }
            let what = e.field.map { $0 == "state" ? "" : labels.fieldLabel($0) } ?? ""
            return "<tr><td>\(HTML.escape(time.full(e.at)))</td><td>\(HTML.escape(e.actor))</td>"
                + "<td>\(HTML.escape(line.action))\(what.isEmpty ? "" : " · " + HTML.escape(what))</td>"
                + "<td>\(HTML.escape(line.from))</td><td>\(HTML.escape(line.to))</td><td>\(HTML.escape(line.note))</td></tr>"
        }.joined()
        let fieldOptions = (page.reading?.fields.map(\.id) ?? []).map { "<option>\(HTML.escape($0))</option>" }.joined()
        let resultText = result.map { r in
            "Участник \(HTML.escape(r.participantID ?? "—")), балл \(r.total.map(String.init) ?? "—"), "
            + "\(HTML.escape(SupervisorListRoutes.verdictText(r.verdict))), \(items.contains { $0.state != .decided } ? "ждёт проверки" : "итог")"
        } ?? "Результата нет"
        return HTML.page(title: "Бланк \(id) — is03", session: session, bodyClass: "sheet", body: """
            <h1>Бланк \(id)</h1><p class="result" id="result">\(resultText)</p>
            <div class="sheet-layout"><img class="overlay" src="/img/pages/\(id)/overlay.png" alt="Бланк с разметкой прочитанного">
            <div><table class="fields"><thead><tr><th>Поле</th><th>Прочитано</th><th>Уверенность</th><th>Проверка</th>\
            <th>Решение</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            <h2>Исправить поле</h2>
            <form method="post" action="/sheets/\(id)/corrections" class="correction"><input type="hidden" name="_csrf" value="\(csrf)">
            <label>Поле <select name="field">\(fieldOptions)</select></label><label>Значение <input name="value" required></label>
            <label>Причина <input name="reason" required></label><button type="submit">Исправить</button></form>
            <h2>История</h2><table class="history"><thead><tr><th>Когда</th><th>Кто</th><th>Что</th><th>Было</th><th>Стало</th>\
            <th>Причина</th></tr></thead>
            <tbody>\(historyRows)</tbody></table></div></div>
            """)
    }

    private func fieldRow(id: String, label: String, status: String, read: String?, confidence: Double,
                          item: ReviewItem?, decision: FieldDecision?, csrf: String) -> String {
        let state = item.map { "\(HTML.escape(SupervisorListRoutes.reasonText($0.reason))) · \(HistoryLine.stateWord($0.state.rawValue))" } ?? ""
        let decided = decision.map { d in
            "\(HTML.escape(d.value)) (\(HTML.escape(d.operatorName))) \(HTML.escape(time.full(d.decidedAt)))"
                + (d.reason.map { " — " + HTML.escape($0) } ?? "")
        } ?? ""
        let reopen = item.map { item in
            item.state == .open ? "" : """
            <form method="post" action="/items/\(item.id)/reopen"><input type="hidden" name="_csrf" value="\(csrf)">\
            <button type="submit">Вернуть в очередь</button></form>
            """
        } ?? ""
        return "<tr><td>\(HTML.escape(label))</td><td>\(HTML.escape(read ?? "—")) <small>\(HTML.escape(status))</small></td>"
            + "<td>\(String(format: "%.2f", confidence))</td><td>\(state)</td><td>\(decided)</td><td>\(reopen)</td></tr>"
    }

    /// The reason stored with the decision `entry` records, when it is the decision in force
    /// (same item, operator, value and moment; earlier decisions keep only their value).
    static func reason(of entry: AuditEntry, in decisions: [FieldDecision]) -> String? {
        decisions.first { d in
            d.itemID == entry.entityID && d.operatorName == entry.actor && d.value == entry.to
                && abs(d.decidedAt.timeIntervalSince(entry.at)) < 1
        }?.reason
    }

    /// A refused correction as a page: the reason in Russian and the way back to the sheet.
    private func refusal(_ message: String, pageID: Int64, _ context: ReviewRequestContext) -> Response {
        var page = HTML.page(title: "Исправление не принято — is03", session: context.session, body: """
            <h1>Исправление не принято</h1><p class="error" role="alert">\(HTML.escape(message))</p>
            <p>Ничего не сохранено. <a href="/sheets/\(pageID)">Вернуться к бланку \(pageID)</a></p>
            """)
        page.status = .badRequest
        return page
    }

    /// How the machine read a field, in words.
    static func statusWord(_ status: FieldReading.Status) -> String {
        switch status {
        case .ok: "прочитано"
        case .blank: "пусто"
        case .multiple: "несколько отметок"
        case .ambiguous: "неоднозначно"
        case .unreadable: "не прочитано"
        }
    }
}
