import IS03Core

/// Draws a template onto a canvas exactly where the template says: registration marks and
/// orientation cue, rules, labels, bubbles, letter boxes, areas, the QR code and the
/// personalisation strip. Knows nothing about filling in (see `MarkPainter`).
public struct FormPainter: Sendable {
    public var template: Template
    public var style: FormStyle

    public init(template: Template, style: FormStyle = FormStyle()) {
        self.template = template; self.style = style
    }

    /// Draws the whole printed page for one sheet.
    public func draw(on canvas: PageCanvas, personalisation: SheetPersonalisation) throws {
        drawRegistration(on: canvas)
        for line in template.lines {
            canvas.line(from: PointMM(x: line.x1, y: line.y1), to: PointMM(x: line.x2, y: line.y2),
                        width: line.width ?? style.lineWidth)
        }
        for label in template.labels {
            canvas.text(label.text, at: PointMM(x: label.x, y: label.y), size: label.size ?? template.defaults.fontSize,
                        bold: label.bold ?? false)
        }
        for field in template.fields { drawField(field, on: canvas) }
        try drawQR(personalisation, on: canvas)
        try drawStrip(personalisation, on: canvas)
    }

    /// The four corner squares and the orientation cue, solid black.
    func drawRegistration(on canvas: PageCanvas) {
        for mark in template.registration.marks { canvas.fill(mark.rect) }
        canvas.fill(template.registration.orientationCue.rect)
    }

    func drawField(_ field: Field, on canvas: PageCanvas) {
        for cell in field.cells(defaults: template.defaults) {
            switch cell.kind {
            case .bubble(let value, _):
                let r = cell.rect
                canvas.strokeCircle(center: r.center, radius: r.width / 2, lineWidth: style.bubbleLineWidth,
                                    ink: style.bubbleInk)
                // Flags stay empty inside: their only value is "marked".
                if field.kind != .flag && value.count <= style.bubbleTextMaxLength {
                    // Font size in points so that digit height is about half the diameter.
                    let size = r.width * style.bubbleTextScale * 72 / 25.4 / 0.73
                    canvas.text(value, at: PointMM(x: r.center.x, y: r.center.y + r.width * style.bubbleTextScale / 2),
                                size: size, ink: style.bubbleTextInk, align: 0.5)
                }
            case .box:
                canvas.stroke(cell.rect, lineWidth: style.boxLineWidth, ink: style.boxInk)
            case .area:
                canvas.stroke(cell.rect, lineWidth: style.boxLineWidth, ink: style.boxInk)
            }
        }
    }

    /// The QR code as vector squares inside the template's QR rectangle.
    func drawQR(_ personalisation: SheetPersonalisation, on canvas: PageCanvas) throws {
        guard let rect = template.qr else { return }
        let matrix = try QRCodeMatrix(encoding: personalisation.qrPayload(template: template).encoded)
        let side = min(rect.width, rect.height)
        let module = side / (Double(matrix.size) + 2 * style.qrQuietModules)
        let origin = PointMM(x: rect.x + (rect.width - Double(matrix.size) * module) / 2,
                             y: rect.y + (rect.height - Double(matrix.size) * module) / 2)
        for row in 0..<matrix.size {
            // Merge runs of dark modules into one rectangle: fewer PDF objects, no hairline seams.
            var column = 0
            while column < matrix.size {
                guard matrix[row, column] else { column += 1; continue }
                let start = column
                while column < matrix.size && matrix[row, column] { column += 1 }
                canvas.fill(RectMM(x: origin.x + Double(start) * module, y: origin.y + Double(row) * module,
                                   width: Double(column - start) * module, height: module))
            }
        }
    }

    /// The serial, and on personalised sheets the participant's ФИО, class and document.
    func drawStrip(_ personalisation: SheetPersonalisation, on canvas: PageCanvas) throws {
        let strip = style.personalisationStrip
        if let clash = template.fields.first(where: { field in
            field.cells(defaults: template.defaults).contains { $0.rect.overlaps(strip) }
        }) {
            throw RenderError("the personalisation strip at \(strip) overlaps field `\(clash.id)` of template "
                + "\(template.id): set FormStyle.personalisationStrip to a free area")
        }
        let size = style.personalisationFontSize
        let lineHeight = size * 25.4 / 72 * 1.45
        var y = strip.y + lineHeight
        func line(_ text: String, bold: Bool = false) {
            guard y <= strip.maxY else { return }
            var text = text
            // Shorten rather than run outside the strip (very long names exist).
            while text.count > 4 && canvas.textWidth(text, size: size, bold: bold) > strip.width {
                text = String(text.dropLast(2)) + "…"
            }
            canvas.text(text, at: PointMM(x: strip.x, y: y), size: size, bold: bold)
            y += lineHeight
        }
        line("Бланк № \(personalisation.serial)")
        guard let participant = personalisation.participant else { return }
        line(participant.surname, bold: true)
        line([participant.name, participant.patronymic ?? ""].joined(separator: " "), bold: true)
        line("Класс: \(participant.className)")
        if let document = participant.printedDocument { line("Документ: \(document)") }
        line("Код участника: \(participant.id)")
    }
}
