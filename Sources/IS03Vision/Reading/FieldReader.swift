import IS03Core

/// Reads every field of a registered sheet: measures all bubbles, sets the sheet's mark cut
/// from their scores, then decides field by field. Letter boxes are reported per box
/// (written or blank) and handed to a character recogniser when one is given.
struct FieldReader {
    var config: MarkReadingConfig

    /// Per-bubble detail kept for the debug overlay.
    struct BubbleDetail {
        var fieldID: String
        var placed: PlacedCell
        var measurement: BubbleMeasurement
        var probability: Double
    }

    struct Output {
        var fields: [FieldReading]
        var bubbles: [BubbleDetail]
        var threshold: MarkThreshold
    }

    func readMarks(_ image: GrayImage, registration: Registration) -> Output {
        let template = registration.template
        let measurer = BubbleMeasurer(config: config)
        // Measure every bubble first: the cut comes from the whole sheet's distribution.
        var placedByField: [[PlacedCell]] = []
        var measurements: [[BubbleMeasurement]] = []
        for field in template.fields {
            let placed = field.cells(defaults: template.defaults).map { PlacedCell($0, transform: registration.transform) }
            placedByField.append(placed)
            measurements.append(placed.map { cell in
                guard case .bubble = cell.cell.kind else { return BubbleMeasurement.empty }
                return measurer.measure(image, cx: cell.x, cy: cell.y, radius: cell.radius, angle: cell.angle,
                                        ink: registration.levels.ink)
            })
        }
        let marks = zip(template.fields, measurements).flatMap { field, m in
            [.digits, .choice, .flag].contains(field.kind) ? m : []
        }
        let threshold = MarkThreshold(measurements: marks, config: config)
        let decider = ChoiceDecider(config: config, threshold: threshold)
        var fields: [FieldReading] = []
        var details: [BubbleDetail] = []
        for (index, field) in template.fields.enumerated() {
            let placed = placedByField[index], m = measurements[index]
            let cells = zip(placed, m).map { CellReading(key: $0.key, rect: $0.rect, fill: ($1.score * 1000).rounded() / 1000) }
            switch field.kind {
            case .choice, .flag:
                let decision = decider.decide(zip(placed, m).map { BubbleEvidence(value: $0.key, measurement: $1) })
                fields.append(reading(field, decision: decision, cells: cells))
            case .digits:
                fields.append(readDigits(field, placed: placed, measurements: m, decider: decider, cells: cells))
            case .letters:
                fields.append(readBoxes(field, placed: placed, image: image, levels: registration.levels))
            case .area:
                fields.append(readArea(field, placed: placed, image: image, registration: registration))
            }
            for (cell, measurement) in zip(placed, m) where isBubble(cell) {
                details.append(BubbleDetail(fieldID: field.id, placed: cell, measurement: measurement, probability: threshold.probability(measurement)))
            }
        }
        return Output(fields: fields, bubbles: details, threshold: threshold)
    }

    private func isBubble(_ cell: PlacedCell) -> Bool {
        if case .bubble = cell.cell.kind { return true } else { return false }
    }

    private func reading(_ field: Field, decision: ChoiceDecision, cells: [CellReading]) -> FieldReading {
        if field.kind == .flag {
            // A flag is a yes/no reading: unmarked is the value "0", not a blank field.
            switch decision.status {
            case .ok: return FieldReading(id: field.id, status: .ok, value: "1", confidence: decision.confidence, cells: cells)
            case .blank: return FieldReading(id: field.id, status: .ok, value: "0", confidence: decision.confidence, cells: cells)
            default:
                let marked = decision.value != nil
                return FieldReading(id: field.id, status: .ambiguous, value: marked ? "1" : "0", confidence: decision.confidence,
                                    alternatives: [Alternative(value: marked ? "0" : "1", confidence: 1 - decision.confidence)], cells: cells)
            }
        }
        return FieldReading(id: field.id, status: decision.status, value: decision.value, confidence: decision.confidence,
                            alternatives: decision.alternatives, cells: cells)
    }

