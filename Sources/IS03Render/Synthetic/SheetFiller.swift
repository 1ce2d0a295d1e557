import Foundation
import IS03Core

/// Fills in one printed sheet as the participant and the expert would: header digits and
/// block letters by the participant, scores, total, verdict, flags, name and signature by the
/// expert. Returns the truth of every field it touched, so truth is what was drawn.
struct SheetFiller {
    let template: Template
    let profile: FillProfile
    /// Draws the participant's hand-printed letters (strokes from `Handprint`).
    let participantHand: HandStyle
    let participantMarks: MarkHand
    let expertHand: HandStyle
    let expertMarks: MarkHand

    struct Input {
        var participant: Participant
        var personalised: Bool
        var scores: SyntheticScores
        var expertSurname: String
        var expertInitials: String
        var variant: String
        var kim: String
    }

    func fill(_ input: Input, rng: inout SeededRandom, on canvas: PageCanvas) -> (fields: [FieldTruth], strays: [StrayMark], signed: Bool?) {
        var truths: [FieldTruth] = []
        var signed: Bool?
        for field in template.fields {
            let cells = field.cells(defaults: template.defaults)
            switch field.kind {
            case .digits:
                let text = digitsText(for: field, input)
                truths.append(fillDigits(field, cells: cells, text: text, rng: &rng, on: canvas))
            case .letters:
                let (text, hand) = lettersText(for: field, input)
                truths.append(fillLetters(field, cells: cells, text: text, hand: hand, rng: &rng, on: canvas))
            case .choice:
                truths.append(fillChoice(field, cells: cells, value: choiceValue(for: field, input), rng: &rng, on: canvas))
            case .flag:
                let marked = flagValue(for: field, input, rng: &rng)
                truths.append(fillChoice(field, cells: cells, value: marked ? "1" : nil, isFlag: true, rng: &rng, on: canvas))
            case .area:
                if field.role == .expertSignature, let cell = cells.first {
                    // Drawn only when asked for, so packets of the usual profiles keep their pages.
                    let forgot = profile.unsignedShare > 0 && Double.random(in: 0..<1, using: &rng) < profile.unsignedShare
                    if !forgot { sign(in: cell.rect, rng: &rng, on: canvas) }
                    signed = !forgot
                }
            }
        }
        let strays = drawStrays(rng: &rng, on: canvas)
        return (truths, strays, signed)
    }

    // MARK: What goes where

    /// Digits the participant fills in (one per column, left-padded with zeros), or nil.
    func digitsText(for field: Field, _ input: Input) -> String? {
        let p = input.participant
        let raw: String?
        switch field.role {
        // Pre-printed on personalised sheets, so only variant and КИМ are filled by hand there.
        case .variant: return pad(input.variant, field)
        case .kim: return pad(input.kim, field)
        case _ where input.personalised: return nil
        case .examDate:
            let parts = p.examDate.split(separator: "-")
            raw = parts.count == 3 ? "\(parts[2])\(parts[1])\(parts[0].suffix(2))" : nil
        case .region: raw = p.region
        case .msu: raw = p.msu
        case .oo: raw = p.oo
        case .classNumber: raw = p.classNumber
        case .auditorium: raw = p.auditorium
        case .documentSeries: raw = p.documentSeries
        case .documentNumber: raw = p.documentNumber
        default: raw = nil
        }
        return raw.flatMap { pad($0, field) }
    }

    private func pad(_ text: String, _ field: Field) -> String? {
        let columns = field.columns ?? 0
        let digits = text.filter(\.isNumber)
        guard !digits.isEmpty, columns > 0 else { return nil }
        return String((String(repeating: "0", count: max(0, columns - digits.count)) + digits).suffix(columns))
    }

    func lettersText(for field: Field, _ input: Input) -> (String?, HandStyle) {
        let p = input.participant
        switch field.role {
        case .expertSurname: return (input.expertSurname.uppercased(), expertHand)
        case .expertInitials: return (input.expertInitials.uppercased(), expertHand)
        case _ where input.personalised: return (nil, participantHand)
        case .surname: return (p.surname.uppercased(), participantHand)
        case .name: return (p.name.uppercased(), participantHand)
        case .patronymic: return (p.patronymic?.uppercased(), participantHand)
        case .classLetter: return (p.classLetter, participantHand)
        default: return (nil, participantHand)
        }
    }

    func choiceValue(for field: Field, _ input: Input) -> String? {
        switch field.role {
        case .criterion:
            guard let criterion = template.scoring.criteria.first(where: { $0.field == field.id }) else { return nil }
            return input.scores.scores[criterion.id].map(String.init)
        case .expertTotal: return String(input.scores.expertTotal)
        case .expertVerdict: return input.scores.verdict
        default: return nil
        }
    }

