import Foundation
import IS03Core

/// One synthetic scanned page and the truth about it.
public struct SyntheticPage: Sendable {
    public var image: GrayImage
    public var truth: SheetTruth
}

/// Settings of a synthetic packet beyond template, seed and level.
public struct SyntheticPacketOptions: Sendable {
    /// Personalised sheets: participant data pre-printed, participant id in the QR code.
    public var personalised = false
    /// Blank and foreign pages mixed into the packet (nil: about one of each per 12 sheets).
    public var blankPages: Int?
    public var foreignPages: Int?
    /// Serial of the packet's first sheet.
    public var firstSerial = 1
    /// Where the packet comes from (codes, date, auditorium, shares of absent participants).
    public var setting = SyntheticParticipants.Setting()
    /// Special categories (ОВЗ): participants of these are scored on their criteria only.
    public var categories: CategoryTable?
    /// Overrides of the level's standard fill and scan profiles.
    public var fill: FillProfile?
    public var scan: ScanProfile?
    /// How many experts score the packet (each with their own hand).
    public var experts = 2

    public init() {}
}

/// Produces a ВДП packet of synthetic scans with ground truth: filled ИС-03 sheets for the
/// participants present, plus blank and foreign pages, every page deterministic for the seed.
///
/// Pages are independent: `page(at:)` may be called from several threads (the benchmark does).
public struct SyntheticPacketGenerator: Sendable {
    public enum PagePlan: Sendable, Hashable {
        /// A filled sheet for `participants[participant]`.
        case sheet(participant: Int, serial: String, expert: Int)
        case blank
        case foreign(kind: String)
    }

    public let template: Template
    public let seed: UInt64
    public let level: DegradationLevel
    public let options: SyntheticPacketOptions
    /// The packet's participant list, absent participants included (they get no sheet).
    public let participants: [Participant]
    /// The pages in packet order.
    public let plan: [PagePlan]
    let experts: [(surname: String, initials: String)]
    /// The packet's experts as an experts list would name them (ids `E<seed>-<n>`, the
    /// packet's school), for `is03 synth --experts-out`.
    public let expertList: [Expert]

    /// - Parameter count: the number of filled sheets (participants present).
    public init(template: Template, seed: UInt64, level: DegradationLevel, count: Int,
                options: SyntheticPacketOptions = SyntheticPacketOptions()) {
        self.template = template; self.seed = seed; self.level = level; self.options = options
        var setting = options.setting
        if setting.specialCategories.isEmpty, let table = options.categories {
            setting.specialCategories = table.categories.map(\.id).filter { $0 != CategoryTable.standardID }
        }
        participants = SyntheticParticipants(setting: setting).generate(present: count, seed: seed)

        var rng = SeededRandom(seed: seed, stream: "experts")
        let expertNames = (0..<max(options.experts, 1)).map { _ in RussianNames.random(using: &rng, patronymicShare: 1) }
        experts = expertNames.map { name in
            (name.surname, String(name.name.prefix(1)) + String((name.patronymic ?? "").prefix(1)))
        }
        let school = participants.first?.oo ?? ""
        expertList = expertNames.enumerated().map { index, name in
            Expert(id: "E\(seed)-\(index + 1)", surname: name.surname, name: name.name, patronymic: name.patronymic, oo: school)
        }
        var pages: [PagePlan] = []
        var sheetIndex = 0
        for (index, participant) in participants.enumerated() where !participant.absent {
            let serial = SyntheticParticipants.digits(options.firstSerial + sheetIndex, width: 6)
            pages.append(.sheet(participant: index, serial: serial, expert: Int.random(in: 0..<experts.count, using: &rng)))
            sheetIndex += 1
        }
        let extras = max(1, count / 12)
        let blanks = options.blankPages ?? (count >= 4 ? extras : 0)
        let foreign = options.foreignPages ?? (count >= 4 ? extras : 0)
        var layout = SeededRandom(seed: seed, stream: "packet-layout")
        for _ in 0..<blanks { pages.insert(.blank, at: Int.random(in: 0...pages.count, using: &layout)) }
        for index in 0..<foreign {
            let kind = ForeignPagePainter.kinds[index % ForeignPagePainter.kinds.count]
            pages.insert(.foreign(kind: kind), at: Int.random(in: 0...pages.count, using: &layout))
        }
        plan = pages
    }

