import Foundation
import IS03Core

/// A per-school HTML summary a person would rather look at than read: counts, pass rate, a
/// histogram of totals and the list of missing sheets, one section per ОО. Self-contained
/// (inline CSS and SVG, no script), so it can be mailed or printed as it is.
public enum SchoolReport {
    /// `sitting` (`YYYY-MM-DD`) is named in the heading: a report covers one sitting.
    public static func html(_ export: ResultExport, generated: String, sitting: String? = nil) -> String {
        let sittingLine = sitting.map { "Этап: \(escape(SittingDateCheck.displayed($0))). " } ?? ""
        let byOO = Dictionary(grouping: export.records, by: \.participant.oo)
        let missingByOO = Dictionary(grouping: export.missing, by: \.oo)
        let schools = Set(byOO.keys).union(missingByOO.keys).sorted()
        var body = ""
        for oo in schools {
            body += section(oo: oo, records: byOO[oo] ?? [], missing: missingByOO[oo] ?? [])
        }
        let total = export.records.count
        let passed = export.records.filter { $0.score.outcome == .pass }.count
        return """
            <!DOCTYPE html>
            <html lang="ru"><head><meta charset="utf-8"><title>Итоговое собеседование: сводка по ОО</title>
            <style>
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#222}
            h1{font-size:20px} h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
            .num{text-align:right} .warn{color:#a40000} .muted{color:#777}
            </style></head><body>
            <h1>Итоговое собеседование по русскому языку — сводка по образовательным организациям</h1>
            <p class="muted">\(sittingLine)Сформировано \(escape(generated)). Всего результатов: \(total), зачёт: \(passed)\(total > 0 ? String(format: " (%.1f%%)", 100 * Double(passed) / Double(total)) : ""). Нет бланка: \(export.missing.count).</p>
            \(body)
            </body></html>

            """
    }

    static func section(oo: String, records: [ResultRecord], missing: [Participant]) -> String {
        let passed = records.filter { $0.score.outcome == .pass }.count
        let pending = records.filter { $0.provenance.reviewStatus == .pending }.count
        let rate = records.isEmpty ? "—" : String(format: "%.1f%%", 100 * Double(passed) / Double(records.count))
        var counts: [Int: Int] = [:]
        for record in records where [.pass, .fail].contains(record.score.outcome) { counts[record.score.total, default: 0] += 1 }
        let maxScore = records.map(\.score.max).max() ?? 20
        let missingRows = missing.sorted { ($0.auditorium ?? "", $0.surname) < ($1.auditorium ?? "", $1.surname) }.map {
            "<tr><td>\(escape($0.fullName))</td><td>\(escape($0.className))</td><td>\(escape($0.auditorium ?? ""))</td></tr>"
        }.joined()
        return """
            <h2>ОО \(escape(oo))</h2>
            <table><tr><th>Участников с результатом</th><td class="num">\(records.count)</td></tr>
            <tr><th>Зачёт</th><td class="num">\(passed) (\(rate))</td></tr>
            <tr><th>Незачёт</th><td class="num">\(records.filter { $0.score.outcome == .fail }.count)</td></tr>
            <tr><th>Не завершили / удалены / не допущены</th><td class="num">\(records.filter { ![.pass, .fail].contains($0.score.outcome) }.count)</td></tr>
            <tr><th>Ожидают проверки оператором</th><td class="num\(pending > 0 ? " warn" : "")">\(pending)</td></tr>
            <tr><th>Нет бланка</th><td class="num\(missing.isEmpty ? "" : " warn")">\(missing.count)</td></tr></table>
            \(histogram(counts, maxScore: maxScore))
            \(missing.isEmpty ? "" : "<p><b>Сдавали, но бланка нет:</b></p><table><tr><th>ФИО</th><th>Класс</th><th>Аудитория</th></tr>\(missingRows)</table>")
            """
    }

    /// Totals 0…max as an SVG bar chart (no script, prints well).
    static func histogram(_ counts: [Int: Int], maxScore: Int) -> String {
        let barWidth = 22, gap = 4, height = 120, top = 14, bottom = 20
        let peak = max(counts.values.max() ?? 1, 1)
        var bars = ""
        for score in 0...max(maxScore, 1) {
            let count = counts[score] ?? 0
            let h = Int((Double(count) / Double(peak) * Double(height)).rounded())
            let x = score * (barWidth + gap)
            bars += "<rect x=\"\(x)\" y=\"\(top + height - h)\" width=\"\(barWidth)\" height=\"\(h)\" fill=\"#4a78b0\"><title>\(score) баллов: \(count)</title></rect>"
            bars += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + height + 14)\" font-size=\"10\" text-anchor=\"middle\">\(score)</text>"
            if count > 0 {
                bars += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + height - h - 3)\" font-size=\"9\" text-anchor=\"middle\">\(count)</text>"
            }
        }
        let width = (maxScore + 1) * (barWidth + gap)
        return "<p>Распределение общего балла:</p><svg role=\"img\" aria-label=\"гистограмма баллов\" width=\"\(width)\" height=\"\(top + height + bottom)\">\(bars)</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
