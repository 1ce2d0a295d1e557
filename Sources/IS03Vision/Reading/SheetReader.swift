import Foundation
import IS03Core

/// Everything learnt from one page, for callers that want more than the reading (the debug
/// overlay, the benchmark).
public struct SheetAnalysis {
    public var reading: SheetReading
    public var registration: Registration?
    var bubbles: [FieldReader.BubbleDetail]
    var threshold: MarkThreshold?
}

/// The recognition engine for one thread: registers a page, reads every field of its
/// template and reports how sure it is. Holds its recognisers (QR now, handwriting later),
/// so create one per thread and do not share it.
public final class SheetReader {
    public let registrar: PageRegistrar
    public let markConfig: MarkReadingConfig
    public let limits: ImageLimits
    /// The hand-print recogniser for letter boxes (nil when its model cannot be loaded).
    let letters: LetterFieldReader?
    /// When false, letter fields keep the mark pass's per-box written/blank reading and are
    /// not recognised (the benchmark's registration + marks timing).
    public var readsHandwriting = true

    public init(templates: [Template], registration: RegistrationConfig = .default,
                marks: MarkReadingConfig = .default, limits: ImageLimits = .default) throws(VisionError) {
        registrar = try PageRegistrar(templates: templates, config: registration)
        markConfig = marks
        self.limits = limits
        // Without the bundled model, written boxes stay `unreadable` (queued), never guessed.
        letters = (try? BoxFieldReader()).map { LetterFieldReader(reader: $0, boxInkShare: marks.boxInkShare) }
    }

    /// Loads every template in `directory` (the ``TemplateCatalog``'s rule) and builds a reader over them.
    public convenience init(templateDirectory directory: URL) throws {
        try self.init(templates: TemplateCatalog.load(from: directory).all)
    }

    /// Reads one decoded page. Never throws: a page that cannot be read comes back as
    /// `unreadable` with the reason.
    public func read(page image: GrayImage, source: PageSource) -> SheetReading {
        analyse(page: image, source: source).reading
    }

    /// Reads every page of a scan file; a bad file or page becomes an `unreadable` reading.
    public func read(fileAt url: URL) -> [SheetReading] {
        analyse(fileAt: url).map(\.analysis.reading)
    }

    /// Like `read(fileAt:)`, keeping the detail the debug overlay needs and each decoded page.
    public func analyse(fileAt url: URL, keepImages: Bool = false) -> [(analysis: SheetAnalysis, image: GrayImage?)] {
        let file: ScanFile
        do { file = try ScanFile(url: url, limits: limits) } catch {
            let reading = SheetReading(source: PageSource(file: url.path, page: 0, sha256: ""), pageClass: .unreadable,
                                       classReason: error.description)
            return [(SheetAnalysis(reading: reading, registration: nil, bubbles: [], threshold: nil), nil)]
        }
        return (0..<file.pageCount).map { page in
            let start = DispatchTime.now()
            let source = file.source(page: page)
            do {
                let image = try file.decode(page: page)
                var analysis = analyse(page: image, source: source)
                analysis.reading.timings["decode"] = milliseconds(since: start) - analysis.reading.timings.values.reduce(0, +)
                return (analysis, keepImages ? image : nil)
            } catch {
                let reading = SheetReading(source: source, pageClass: .unreadable, classReason: "\(error)")
                return (SheetAnalysis(reading: reading, registration: nil, bubbles: [], threshold: nil), nil)
            }
        }
    }

    /// Registers and reads one decoded page, keeping the detail.
    public func analyse(page image: GrayImage, source: PageSource) -> SheetAnalysis {
        var timings: [String: Double] = [:]
        var start = DispatchTime.now()
        let verdict: PageVerdict
        do { verdict = try registrar.register(image) } catch {
            return SheetAnalysis(reading: SheetReading(source: source, pageClass: .unreadable, classReason: error.description),
                                 registration: nil, bubbles: [], threshold: nil)
        }
        timings["registration"] = milliseconds(since: start)
        let registration: Registration
        switch verdict {
        case .sheet(let found): registration = found
        case .other(let pageClass, let reason):
            return SheetAnalysis(reading: SheetReading(source: source, pageClass: pageClass, classReason: reason, timings: timings),
                                 registration: nil, bubbles: [], threshold: nil)
        }
        start = DispatchTime.now()
        let output = FieldReader(config: markConfig).readMarks(image, registration: registration)
        timings["marks"] = milliseconds(since: start)
        start = DispatchTime.now()
        var fields = output.fields
        if let letters, readsHandwriting {
            for index in fields.indices {
                guard let field = registration.template.field(fields[index].id), field.kind == .letters else { continue }
                fields[index] = letters.read(fields[index], field: field, image: image, registration: registration)
            }
        }
        timings["handwriting"] = milliseconds(since: start)
        let reading = SheetReading(
            source: source, pageClass: .sheet, classReason: "registered \(registration.template.id) at \(Int(registration.dpi.rounded())) dpi"
                + (registration.placedCorner.map { "; the \($0) registration mark is missing and was placed from the other three and the orientation cue" } ?? "")
                + (registration.faintRingShare.map { "; printed bubble rings faint (\(Int(($0 * 100).rounded()))% seen), placed from the marks and orientation cue" } ?? ""),
            templateID: registration.template.id, orientation: registration.orientation,
            registrationResidualMM: (registration.residualMM * 1000).rounded() / 1000, qr: registration.qr,
            fields: fields, timings: timings)
        return SheetAnalysis(reading: reading, registration: registration, bubbles: output.bubbles, threshold: output.threshold)
    }

    private func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }
}
