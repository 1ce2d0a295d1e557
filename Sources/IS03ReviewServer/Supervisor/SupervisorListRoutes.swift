import Foundation
import Hummingbird
import IS03Core
import IS03Storage

/// The supervisor's lists: every outstanding review item (`/items`, open, held or deferred,
/// filterable and paged), every sheet including pages without a result (`/sheets`), and what
/// each operator did today (`/operators`).
struct SupervisorListRoutes {
    let service: ReviewService
    let accounts: any AccountStore
    var time = LocalTime()
    var store: any ReviewQueueStore { service.store }

    func add(to router: Router<ReviewRequestContext>) {
        router.get("/items") { request, context in
            _ = try context.requireSupervisor()
            return try await itemList(ListQuery(Self.parameters(request)), context)
        }
        router.get("/sheets") { request, context in
            _ = try context.requireSupervisor()
            return try await sheetList(ListQuery(Self.parameters(request)), context)
        }
        router.get("/operators") { _, context in
            _ = try context.requireSupervisor()
            return try await operatorList(context)
        }
    }

    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for name in ListQuery.names + ["page"] {
            if let value = request.uri.queryParameters[Substring(name)] { out[name] = String(value) }
        }
        return out
    }

    /// Where each page with a result belongs.
    private func places() async throws -> [Int64: ListQuery.Place] {
        Dictionary(try await store.results(.all).map { ($0.pageID, ListQuery.Place(oo: $0.oo, auditorium: $0.auditorium)) },
                   uniquingKeysWith: { a, _ in a })
    }

    private func itemList(_ query: ListQuery, _ context: ReviewRequestContext) async throws -> Response {
        let now = Date()
        let all = try await store.outstandingReviewItems()
        let places = try await places()
        let shown = all.filter { query.matches($0, place: places[$0.pageID], now: now) }
        let csrf = HTML.escape(context.session?.csrfToken ?? "")
        let back = HTML.escape(query.link("/items", page: query.page))
        var rows = ""
        for item in query.slice(shown) {
            let place = places[item.pageID]
            let state = ListQuery.state(of: item, now: now)
            let stateText = switch state {
            case "deferred": "отложен" + (item.assignedOperator.map { " (\(HTML.escape($0)))" } ?? "")
            case "held": "на руках у \(HTML.escape(item.assignedOperator ?? "?")) до \(time.clock(item.leaseUntil ?? now))"
            default: "ждёт оператора"
            }
            let action = state == "open" ? "" : """
                <form method="post" action="/items/\(item.id)/reopen"><input type="hidden" name="_csrf" value="\(csrf)">\
                <input type="hidden" name="back" value="\(back)"><button type="submit">Вернуть в очередь</button></form>
                """
            rows += "<tr><td>\(item.id)</td><td><a href=\"/sheets/\(item.pageID)\">\(item.pageID)</a></td>"
                + "<td>\(HTML.escape(fieldLabel(item.fieldID)))</td><td>\(HTML.escape(Self.reasonText(item.reason)))</td>"
                + "<td>\(HTML.escape(item.message ?? ""))</td><td>\(stateText)</td>"
                + "<td>\(HTML.escape(place?.oo ?? "—"))</td><td>\(HTML.escape(place?.auditorium ?? "—"))</td>"
                + "<td>\(HTML.escape(time.full(item.createdAt)))</td><td>\(action)</td></tr>"
        }
        let reasons = Set(all.map(\.reason)).sorted().map { ($0, Self.reasonText($0)) }
        let fields = Set(all.map(\.fieldID)).sorted().map { ($0, fieldLabel($0)) }
        let states = [("open", "ждёт оператора"), ("held", "на руках у оператора"), ("deferred", "отложен")]
        let filters = """
            <form method="get" action="/items" class="filters">\(query.select("reason", label: "Причина", options: reasons))\
            \(query.select("field", label: "Поле", options: fields))\(query.select("state", label: "Состояние", options: states))\
            \(placeSelects(query, places: places))<button type="submit">Показать</button></form>
            """
        return HTML.page(title: "Вопросы — is03", session: context.session, body: """
            <h1>Вопросы проверки</h1><p>Не решено: \(all.count), из них отложено: \(all.filter { $0.state == .deferred }.count).</p>
            \(filters)\(query.pager("/items", total: shown.count))
            <table class="list items"><thead><tr><th>№</th><th>Бланк</th><th>Поле</th><th>Причина</th><th>Подробно</th>\
            <th>Состояние</th><th>ОО</th><th>Аудитория</th><th>Поставлен</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            \(query.pager("/items", total: shown.count))
            """)
    }

    private func placeSelects(_ query: ListQuery, places: [Int64: ListQuery.Place]) -> String {
        let schools = Set(places.values.compactMap(\.oo)).sorted().map { ($0, $0) }
        let rooms = Set(places.values.compactMap(\.auditorium)).sorted().map { ($0, $0) }
        return query.select("oo", label: "ОО", options: schools) + query.select("auditorium", label: "Аудитория", options: rooms)
    }

    private func sheetList(_ query: ListQuery, _ context: ReviewRequestContext) async throws -> Response {
        let outstanding = Dictionary(grouping: try await store.outstandingReviewItems(), by: \.pageID)
        let results = try await store.results(.all)
        let withResult = Set(results.map(\.pageID))
        // A page without a result (a foreign page, one still waiting for its owner) is listed by
        // its open items, so it is reachable without typing its address.
        struct Row { var pageID: Int64; var result: StoredResult?; var open: Int }
        var rows = results.map { Row(pageID: $0.pageID, result: $0, open: outstanding[$0.pageID]?.count ?? 0) }
        rows += outstanding.keys.filter { !withResult.contains($0) }.map { Row(pageID: $0, result: nil, open: outstanding[$0]?.count ?? 0) }
        rows.sort { $0.pageID < $1.pageID }
        let shown = rows.filter { row in
            if let status = query["status"], status != (row.open > 0 ? "pending" : "final") { return false }
            return query.matchesPlace(row.result.map { .init(oo: $0.oo, auditorium: $0.auditorium) })
        }
        var html = ""
        for row in query.slice(shown) {
            let r = row.result
            html += "<tr><td><a href=\"/sheets/\(row.pageID)\">\(row.pageID)</a></td><td>\(HTML.escape(r?.participantID ?? "—"))</td>"
                + "<td>\(HTML.escape(r?.oo ?? "—"))</td><td>\(HTML.escape(r?.auditorium ?? "—"))</td>"
                + "<td>\(r?.total.map(String.init) ?? "—")</td><td>\(HTML.escape(r == nil ? "результата нет" : Self.verdictText(r?.verdict)))</td>"
                + "<td>\(row.open > 0 ? "ждёт проверки (\(row.open))" : "итог")</td></tr>"
        }
        let places = Dictionary(results.map { ($0.pageID, ListQuery.Place(oo: $0.oo, auditorium: $0.auditorium)) }, uniquingKeysWith: { a, _ in a })
        let filters = """
            <form method="get" action="/sheets" class="filters">\
            \(query.select("status", label: "Статус", options: [("pending", "ждёт проверки"), ("final", "итог")]))\
            \(placeSelects(query, places: places))<button type="submit">Показать</button></form>
            """
        let open = outstanding.values.reduce(0) { $0 + $1.count }
        return HTML.page(title: "Бланки — is03", session: context.session, body: """
            <h1>Бланки</h1><p>Не решённых вопросов: \(open) — <a href="/items">список вопросов</a>.</p>
            \(filters)\(query.pager("/sheets", total: shown.count))
            <table class="list"><thead><tr><th>Лист</th><th>Участник</th><th>ОО</th><th>Аудитория</th><th>Балл</th>\
            <th>Результат</th><th>Статус</th></tr></thead><tbody>\(html)</tbody></table>
            \(query.pager("/sheets", total: shown.count))
            """)
    }

    private func operatorList(_ context: ReviewRequestContext) async throws -> Response {
        let now = Date()
        let names = Set(try await accounts.accounts().map(\.name))
        let stats = OperatorStats.today(try await store.auditTrail(entity: "review_item", entityID: nil),
                                        accounts: names, now: now, time: time)
        let rows = stats.map { s in
            "<tr><td>\(HTML.escape(s.name))</td><td>\(s.decidedToday)</td><td>\(s.decidedLastHour)</td>"
            + "<td>\(String(format: "%.0f", s.perHour))</td><td>\(s.deferredToday)</td><td>\(s.opinionsToday)</td>"
            + "<td>\(s.first.map(time.clock) ?? "")–\(s.last.map(time.clock) ?? "")</td></tr>"
        }.joined()
        return HTML.page(title: "Операторы — is03", session: context.session, body: """
            <h1>Операторы сегодня</h1><p>С полуночи по времени станции (\(time.offset(now))).</p>
            <table class="list operators"><thead><tr><th>Оператор</th><th>Решено</th><th>За последний час</th>\
            <th>В час (темп)</th><th>Отложено</th><th>Мнений (двойная проверка)</th><th>Работал</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"7\">Сегодня решений ещё не было.</td></tr>" : rows)</tbody></table>
            """)
    }

    /// A field's label in the newest template that has it (items of every template share a list).
    func fieldLabel(_ fieldID: String) -> String {
        let base = ReviewSubject.baseFieldID(fieldID)
        let field = service.templates.templates.sorted { $0.key > $1.key }.lazy.compactMap { $0.value.field(base) }.first
        return ReviewSubject(fieldID: fieldID, field: field).label
    }

    /// The stored outcome code («pass», «fail», …) as the results say it.
    static func verdictText(_ code: String?) -> String {
        guard let code else { return "—" }
        return SheetScore.Outcome(rawValue: code)?.russian ?? code
    }

    static func reasonText(_ code: String) -> String {
        code == "supervisor-correction" ? "исправление супервизора" : ReasonText.of(code)
    }
}
