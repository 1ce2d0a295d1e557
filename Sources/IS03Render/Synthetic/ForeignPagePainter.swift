import IS03Core

/// Pages that turn up in a ВДП packet but are not ИС-03 sheets: a page of printed text, a
/// table, another form. None carries registration squares or a QR code of ours.
enum ForeignPagePainter {
    static let kinds = ["text", "table", "other-form"]

    static func draw(kind: String, widthMM: Double, heightMM: Double, rng: inout SeededRandom, on canvas: PageCanvas) {
        switch kind {
        case "table": table(widthMM: widthMM, rng: &rng, on: canvas)
        case "other-form": otherForm(widthMM: widthMM, rng: &rng, on: canvas)
        default: text(widthMM: widthMM, heightMM: heightMM, rng: &rng, on: canvas)
        }
    }

    static let words = ["итоговое", "собеседование", "по", "русскому", "языку", "проводится", "в", "образовательной",
                        "организации", "участники", "экзаменатор", "эксперт", "аудитория", "протокол", "ведомость",
                        "комиссия", "результаты", "обработка", "регионального", "центра", "информации", "и", "не",
                        "позднее", "сроки", "ответственный", "организатор", "заполняет", "форму", "бланков"]

    static func text(widthMM: Double, heightMM: Double, rng: inout SeededRandom, on canvas: PageCanvas) {
        canvas.text("Инструкция для ответственного организатора", at: PointMM(x: 25, y: 30), size: 13, bold: true)
        var y = 42.0
        while y < heightMM - 30 {
            var line: [String] = []
            while line.joined(separator: " ").count < 80 { line.append(words.randomElement(using: &rng)!) }
            canvas.text(line.joined(separator: " "), at: PointMM(x: 25, y: y), size: 10)
            y += Double.random(in: 0..<1, using: &rng) < 0.12 ? 9 : 5.5
        }
    }

    static func table(widthMM: Double, rng: inout SeededRandom, on canvas: PageCanvas) {
        canvas.text("Ведомость учёта участников итогового собеседования (форма ИС-02)", at: PointMM(x: 20, y: 25),
                    size: 11, bold: true)
        let columns = [20.0, 12, 60, 30, 25, 25]
        let top = 35.0, rowHeight = 8.0, rows = Int.random(in: 18...28, using: &rng)
        let right = 20 + columns.reduce(0, +)
        for row in 0...rows {
            canvas.line(from: PointMM(x: 20, y: top + Double(row) * rowHeight),
                        to: PointMM(x: right, y: top + Double(row) * rowHeight), width: 0.3)
        }
        var x = 20.0
        for width in columns + [0] {
            canvas.line(from: PointMM(x: x, y: top), to: PointMM(x: x, y: top + Double(rows) * rowHeight), width: 0.3)
            x += width
        }
        for row in 1..<rows {
            let y = top + Double(row) * rowHeight + 5.5
            canvas.text("\(row)", at: PointMM(x: 22, y: y), size: 9)
            canvas.text("9\(["А", "Б", "В"].randomElement(using: &rng)!)", at: PointMM(x: 34, y: y), size: 9)
            let name = RussianNames.random(using: &rng)
            canvas.text("\(name.surname) \(name.name.prefix(1)). \((name.patronymic ?? "").prefix(1)).",
                        at: PointMM(x: 54, y: y), size: 9)
            canvas.text(String(Int.random(in: 1000...9999, using: &rng)), at: PointMM(x: 114, y: y), size: 9)
        }
    }

    static func otherForm(widthMM: Double, rng: inout SeededRandom, on canvas: PageCanvas) {
        canvas.text("АКТ о досрочном завершении итогового собеседования (форма ИС-08)", at: PointMM(x: 20, y: 28),
                    size: 11, bold: true)
        var y = 45.0
        for caption in ["Образовательная организация", "Аудитория", "Фамилия", "Имя", "Отчество", "Причина"] {
            canvas.text(caption, at: PointMM(x: 20, y: y), size: 9)
            for box in 0..<18 { canvas.stroke(RectMM(x: 70 + Double(box) * 6.5, y: y - 5, width: 5.5, height: 7), lineWidth: 0.25) }
            y += 12
        }
        for (index, caption) in ["по состоянию здоровья", "по иным объективным причинам"].enumerated() {
            canvas.stroke(RectMM(x: 20, y: y + Double(index) * 8, width: 4, height: 4), lineWidth: 0.3)
            canvas.text(caption, at: PointMM(x: 27, y: y + 3.5 + Double(index) * 8), size: 9)
        }
        canvas.line(from: PointMM(x: 20, y: 250), to: PointMM(x: 90, y: 250), width: 0.3)
        canvas.text("Подпись члена комиссии", at: PointMM(x: 20, y: 255), size: 8)
        _ = rng.next()
    }
}
