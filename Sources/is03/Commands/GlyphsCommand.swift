import ArgumentParser
import Foundation
import IS03Core
import IS03Render
import IS03Vision

/// `is03 glyphs --count N --seed S --out DIR`: synthetic hand-printed letter boxes for training
/// and measuring the hand-print recogniser. Each box is rendered with scan damage and then
/// normalised by the run-time `BoxCropNormalizer`, so the trainer sees exactly what the
/// recogniser will see.
///
/// Writes `DIR/glyphs.u8` (N × side × side bytes, 0 = paper, 255 = ink), `DIR/labels.csv`
/// (`index;label;class;writer;dpi;blank`, class −1 for blank boxes) and, with `--preview K`,
/// the first K raw crops and normalised glyphs as PNG files in `DIR/preview/`.
struct GlyphsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glyphs",
        abstract: "Render synthetic hand-printed letter boxes (training and test data for the recogniser)."
    )

    @Option(help: "Number of boxes.") var count: Int = 1000
    @Option(help: "Random seed (the same seed gives the same boxes).") var seed: UInt64 = 1
    @Option(help: "Output folder (created if missing).") var out: String = "glyphs"
    @Flag(help: "Measure the bundled recogniser (and Tesseract) on COUNT fresh boxes instead of writing files.")
    var measure = false
    @Option(help: "Share of blank boxes (0…1).") var blankShare: Double = 0
    @Option(help: "Write the first K crops and normalised glyphs as PNG for inspection.") var preview: Int = 0

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
        guard (0...1).contains(blankShare) else { throw ValidationError("--blank-share must be between 0 and 1") }
    }

    func run() throws {
        if measure { return try GlyphsMeasure.run(count: count, seed: seed) }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var variety = GlyphCropVariety()
        variety.blankShare = blankShare
        let classes = HandprintClasses.characters
        let synthesizer = GlyphCropSynthesizer(seed: seed, alphabet: classes, variety: variety)
        let normalizer = BoxCropNormalizer()
        if preview > 0 {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("preview"), withIntermediateDirectories: true)
        }
        var bytes = Data()
        var csv = "index;label;class;writer;dpi;blank\n"
        var blankWritten = 0
        for index in 0..<count {
            let sample = try synthesizer.sample(index)
            let normal = normalizer.normalize(BoxCrop(image: sample.image, box: sample.expectedBox, pixelsPerMM: sample.pixelsPerMM))
            let side = normal.side
            let glyph = normal.isBlank ? [Float](repeating: 0, count: side * side) : normal.glyph
            bytes.append(contentsOf: glyph.map { UInt8(min(max($0 * 255, 0), 255).rounded()) })
            let label = sample.character.map(String.init) ?? ""
            let classIndex = sample.character.flatMap { classes.firstIndex(of: $0) } ?? -1
            if sample.character != nil && normal.isBlank { blankWritten += 1 }
            csv += "\(index);\(label);\(classIndex);\(sample.writer);\(Int(sample.dpi));\(normal.isBlank ? 1 : 0)\n"
            if index < preview {
                let name = String(format: "%05d", index)
                try ImageWriter.write(sample.image, to: folder.appendingPathComponent("preview/\(name)-crop.png"), format: .png)
                let inverted = GrayImage(width: side, height: side, pixels: glyph.map { 255 - UInt8(min(max($0 * 255, 0), 255)) })
                try ImageWriter.write(inverted, to: folder.appendingPathComponent("preview/\(name)-norm.png"), format: .png)
            }
        }
        try bytes.write(to: folder.appendingPathComponent("glyphs.u8"))
        try csv.write(to: folder.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        print("wrote \(count) boxes (\(HandprintClasses.characters.count) classes, \(BoxCropConfig.standard.side)px) to \(folder.path)")
        if blankWritten > 0 { print("note: \(blankWritten) written boxes normalised as blank (too little ink)") }
    }
}