    func flagValue(for field: Field, _ input: Input, rng: inout SeededRandom) -> Bool {
        switch field.role {
        case .taskNotAttempted: return field.task.map { input.scores.notAttempted.contains($0) } ?? false
        case .notCompleted: return Double.random(in: 0..<1, using: &rng) < profile.notCompletedShare
        default: return false
        }
    }

    // MARK: Drawing

    func fillDigits(_ field: Field, cells: [Cell], text: String?, rng: inout SeededRandom, on canvas: PageCanvas) -> FieldTruth {
        guard let text else { return FieldTruth(id: field.id, value: nil, condition: .blank) }
        var marks: [MarkTruth] = []
        var light = false
        for (column, digit) in text.enumerated() {
            guard let cell = cells.first(where: { $0.kind == .bubble(value: String(digit), column: column) }) else { continue }
            var style = participantMarks.style
            if Double.random(in: 0..<1, using: &rng) < profile.lightShare / 2 { style = .light; light = true }
            MarkPainter.draw(style, in: cell.rect, hand: participantMarks, rng: &rng, on: canvas)
            marks.append(MarkTruth(value: String(digit), column: column, style: style))
        }
        return FieldTruth(id: field.id, value: text, condition: light ? .light : .clean, marks: marks)
    }

    func fillLetters(_ field: Field, cells: [Cell], text: String?, hand: HandStyle, rng: inout SeededRandom,
                     on canvas: PageCanvas) -> FieldTruth {
        guard let text, !text.isEmpty else {
            return FieldTruth(id: field.id, value: nil, condition: .blank, boxes: cells.map { _ in "" })
        }
        var boxes = cells.map { _ in "" }
        for (index, character) in text.prefix(cells.count).enumerated() {
            if HandprintPainter.draw(character: character, in: cells[index].rect, style: hand, rng: &rng, on: canvas) {
                boxes[index] = String(character)
            }
        }
        let drawn = boxes.joined()
        return FieldTruth(id: field.id, value: drawn.isEmpty ? nil : drawn, condition: drawn.isEmpty ? .blank : .clean,
                          boxes: boxes)
    }

    /// A choice or flag: one mark for `value`, possibly corrected, doubled or light.
    func fillChoice(_ field: Field, cells: [Cell], value: String?, isFlag: Bool = false, rng: inout SeededRandom,
                    on canvas: PageCanvas) -> FieldTruth {
        let hand = expertMarks
        guard let value, let target = cells.first(where: { $0.bubbleValue == value }) else {
            return FieldTruth(id: field.id, value: isFlag ? "0" : nil, condition: .blank)
        }
        let others = cells.filter { $0.bubbleValue != value }
        let roll = Double.random(in: 0..<1, using: &rng)
        var condition = MarkCondition.clean
        if !isFlag && field.role == .criterion && roll < profile.blankShare {
            return FieldTruth(id: field.id, value: nil, condition: .blank)
        } else if !others.isEmpty && roll < profile.blankShare + profile.correctedShare {
            condition = .corrected
        } else if !others.isEmpty && roll < profile.blankShare + profile.correctedShare + profile.doubleShare {
            condition = .double
        } else if roll < profile.blankShare + profile.correctedShare + profile.doubleShare + profile.lightShare {
            condition = .light
        }
        var marks: [MarkTruth] = []
        switch condition {
        case .corrected:
            // The wrong value was marked first, then struck out; a neighbour is likeliest.
            let wrong = nearest(to: target, in: others, rng: &rng)
            MarkPainter.draw(hand.style, in: wrong.rect, hand: hand, rng: &rng, on: canvas)
            MarkPainter.strikeOut(wrong.rect, hand: hand, rng: &rng, on: canvas)
            marks.append(MarkTruth(value: wrong.bubbleValue ?? "", style: hand.style, crossedOut: true))
            MarkPainter.draw(hand.style, in: target.rect, hand: hand, rng: &rng, on: canvas)
            marks.append(MarkTruth(value: value, style: hand.style))
        case .double:
            let second = nearest(to: target, in: others, rng: &rng)
            for cell in [target, second] {
                MarkPainter.draw(hand.style, in: cell.rect, hand: hand, rng: &rng, on: canvas)
                marks.append(MarkTruth(value: cell.bubbleValue ?? "", style: hand.style))
            }
        case .light:
            MarkPainter.draw(.light, in: target.rect, hand: hand, rng: &rng, on: canvas)
            marks.append(MarkTruth(value: value, style: .light))
        case .clean, .blank:
            MarkPainter.draw(hand.style, in: target.rect, hand: hand, rng: &rng, on: canvas)
            marks.append(MarkTruth(value: value, style: hand.style))
        }
        return FieldTruth(id: field.id, value: condition == .double ? nil : value, condition: condition, marks: marks)
    }

