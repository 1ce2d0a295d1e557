import COpenCVShim
import Foundation
import IS03Core

/// Finds the form on a page: registration marks, orientation, template, transform and QR, or
/// says why the page is blank, foreign or unreadable. Never guesses a template that does not
/// fit. Holds a QR decoder, so use one registrar per thread.
public final class PageRegistrar {
    public let templates: [Template]
    public let config: RegistrationConfig
    private let qrReader: QRCodeReader

    public init(templates: [Template], config: RegistrationConfig = .default) throws(VisionError) {
        guard !templates.isEmpty else { throw VisionError(message: "no templates to register pages against; check the Templates folder") }
        self.templates = templates
        self.config = config
        self.qrReader = try QRCodeReader()
    }

    /// One way the page might be laid: a template, a rotation and the fitted transform.
    private struct Hypothesis {
        var template: Template
        var orientation: Int
        /// Template mm → downscaled-page pixels, from the four corner marks.
        var workTransform: Homography
        var cueDarkness: Double
        /// Template marks and the image corners they were matched to (work pixels).
        var pairs: [(mm: PointMM, px: FoundSquare)]
    }

    /// Registers `image` (full resolution, 8-bit grey).
    public func register(_ image: GrayImage) throws(VisionError) -> PageVerdict {
        let factor = min(1, Double(config.workLongSide) / Double(max(image.width, image.height)))
        let work = factor < 1
            ? try image.transformed { input, out, err in
                is03cv_resize(&input, Int32((Double(image.width) * factor).rounded()),
                              Int32((Double(image.height) * factor).rounded()), &out, &err)
            }
            : image
        // Work pixels → page pixels, per axis: each side of the copy is rounded on its own, and
        // one factor for both put bubbles up to a pixel off along the other side, differently
        // in each feed orientation.
        let scaleBack = (x: Double(image.width) / Double(work.width), y: Double(image.height) / Double(work.height))
        let paper = PageLevels.percentile(work, 0.9)
        let reference = templates[0]
        let markSide = reference.registration.marks.map(\.size).sorted()[reference.registration.marks.count / 2]
        let search = try MarkFinder(config: config).search(
            work: work, paper: paper, markSideMM: markSide, cueSideMM: reference.registration.orientationCue.size,
            pageLongSideMM: max(reference.page.width, reference.page.height))

        // Scanner dirt on an empty page: a few small spots (some may even pass for marks), no form.
        func onlyDirt() throws(VisionError) -> Bool {
            let workPxPerMM = Double(max(work.width, work.height)) / max(reference.page.width, reference.page.height)
            return try DirtSpecks(config: config).onlyDirt(work, threshold: search.threshold, pxPerMM: workPxPerMM)
        }
        let dirtyBlank = PageVerdict.other(.blank, reason: "no form, only a few specks of dirt (\(percent(search.inkShare)) of the page is dark)")
        let found = ImageCorner.allCases.compactMap { search.corners[$0] }
        var corners = search.corners
        var placed: ImageCorner?
        if found.count < 4 {
            if search.inkShare < config.blankInkShare {
                return .other(.blank, reason: "almost no ink (\(percent(search.inkShare)) of the page is dark)")
            }
            // Dark by lighting or paper tone alone (a heavy scan of an empty page): judged
            // against the paper around each spot, there is still no ink.
            let localInk = PageLevels.localInkShare(work, block: config.blankLocalBlock, contrast: config.blankLocalContrast)
            if localInk < config.blankInkShare {
                return .other(.blank, reason: "no ink darker than the paper around it (\(percent(localInk)) of the page); the page is only unevenly lit or toned")
            }
            if try onlyDirt() { return dirtyBlank }
            guard found.count == 3, let missing = ImageCorner.allCases.first(where: { search.corners[$0] == nil }) else {
                return .other(.foreign, reason: "no ИС-03 registration marks (\(found.count) of 4 corner squares found)")
            }
            // A torn, stapled or punched corner: the marks sit on a rectangle, so the missing one
            // is where the other three put it. `finish` then insists on the orientation cue as
            // a fourth measured point, and the printed bubble rings must be where this puts them.
            func at(_ offset: Int) -> FoundSquare { search.corners[ImageCorner(rawValue: (missing.rawValue + offset) % 4)!]! }
            let (next, opposite, previous) = (at(1), at(2), at(3))
            corners[missing] = FoundSquare(x: next.x + previous.x - opposite.x, y: next.y + previous.y - opposite.y,
                                           side: (next.side + opposite.side + previous.side) / 3)
            placed = missing
        }
        let sides = found.map(\.side).sorted()
        let medianSide = (sides[1] + sides[2]) / 2
        guard sides.allSatisfy({ abs($0 / medianSide - 1) < 0.3 }) else {
            if try onlyDirt() { return dirtyBlank }
            return .other(.foreign, reason: "the dark squares near the corners differ in size; not an ИС-03 sheet")
        }
        let ink = found.map { inkLevel(work, around: $0) }.sorted()[1]
        let levels = PageLevels(paper: paper, ink: min(ink, paper - 30))

        var hypotheses: [Hypothesis] = []
        for template in templates {
            hypotheses += hypothesesFor(template, corners: corners, work: work, levels: levels)
        }
        if hypotheses.isEmpty {
            if try onlyDirt() { return dirtyBlank }
            return .other(.foreign, reason: "the corner squares are not laid out like any known template's registration marks")
        }
        var withCue = hypotheses.filter { $0.cueDarkness >= config.cuePresent }
        if withCue.isEmpty {
            if try onlyDirt() { return dirtyBlank }
            let unsure = hypotheses.contains { $0.cueDarkness > config.cueAbsent }
            return .other(unsure ? .unreadable : .foreign,
                          reason: unsure ? "registration marks found but the orientation cue is unclear; rescan the sheet"
                                         : "registration marks found but no orientation cue where any known template puts it")
        }

        // The QR, when a candidate template has one, names the template outright.
        var payload: QRPayload?
        var qrText: String?
        for hypothesis in withCue {
            guard let region = hypothesis.template.qr else { continue }
            let full = hypothesis.workTransform.scaled(x: scaleBack.x, y: scaleBack.y)
            if let text = try qrReader.decode(image, in: pixelBounds(of: region, margin: config.qrMarginMM, transform: full, image: image)) {
                qrText = text
                payload = QRPayload(decoding: text)
                break
            }
        }
        if let qrText {
            guard let payload else {
                return .other(.foreign, reason: "the QR code reads \"\(qrText.prefix(60))\", which is not an ИС-03 sheet code")
            }
            guard templates.contains(where: { $0.id == payload.templateID }) else {
                return .other(.foreign, reason: "the QR code names template \(payload.templateID), which is not installed; add it to the Templates folder")
            }
            withCue = withCue.filter { $0.template.id == payload.templateID }
            if withCue.isEmpty {
                return .other(.unreadable, reason: "the QR code names \(payload.templateID) but the printed layout does not fit it; check the sheet")
            }
        }

        // Printed bubble rings tell templates (and any remaining orientations) apart. Marks and
        // a cue that fit one template and orientation make the page that template's sheet on
        // their own: faint rings (a pale print, a thin pen, a 1-bit scan) never make it foreign.
        let scored = withCue.map { ($0, ringShare($0.template, transform: $0.workTransform.scaled(x: scaleBack.x, y: scaleBack.y), image: image, levels: levels)) }
            .sorted { $0.1 > $1.1 }
        let (best, bestShare) = scored[0]
        let runnerUp = scored.count > 1 ? scored[1].1 : 0
        guard scored.count == 1 || bestShare - runnerUp >= config.ringMinLead else {
            let other = scored[1].0
            return .other(.unreadable, reason: "the page fits \(best.template.id) at \(best.orientation)° and \(other.template.id) at \(other.orientation)° about equally; check it by hand")
        }
        if bestShare < config.ringMinShare && placed != nil {
            let missing = placed.map(name) ?? "?"
            return .other(.unreadable, reason: "only 3 of 4 registration marks found (none at the \(missing) corner) and the printed bubbles of \(best.template.id) are faint (\(percent(bestShare)) seen); check the sheet is whole and rescan it")
        }
        let faintRings = bestShare < config.ringMinShare ? bestShare : nil
        guard var registration = finish(best, search: search, scaleBack: scaleBack, levels: levels, payload: payload,
                                        placed: placed.map(name)) else {
            let missing = placed.map(name) ?? "?"
            return .other(.unreadable, reason: "only 3 of 4 registration marks found (none at the \(missing) corner) and the orientation cue does not confirm where the fourth belongs; check the sheet is whole and rescan it")
        }
        registration.faintRingShare = faintRings
        return .sheet(registration)
    }