    /// Generates every page in order (single-threaded).
    public func pages() throws -> [SyntheticPage] { try plan.indices.map { try page(at: $0) } }

    /// Generates page `index` of the packet.
    public func page(at index: Int) throws -> SyntheticPage {
        var scanRNG = SeededRandom(seed: seed, stream: "page-\(index)-scan")
        let scanPlan = ScanPlan.random(options.scan ?? .standard(for: level), rng: &scanRNG)
        var rng = SeededRandom(seed: seed, stream: "page-\(index)-content")
        let canvas = try PageCanvas(widthMM: template.page.width, heightMM: template.page.height, dpi: scanPlan.dpi)
        var truth = SheetTruth(file: String(format: "page-%04d", index + 1), pageClass: .blank, orientation: scanPlan.orientation,
                               dpi: scanPlan.dpi, skewDegrees: scanPlan.skewDegrees, offsetMM: scanPlan.offsetMM,
                               level: level, effects: scanPlan.effects)
        switch plan[index] {
        case .blank:
            break
        case .foreign(let kind):
            truth.pageClass = .foreign
            truth.foreignKind = kind
            ForeignPagePainter.draw(kind: kind, widthMM: template.page.width, heightMM: template.page.height,
                                    rng: &rng, on: canvas)
        case .sheet(let participantIndex, let serial, let expertIndex):
            try fillSheet(participants[participantIndex], serial: serial, expert: experts[expertIndex],
                          expertIndex: expertIndex, truth: &truth, rng: &rng, on: canvas)
        }
        let image = try ScanSimulator.apply(scanPlan, to: canvas.grayImage())
        return SyntheticPage(image: image, truth: truth)
    }

    private func fillSheet(_ participant: Participant, serial: String, expert: (surname: String, initials: String),
                           expertIndex: Int, truth: inout SheetTruth, rng: inout SeededRandom, on canvas: PageCanvas) throws {
        let personalisation = SheetPersonalisation(serial: serial, participant: options.personalised ? participant : nil)
        try FormPainter(template: template).draw(on: canvas, personalisation: personalisation)

        let profile = options.fill ?? .standard(for: level)
        var violation: SyntheticScores.ViolationKind?
        if Double.random(in: 0..<1, using: &rng) < profile.violationShare {
            violation = SyntheticScores.ViolationKind.allCases.randomElement(using: &rng)
        }
        let category = options.categories?.category(participant.category)
        let scores = SyntheticScores.generate(template: template, criteria: category?.criteria,
                                              passMark: category?.passMark, violation: violation, rng: &rng)
        // Each expert keeps one hand across the packet; each participant has their own.
        var expertRNG = SeededRandom(seed: seed, stream: "expert-\(expertIndex)")
        let expertMarks = MarkHand.random(using: &expertRNG)
        let expertHand = HandStyle.random(using: &expertRNG)
        var filler = SheetFiller(template: template, profile: profile, participantHand: HandStyle.random(using: &rng),
                                 participantMarks: MarkHand.random(using: &rng), expertHand: expertHand,
                                 expertMarks: expertMarks)
        if level == .heavy && Double.random(in: 0..<1, using: &rng) < 0.3 {
            filler = filler.withFaintExpert()
        }
        let input = SheetFiller.Input(
            participant: participant, personalised: options.personalised, scores: scores,
            expertSurname: expert.surname, expertInitials: expert.initials,
            variant: String(Int.random(in: 1...30, using: &rng)),
            kim: String(Int.random(in: 100_000...999_999, using: &rng)))
        let (fields, strays, signed) = filler.fill(input, rng: &rng, on: canvas)

        truth.pageClass = .sheet
        truth.templateID = template.id
        truth.serial = template.qr == nil ? nil : serial
        truth.participantID = participant.id
        truth.personalised = options.personalised
        truth.scores = scores.scores
        truth.fields = fields
        truth.violations = scores.violations
        truth.strays = strays
        truth.signed = signed
    }
}

extension SheetFiller {
    /// The same people with a pencil-light expert (heavy level: faint marks).
    func withFaintExpert() -> SheetFiller {
        var marks = expertMarks
        marks.ink = min(marks.ink, 0.5)
        return SheetFiller(template: template, profile: profile, participantHand: participantHand,
                           participantMarks: participantMarks, expertHand: expertHand, expertMarks: marks)
    }
}
