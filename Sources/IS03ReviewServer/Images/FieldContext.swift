import IS03Core

/// What an operator must see around an item's field to decide it, in template millimetres:
/// strips of the page shown one under the other. A criterion's row comes with its printed
/// label («П1 Микротемы») and, above it, the column header «0 1 2»; the expert's surname
/// comes with the initials boxes (two experts may share a surname); a total or verdict that
/// disagrees with the computed one shows both the total and the verdict rows; a name item
/// shows the three name rows with their labels. Everything is found from the template's
/// fields and printed labels, so a new form needs no code.
struct FieldContext: Equatable {
    /// Page regions to cut, top to bottom; each is shown at the same horizontal extent.
    var strips: [RectMM]

    /// A label nearer than this to the right of a row's last cell belongs to the row («И. О.»);
    /// farther, it starts the next column of the form.
    static let trailingLabelReach = 6.0
    /// Room left around every strip, so ink that strays past a box stays in the picture.
    static let padding = 1.5

    /// The context of the item's field; nil when the item is about the whole page or sheet
    /// (the whole page is shown) or the field is not on the template.
    static func of(fieldID: String, reason: String, template: Template) -> FieldContext? {
        let base = ReviewSubject.baseFieldID(fieldID)
        let targets: [Field]
        switch ReviewReason(rawValue: reason) {
        case .totalMismatch?, .verdictMismatch?:
            targets = [FieldRole.expertTotal, .expertVerdict].compactMap { template.field(role: $0) }
        default:
            if base == "@participant" {
                targets = [FieldRole.surname, .name, .patronymic].compactMap { template.field(role: $0) }
            } else if base.hasPrefix("@") {
                return nil
            } else if let field = template.field(base) {
                targets = companions(of: field, in: template)
            } else {
                return nil
            }
        }
        guard !targets.isEmpty else { return nil }
        var rows = union(targets.map { row(of: $0, among: targets, template: template) })
        let header = targets.count == 1 ? columnHeader(of: targets[0], template: template) : nil
        var strips: [RectMM] = []
        if let header {
            // The header spans the row's width, so the «2» stands over the bubble it names.
            let band = RectMM(x: rows.x, y: header.y, width: rows.width, height: header.height)
            if rows.y - header.maxY < 3 { rows = union([rows, band]) } else { strips.append(band) }
        }
        strips.append(rows)
        let page = template.page.rect
        return FieldContext(strips: strips.map { clamp(pad($0), to: page) })
    }

    /// The field with the fields it is read together with: surname and initials of the expert.
    static func companions(of field: Field, in template: Template) -> [Field] {
        switch field.role {
        case .expertSurname?, .expertInitials?:
            [FieldRole.expertSurname, .expertInitials].compactMap { template.field(role: $0) }
        default: [field]
        }
    }

    /// The field's cells with the printed labels on their line: those to the left up to the
    /// previous field on the line, those between the cells, and one just after them.
    static func row(of field: Field, among targets: [Field], template: Template) -> RectMM {
        let cells = union(field.cells(defaults: template.defaults).map(\.rect))
        let ids = Set(targets.map(\.id))
        var leftBound = 0.0
        for other in template.fields where !ids.contains(other.id) {
            let otherCells = other.cells(defaults: template.defaults)
            // A block of digit columns crossing the line (the 2018 form prints its document
            // numbers between the criteria's labels and bubbles) is no field of this line.
            guard union(otherCells.map(\.rect)).height < 2 * cells.height + 2 else { continue }
            for cell in otherCells {
                let rect: RectMM = cell.rect
                let sameLine: Bool = rect.maxY > cells.y - 1 && rect.y < cells.maxY + 1
                if sameLine && rect.maxX <= cells.x { leftBound = max(leftBound, rect.maxX) }
            }
        }
        let labels = template.labels.filter { (label: Template.Label) -> Bool in
            let inBand: Bool = label.y >= cells.y - 1 && label.y <= cells.maxY + 2.5
            let inReach: Bool = label.x >= leftBound && label.x <= cells.maxX + trailingLabelReach
            // A caption printed over its boxes («Регион» over the digit columns, «Общий балл (ставит эксперт)»).
            let above: Bool = label.y >= cells.y - 8 && label.y < cells.y && abs(label.x - cells.x) < 10
            return (inBand && inReach) || (above && label.text.hasPrefix(field.label))
        }
        return union([cells] + labels.map { extent(of: $0, defaults: template.defaults) })
    }

    /// The printed values over a choice field's bubbles («0 1 2»): for each value the nearest
    /// label above its bubble that says it. Nil unless at least two values are found.
    static func columnHeader(of field: Field, template: Template) -> RectMM? {
        guard field.kind == .choice else { return nil }
        let cells = field.cells(defaults: template.defaults)
        let found = cells.compactMap { cell -> RectMM? in
            guard case .bubble(let value, _) = cell.kind else { return nil }
            return template.labels
                .filter { (label: Template.Label) -> Bool in
                    label.text == value && label.y < cell.rect.y && abs(label.x - cell.rect.center.x) <= 3
                }
                .max { $0.y < $1.y }
                .map { extent(of: $0, defaults: template.defaults) }
        }
        return found.count >= 2 ? union(found) : nil
    }

    /// Where a printed label's text lies, generously: from its baseline up by its font size, and
    /// as wide as its characters at a wide average advance.
    static func extent(of label: Template.Label, defaults: Template.Defaults) -> RectMM {
        let size = (label.size ?? defaults.fontSize) * 0.3528
        let width = Double(label.text.count) * size * (label.bold == true ? 0.62 : 0.56)
        return RectMM(x: label.x, y: label.y - size, width: width, height: size * 1.25)
    }

    static func union(_ rects: [RectMM]) -> RectMM {
        guard let first = rects.first else { return RectMM(x: 0, y: 0, width: 0, height: 0) }
        var minX = first.x, minY = first.y, maxX = first.maxX, maxY = first.maxY
        for r in rects.dropFirst() {
            minX = min(minX, r.x); minY = min(minY, r.y); maxX = max(maxX, r.maxX); maxY = max(maxY, r.maxY)
        }
        return RectMM(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    static func pad(_ r: RectMM) -> RectMM {
        RectMM(x: r.x - padding, y: r.y - padding, width: r.width + 2 * padding, height: r.height + 2 * padding)
    }

    static func clamp(_ r: RectMM, to page: RectMM) -> RectMM {
        let x = max(page.x, r.x), y = max(page.y, r.y)
        return RectMM(x: x, y: y, width: max(0, min(page.maxX, r.maxX) - x), height: max(0, min(page.maxY, r.maxY) - y))
    }
}