    // MARK: Steps

    private func hypothesesFor(_ template: Template, corners: [ImageCorner: FoundSquare], work: GrayImage, levels: PageLevels) -> [Hypothesis] {
        // Template marks in clockwise corner order, by their position on the page.
        let cx = template.page.width / 2, cy = template.page.height / 2
        func corner(_ m: Template.Registration.Mark) -> Int {
            let c = m.center
            return c.y < cy ? (c.x < cx ? 0 : 1) : (c.x < cx ? 3 : 2)
        }
        var byCorner: [Int: PointMM] = [:]
        for mark in template.registration.marks { byCorner[corner(mark)] = mark.center }
        guard byCorner.count == 4 else { return [] }
        let tmm = (0..<4).map { byCorner[$0]! }
        let templateWidth = (dist(tmm[0], tmm[1]) + dist(tmm[3], tmm[2])) / 2
        let templateHeight = (dist(tmm[0], tmm[3]) + dist(tmm[1], tmm[2])) / 2
        let img = ImageCorner.allCases.map { corners[$0]! }

        var result: [Hypothesis] = []
        for turn in 0..<4 {
            // Form corner k lies at image corner (k + turn) mod 4 when the scan is turned clockwise.
            let matched = (0..<4).map { img[($0 + turn) % 4] }
            let width = (dist(matched[0], matched[1]) + dist(matched[3], matched[2])) / 2
            let height = (dist(matched[0], matched[3]) + dist(matched[1], matched[2])) / 2
            guard abs((width / height) / (templateWidth / templateHeight) - 1) < config.layoutTolerance else { continue }
            guard let transform = Homography.fit(from: tmm.map { ($0.x, $0.y) }, to: matched.map { ($0.x, $0.y) }) else { continue }
            let cue = template.registration.orientationCue
            let darkness = meanDarkness(work, rect: RectMM(center: cue.center, size: cue.size * 0.5), transform: transform, levels: levels)
            result.append(Hypothesis(template: template, orientation: turn * 90, workTransform: transform,
                                     cueDarkness: darkness, pairs: Array(zip(tmm, matched))))
        }
        return result
    }

