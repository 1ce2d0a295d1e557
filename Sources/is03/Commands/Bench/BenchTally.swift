import Foundation
import IS03Core
import IS03Vision

/// The benchmark's accounting, kept as counts while readings stream past (a reading is
/// scored and dropped), so memory stays flat however many sheets are read.
struct BenchTally: Sendable {
    // Pages and classes.
    var pages = 0
    var classRight = 0
    var classWrong: [String: Int] = [:]
    // Stage times in ms, one entry per page that reached the stage.
    var stageMS: [String: [Double]] = [:]
    // Marks.
    var markFields = 0, markErrors = 0, silentErrors = 0
    var sheets = 0, flaggedSheets = 0, needlesslyFlaggedSheets = 0
    /// Per truth kind (`corrected`, `double`, `light`, `blank`, `stray`, `plain`, with the mark
    /// style for plain and light fields): fields seen, wrong, silent, flagged per reason.
    var kinds: [String: KindCounts] = [:]
    /// Calibration: per confidence band (lower edges in `confidenceBands`), mark fields and how
    /// many of them were right, so the accept threshold can be checked against what happens.
    var bandFields = [Int](repeating: 0, count: BenchTally.confidenceBands.count)
    var bandRight = [Int](repeating: 0, count: BenchTally.confidenceBands.count)
    // Handwriting.
    var boxesWritten = 0, charactersRight = 0, charactersAccepted = 0, acceptedRight = 0
    var blankBoxesReadAsInk = 0, blankBoxes = 0
    var names = 0, namesRight = 0, namesRightAccepted = 0

    struct KindCounts: Sendable {
        var fields = 0, wrong = 0, silent = 0
        var flagged: [String: Int] = [:]
    }

    static let confidenceBands = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]
    static let markKinds: Set<Field.Kind> = [.digits, .choice, .flag]
    static let nameRoles: Set<FieldRole> = [.surname, .name, .patronymic, .expertSurname]

    /// Scores one reading against its truth.
    mutating func add(_ reading: SheetReading, truth: SheetTruth, template: Template?, markAccept: Double, letterAccept: Double) {
        pages += 1
        for (name, ms) in reading.timings { stageMS[name, default: []].append(ms) }
        let orientationRight = truth.pageClass != .sheet || reading.orientation == truth.orientation
        let templateRight = truth.templateID == nil || reading.templateID == truth.templateID
        if reading.pageClass == truth.pageClass && orientationRight && templateRight {
            classRight += 1
        } else {
            let got = reading.pageClass == .sheet ? "sheet \(reading.templateID ?? "?") @\(reading.orientation ?? -1)°" : reading.pageClass.rawValue
            let wanted = truth.pageClass == .sheet ? "sheet \(truth.templateID ?? "?") @\(truth.orientation)°" : truth.pageClass.rawValue
            classWrong["\(wanted) read as \(got)", default: 0] += 1
        }
        guard truth.pageClass == .sheet, reading.pageClass == .sheet, let template else { return }
        sheets += 1
        var flagged = false, needless = false
        for fieldTruth in truth.fields {
            guard let field = template.field(fieldTruth.id), let read = reading.field(fieldTruth.id) else { continue }
            if Self.markKinds.contains(field.kind) {
                let outcome = MarkOutcome(read, truth: fieldTruth, accept: markAccept)
                let kind = Self.kind(of: fieldTruth, field: field, template: template, strays: truth.strays)
                markFields += 1
                kinds[kind, default: KindCounts()].fields += 1
                if !outcome.right { markErrors += 1; kinds[kind]!.wrong += 1 }
                if outcome.silent { silentErrors += 1; kinds[kind]!.silent += 1 }
                let band = Self.confidenceBands.lastIndex { read.confidence >= $0 } ?? 0
                bandFields[band] += 1
                if outcome.right { bandRight[band] += 1 }
                if let reason = outcome.flagReason {
                    flagged = true
                    kinds[kind]!.flagged[reason, default: 0] += 1
                    // A genuine double mark must be flagged; any other flag costs an operator's time.
                    if fieldTruth.condition != .double { needless = true }
                }
            } else if field.kind == .letters, let boxes = fieldTruth.boxes {
                addLetters(read, truth: fieldTruth, boxes: boxes, role: field.role, accept: letterAccept)
            }
        }
        if flagged { flaggedSheets += 1 }
        if needless { needlesslyFlaggedSheets += 1 }
    }

    private mutating func addLetters(_ read: FieldReading, truth: FieldTruth, boxes: [String], role: FieldRole?, accept: Double) {
        for (index, expected) in boxes.enumerated() {
            let cell = index < read.cells.count ? read.cells[index] : nil
            if expected.isEmpty {
                blankBoxes += 1
                if let character = cell?.character, !character.isEmpty { blankBoxesReadAsInk += 1 }
                continue
            }
            boxesWritten += 1
            let right = cell?.character == expected
            if right { charactersRight += 1 }
            if (cell?.confidence ?? 0) >= accept {
                charactersAccepted += 1
                if right { acceptedRight += 1 }
            }
        }
        guard let role, Self.nameRoles.contains(role), let value = truth.value else { return }
        names += 1
        let text = (read.value ?? "").trimmingCharacters(in: .whitespaces)
        if text == value {
            namesRight += 1
            if read.status == .ok { namesRightAccepted += 1 }
        }
    }

    /// The truth kind a field's figures are filed under.
    static func kind(of truth: FieldTruth, field: Field, template: Template, strays: [StrayMark]) -> String {
        let style = truth.marks.first.map { "/\($0.style.rawValue)" } ?? ""
        switch truth.condition {
        case .corrected: return "corrected"
        case .double: return "double"
        case .light: return "light" + (field.kind == .digits ? "/digits" : "")
        case .blank, .clean:
            if nearStray(field, template: template, strays: strays) { return "stray" }
            return truth.condition == .blank ? (field.kind == .flag ? "blank/flag" : "blank") : "plain" + style
        }
    }

    /// True when a stray dot or line lies within two bubble diameters of one of the field's bubbles.
    static func nearStray(_ field: Field, template: Template, strays: [StrayMark]) -> Bool {
        guard !strays.isEmpty else { return false }
        return field.cells(defaults: template.defaults).contains { cell in
            let c = cell.rect.center, reach = cell.rect.width * 2
            return strays.contains { hypot($0.from.x - c.x, $0.from.y - c.y) < reach || hypot($0.to.x - c.x, $0.to.y - c.y) < reach }
        }
    }
}

/// How one mark field's reading compares with its truth.
struct MarkOutcome {
    /// The value matches the truth (a genuine double is right only when reported `multiple`).
    var right: Bool
    /// Wrong and accepted: the error nobody would see.
    var silent: Bool
    /// Why the field goes to review (nil when accepted).
    var flagReason: String?

    init(_ read: FieldReading, truth: FieldTruth, accept: Double) {
        let value = read.status == .blank ? nil : Self.normalised(read.value)
        if truth.condition == .double {
            right = read.status == .multiple
        } else {
            right = value == Self.normalised(truth.value) && read.status != .multiple
        }
        let accepted = (read.status == .ok || read.status == .blank) && read.confidence >= accept
        silent = accepted && !right
        if accepted { flagReason = nil }
        else if read.status == .multiple { flagReason = "multiple" }
        else if read.status == .ambiguous { flagReason = "ambiguous" }
        else if read.status == .unreadable { flagReason = "unreadable" }
        else { flagReason = "lowConfidence" }
    }

    /// Digit fields report blank columns as spaces; the truth omits them.
    static func normalised(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}
