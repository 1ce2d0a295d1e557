/// What a field means to the rest of the pipeline. Code finds fields by role, never by
/// coordinate; a template may omit roles its form does not have.
public enum FieldRole: String, Codable, Sendable, CaseIterable {
    case examDate, region, msu, oo, classNumber, classLetter, auditorium, variant, kim
    case documentSeries, documentNumber
    case surname, name, patronymic
    case criterion
    case expertTotal, expertVerdict
    case expertSurname, expertInitials, expertSignature
    case notCompleted, removed, notAdmitted
    case taskNotAttempted
}

/// One readable element of the form.
public struct Field: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// OMR digit columns: each column has bubbles 0…9 top to bottom; one digit per column.
        case digits
        /// Block-letter boxes, one handwritten character per box.
        case letters
        /// One bubble per allowed value; exactly one is expected (criteria, verdicts).
        case choice
        /// A single bubble that is either marked or not.
        case flag
        /// A free area that is only checked for ink (a signature).
        case area
    }

    public var id: String
    public var label: String
    public var kind: Kind
    public var role: FieldRole?
    /// For `taskNotAttempted` flags: the task number they speak for.
    public var task: Int?
    /// digits: centre of the bubble for digit 0 in column 0. choice/flag: centre of the first
    /// bubble. letters/area: top-left corner of the first box or of the area.
    public var x: Double
    public var y: Double
    // digits
    public var columns: Int?
    public var columnPitch: Double?
    public var rowPitch: Double?
    // letters
    public var count: Int?
    /// Characters a box may hold; `ru` means the 33 Russian capitals plus hyphen.
    public var alphabet: String?
    // choice
    public var values: [String]?
    /// Offset from one choice bubble to the next, in millimetres.
    public var step: PointMM?
    // area
    public var width: Double?
    public var height: Double?
    /// Overrides the template's default bubble diameter.
    public var bubbleDiameter: Double?
}

/// One place on the page that the reader measures: a bubble or a letter box.
public struct Cell: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A bubble; `value` is what marking it means ("7" in a digit column, "2" for П1).
        case bubble(value: String, column: Int)
        /// A letter box at `index` in its field.
        case box(index: Int)
        /// An ink-only area.
        case area
    }

    public var fieldID: String
    public var kind: Kind
    public var rect: RectMM
}

extension Field {
    /// The bubbles, boxes or area this field consists of, in reading order.
    public func cells(defaults: Template.Defaults) -> [Cell] {
        let diameter = bubbleDiameter ?? defaults.bubbleDiameter
        switch kind {
        case .digits:
            let columnCount = columns ?? 0
            let dx = columnPitch ?? 0, dy = rowPitch ?? 0
            return (0..<max(columnCount, 0)).flatMap { column in
                (0...9).map { digit in
                    Cell(fieldID: id, kind: .bubble(value: String(digit), column: column),
                         rect: RectMM(center: PointMM(x: x + Double(column) * dx, y: y + Double(digit) * dy),
                                      size: diameter))
                }
            }
        case .letters:
            let pitch = defaults.boxWidth + defaults.boxGap
            return (0..<max(count ?? 0, 0)).map { index in
                Cell(fieldID: id, kind: .box(index: index),
                     rect: RectMM(x: x + Double(index) * pitch, y: y,
                                  width: defaults.boxWidth, height: defaults.boxHeight))
            }
        case .choice:
            let offset = step ?? PointMM(x: 0, y: 0)
            return (values ?? []).enumerated().map { index, value in
                Cell(fieldID: id, kind: .bubble(value: value, column: 0),
                     rect: RectMM(center: PointMM(x: x + Double(index) * offset.x, y: y + Double(index) * offset.y),
                                  size: diameter))
            }
        case .flag:
            return [Cell(fieldID: id, kind: .bubble(value: "1", column: 0),
                         rect: RectMM(center: PointMM(x: x, y: y), size: diameter))]
        case .area:
            return [Cell(fieldID: id, kind: .area, rect: RectMM(x: x, y: y, width: width ?? 0, height: height ?? 0))]
        }
    }

    /// The letters a box of this field may hold.
    public var allowedCharacters: [Character] {
        switch alphabet ?? "ru" {
        case "ru": return Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ-")
        case "digits": return Array("0123456789")
        case let custom: return Array(custom)
        }
    }
}