    /// Digit fields are read column by column; the value has `?` for an unsure column and a
    /// space for a blank one.
    private func readDigits(_ field: Field, placed: [PlacedCell], measurements: [BubbleMeasurement],
                            decider: ChoiceDecider, cells: [CellReading]) -> FieldReading {
        var columns: [Int: [BubbleEvidence]] = [:]
        for (cell, m) in zip(placed, measurements) {
            if case .bubble(let value, let column) = cell.cell.kind {
                columns[column, default: []].append(BubbleEvidence(value: value, measurement: m))
            }
        }
        let decisions = columns.keys.sorted().map { decider.decide(columns[$0]!) }
        let statuses = decisions.map(\.status)
        let text = String(decisions.map { d -> Character in
            switch d.status {
            case .ok: Character(d.value!)
            case .blank: " "
            default: "?"
            }
        })
        let confidence = decisions.map(\.confidence).reduce(1, *)
        // Codes and numbers are written in every column (leading zeros, as the form asks), so a
        // blank column beside marked ones, inside the number or at either end, is a digit
        // missed (a pale mark lost to the scan) or left out: the number cannot be taken as
        // read, however sure each column is on its own. A faded leading «1» of variant «14»
        // must not become a certain «4».
        let incomplete = statuses.contains(.blank) && !statuses.allSatisfy { $0 == .blank }
        let status: FieldReading.Status
        if statuses.allSatisfy({ $0 == .blank }) { status = .blank }
        else if statuses.contains(.multiple) { status = .multiple }
        else if statuses.contains(.ambiguous) || confidence < config.acceptConfidence || incomplete { status = .ambiguous }
        else { status = .ok }
        // One alternative per unsure column: its best other reading.
        var alternatives: [Alternative] = []
        for (index, d) in decisions.enumerated() where d.status != .ok && d.status != .blank || d.confidence < config.acceptConfidence {
            guard let alt = d.alternatives.first else { continue }
            var chars = Array(text)
            chars[index] = Character(alt.value)
            alternatives.append(Alternative(value: String(chars), confidence: alt.confidence))
        }
        return FieldReading(id: field.id, status: status, value: status == .blank ? nil : text,
                            confidence: confidence, alternatives: alternatives, cells: cells)
    }

    /// Letter boxes: written or blank per box from the ink inside the frame.
    private func readBoxes(_ field: Field, placed: [PlacedCell], image: GrayImage, levels: PageLevels) -> FieldReading {
        let cells = placed.map { cell in
            CellReading(key: cell.key, rect: cell.rect,
                        fill: (image.inkShare(in: cell.rect.inset(by: config.boxInset), cut: levels.midpoint) * 1000).rounded() / 1000)
        }
        let written = cells.filter { $0.fill >= config.boxInkShare }.count
        if written == 0 {
            return FieldReading(id: field.id, status: .blank, value: nil, confidence: 0.9, cells: cells)
        }
        return FieldReading(id: field.id, status: .unreadable, value: nil, confidence: 0, cells: cells)
    }

    private func readArea(_ field: Field, placed: [PlacedCell], image: GrayImage, registration: Registration) -> FieldReading {
        guard let area = placed.first else { return FieldReading(id: field.id, status: .blank, value: nil, confidence: 0) }
        let share = image.inkShare(inside: area.cell.rect, insetMM: config.areaInsetMM, stepMM: config.areaSampleStepMM,
                                   transform: registration.transform, cut: registration.levels.midpoint)
        let cells = [CellReading(key: area.key, rect: area.rect, fill: (share * 1000).rounded() / 1000)]
        let signed = share >= config.areaInkShare
        return FieldReading(id: field.id, status: signed ? .ok : .blank, value: signed ? "1" : nil,
                            confidence: signed ? min(1, share / config.areaInkShare / 2 + 0.5) : 0.9, cells: cells)
    }
}
