import Hummingbird
import IS03Storage

/// Server-rendered pages: every dynamic text goes through ``HTML/escape(_:)``; no inline
/// script or style (the CSP forbids them), behaviour lives in /static/review.js.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A full page with the header bar for `session` (nil on the login page).
    static func page(title: String, session: AccountSession?, bodyClass: String = "", body: String) -> Response {
        var header = ""
        if let session {
            let account = session.account
            let supervisorLinks = account.role == .supervisor
                ? #"<a href="/sheets">Бланки</a><a href="/items">Вопросы</a><a href="/operators">Операторы</a><a href="/export.csv">Выгрузка CSV</a>"# : ""
            header = """
            <header><span class="brand">is03 · проверка</span><a href="/queue">Очередь</a>\
            <a href="/queue?mode=groups">Группы</a>\(supervisorLinks)\
            <span class="who">\(escape(account.name)) (\(account.role == .supervisor ? "супервизор" : "оператор"))</span>\
            <form method="post" action="/logout"><input type="hidden" name="_csrf" value="\(escape(session.csrfToken))">\
            <button type="submit">Выйти</button></form></header>
            """
        }
        let csrf = session.map { #"<meta name="csrf-token" content="\#(escape($0.csrfToken))">"# } ?? ""
        let html = """
        <!doctype html>
        <html lang="ru"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">\(csrf)
        <link rel="stylesheet" href="/static/review.css"><script src="/static/review.js" defer></script></head>
        <body class="\(bodyClass)">\(header)<main>\(body)</main></body></html>
        """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