    /// Refits with the cue as a fifth point (so the residual means something) at full resolution.
    /// With a corner mark `placed` from the other three, the cue must be found (it is then the
    /// fourth measured point) and the residual is taken over measured points only; nil when the
    /// cue is not there to confirm the placement.
    private func finish(_ h: Hypothesis, search: MarkSearch, scaleBack: (x: Double, y: Double), levels: PageLevels, payload: QRPayload?,
                        placed: String?) -> Registration? {
        var mm = h.pairs.map { ($0.mm.x, $0.mm.y) }
        var px = h.pairs.map { ($0.px.x * scaleBack.x, $0.px.y * scaleBack.y) }
        let found = Set(search.corners.values)
        var measured = h.pairs.map { found.contains($0.px) }  // false only for a placed corner
        let cue = h.template.registration.orientationCue
        let predicted = h.workTransform.apply(cue.center)
        let cueSidePx = cue.size * h.workTransform.scale(at: cue.center)
        if let blob = search.squares.min(by: { dist2($0, predicted) < dist2($1, predicted) }),
           dist2(blob, predicted).squareRoot() < cueSidePx / 2, abs(blob.side / cueSidePx - 1) < 0.4 {
            mm.append((cue.center.x, cue.center.y))
            px.append((blob.x * scaleBack.x, blob.y * scaleBack.y))
            measured.append(true)
        } else if placed != nil {
            return nil
        }
        let transform = Homography.fit(from: mm, to: px) ?? h.workTransform.scaled(x: scaleBack.x, y: scaleBack.y)
        let center = PointMM(x: h.template.page.width / 2, y: h.template.page.height / 2)
        let pxPerMM = transform.scale(at: center)
        let squared = zip(mm, px).enumerated().filter { measured[$0.offset] }.map { _, pair -> Double in
            let p = transform.apply(pair.0.0, pair.0.1)
            return (p.x - pair.1.0) * (p.x - pair.1.0) + (p.y - pair.1.1) * (p.y - pair.1.1)
        }
        let residual = (squared.reduce(0, +) / Double(max(squared.count, 1))).squareRoot() / pxPerMM
        return Registration(template: h.template, orientation: h.orientation, transform: transform,
                            residualMM: residual, dpi: pxPerMM * 25.4, levels: levels, qr: payload,
                            foundMarks: zip(px, measured).filter(\.1).map { (x: $0.0.0, y: $0.0.1) },
                            placedCorner: placed)
    }