    private func nearest(to target: Cell, in others: [Cell], rng: inout SeededRandom) -> Cell {
        let sorted = others.sorted { distance($0.rect.center, target.rect.center) < distance($1.rect.center, target.rect.center) }
        return Double.random(in: 0..<1, using: &rng) < 0.8 ? sorted[0] : sorted.randomElement(using: &rng)!
    }

    /// A quick looping signature inside the area.
    func sign(in rect: RectMM, rng: inout SeededRandom, on canvas: PageCanvas) {
        var points: [PointMM] = []
        let loops = Int.random(in: 3...6, using: &rng)
        let start = rect.x + rect.width * Double.random(in: 0.05...0.3, using: &rng)
        let span = rect.width * Double.random(in: 0.3...0.6, using: &rng)
        for step in 0...(loops * 12) {
            let t = Double(step) / 12
            let x = start + span * t / Double(loops) + 1.5 * cos(t * 2 * Double.pi)
            let y = rect.center.y + rect.height * 0.3 * sin(t * 2 * Double.pi + 0.7) + rng.gaussian(sd: 0.1)
            points.append(PointMM(x: min(max(x, rect.x + 0.5), rect.maxX - 0.5), y: min(max(y, rect.y + 0.5), rect.maxY - 0.5)))
        }
        canvas.polyline(points, width: expertHand.penWidth, ink: expertHand.ink)
    }

    /// Dots and short lines near bubbles but clear of every cell, so no reading should change.
    func drawStrays(rng: inout SeededRandom, on canvas: PageCanvas) -> [StrayMark] {
        let count = Int.random(in: 0...max(profile.maxStrays, 0), using: &rng)
        guard count > 0 else { return [] }
        let all = template.fields.flatMap { $0.cells(defaults: template.defaults) }
        let bubbles = all.filter { $0.bubbleValue != nil }
        guard !bubbles.isEmpty else { return [] }
        // Strays must not touch a cell, a registration mark or the QR code.
        var obstacles = all.map(\.rect) + template.registration.marks.map(\.rect) + [template.registration.orientationCue.rect]
        if let qr = template.qr { obstacles.append(qr) }
        var strays: [StrayMark] = []
        var attempts = 0
        while strays.count < count && attempts < count * 20 {
            attempts += 1
            let anchor = bubbles.randomElement(using: &rng)!.rect
            let angle = Double.random(in: 0..<2 * Double.pi, using: &rng)
            let reach = anchor.width * Double.random(in: 0.9...1.6, using: &rng)
            let from = PointMM(x: anchor.center.x + reach * cos(angle), y: anchor.center.y + reach * sin(angle))
            let isLine = Bool.random(using: &rng)
            let direction = Double.random(in: 0..<2 * Double.pi, using: &rng)
            let length = isLine ? Double.random(in: 1.5...3.5, using: &rng) : 0
            let to = PointMM(x: from.x + length * cos(direction), y: from.y + length * sin(direction))
            let stray = StrayMark(kind: isLine ? .line : .dot, from: from, to: to)
            // Keep 0.5 mm of paper between the stray (and its pen width) and every cell.
            let clear = obstacles.allSatisfy { rect in
                let grown = RectMM(x: rect.x - 0.8, y: rect.y - 0.8, width: rect.width + 1.6, height: rect.height + 1.6)
                return !segment(from, to, touches: grown)
            }
            guard clear, RectMM(x: 5, y: 5, width: template.page.width - 10, height: template.page.height - 10)
                .contains(from), RectMM(x: 5, y: 5, width: template.page.width - 10, height: template.page.height - 10).contains(to)
            else { continue }
            MarkPainter.draw(stray, hand: expertMarks, on: canvas)
            strays.append(stray)
        }
        return strays
    }

    private func segment(_ a: PointMM, _ b: PointMM, touches rect: RectMM) -> Bool {
        // Sample along the segment: strays are short, 0.2 mm steps are plenty.
        let steps = max(1, Int(distance(a, b) / 0.2))
        return (0...steps).contains { i in
            let t = Double(i) / Double(steps)
            return rect.contains(PointMM(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
        }
    }
}

private func distance(_ a: PointMM, _ b: PointMM) -> Double { hypot(a.x - b.x, a.y - b.y) }

extension RectMM {
    func contains(_ p: PointMM) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
}

extension Cell {
    /// The value of a bubble cell, nil for boxes and areas.
    var bubbleValue: String? {
        if case .bubble(let value, _) = kind { return value }
        return nil
    }
}