    /// Share of probed bubbles whose printed ring is seen where `template` puts it.
    private func ringShare(_ template: Template, transform: Homography, image: GrayImage, levels: PageLevels) -> Double {
        let bubbles = template.fields.flatMap { $0.cells(defaults: template.defaults) }.filter {
            if case .bubble = $0.kind { return true } else { return false }
        }
        guard !bubbles.isEmpty else { return 0 }
        let count = min(config.ringProbeCount, bubbles.count)
        var ringed = 0
        for k in 0..<count {
            let cell = bubbles[k * bubbles.count / count]
            let centre = transform.apply(cell.rect.center)
            let radius = cell.rect.width / 2 * transform.scale(at: cell.rect.center)
            var hits = 0
            for a in 0..<16 {
                let angle = Double(a) * .pi / 8
                let (dx, dy) = (cos(angle), sin(angle))
                func dark(_ t: Double) -> Double {
                    levels.darkness(Double(image.grey(at: centre.x + dx * radius * t, centre.y + dy * radius * t)))
                }
                let ring = stride(from: 0.86, through: 1.14, by: 0.04).map(dark).max() ?? 0
                let base = [0.55, 0.65, 1.24].map(dark).min() ?? 0
                if ring - base > 0.15 { hits += 1 }
            }
            if hits >= 10 { ringed += 1 }
        }
        return Double(ringed) / Double(count)
    }

    // MARK: Helpers

    private func inkLevel(_ work: GrayImage, around square: FoundSquare) -> Double {
        // A grid symmetric about the centre, so a turned page samples the same pixels.
        let half = square.side / 4, steps = max(1, Int(2 * half))
        var values: [Int] = []
        for j in 0...steps {
            for i in 0...steps {
                let x = square.x - half + 2 * half * Double(i) / Double(steps)
                let y = square.y - half + 2 * half * Double(j) / Double(steps)
                values.append(Int(work.grey(at: x, y)))
            }
        }
        values.sort()
        return Double(values.isEmpty ? 0 : values[values.count / 2])
    }

    private func meanDarkness(_ image: GrayImage, rect: RectMM, transform: Homography, levels: PageLevels) -> Double {
        var sum = 0.0
        let n = 7
        for i in 0..<n {
            for j in 0..<n {
                let p = transform.apply(rect.x + rect.width * (Double(i) + 0.5) / Double(n),
                                        rect.y + rect.height * (Double(j) + 0.5) / Double(n))
                sum += levels.darkness(Double(image.grey(at: p.x, p.y)))
            }
        }
        return sum / Double(n * n)
    }

    private func pixelBounds(of rect: RectMM, margin: Double, transform: Homography, image: GrayImage) -> PixelRect {
        let corners = [(rect.x - margin, rect.y - margin), (rect.maxX + margin, rect.y - margin),
                       (rect.x - margin, rect.maxY + margin), (rect.maxX + margin, rect.maxY + margin)].map { transform.apply($0.0, $0.1) }
        let x0 = max(0, Int(corners.map(\.x).min()!)), y0 = max(0, Int(corners.map(\.y).min()!))
        let x1 = min(image.width, Int(corners.map(\.x).max()!.rounded(.up))), y1 = min(image.height, Int(corners.map(\.y).max()!.rounded(.up)))
        return PixelRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    private func name(_ corner: ImageCorner) -> String {
        switch corner {
        case .topLeft: "top-left"
        case .topRight: "top-right"
        case .bottomRight: "bottom-right"
        case .bottomLeft: "bottom-left"
        }
    }

    private func percent(_ share: Double) -> String { "\((share * 1000).rounded() / 10)%" }
    private func dist(_ a: PointMM, _ b: PointMM) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }
    private func dist(_ a: FoundSquare, _ b: FoundSquare) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }
    private func dist2(_ a: FoundSquare, _ b: (x: Double, y: Double)) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }
}
