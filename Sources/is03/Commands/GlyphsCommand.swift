import ArgumentParser
import Foundation
import IS03Core
import IS03Render
import IS03Vision

/// `is03 glyphs --count N --seed S --out DIR`: synthetic hand-printed letter boxes for training
/// and measuring the hand-print recogniser; with `--real-letters DIR --part P --copies K`, boxes
/// made from real people's letters of one part of the fixed split instead. Each box is rendered with scan damage and then
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
    @Option(help: "Render real handwritten letters from this folder (one folder per letter) instead of the stroke model.")
    var realLetters: String?
    @Option(help: "Which part of the real letters' fixed split: train, calibration or test.") var part: RealLetterSet.Part = .train
    @Option(help: "Boxes rendered from each real letter (each placed and damaged differently).") var copies: Int = 1
    @Option(help: "Only images number ≡ I (mod N) of the part, as I/N, to run pieces in parallel; the boxes are the same as unsharded.")
    var shard: String = "0/1"

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
        guard copies > 0 else { throw ValidationError("--copies must be positive") }
        guard shardCount > 0, (0..<shardCount).contains(shardIndex) else { throw ValidationError("--shard must be I/N with 0 ≤ I < N") }
        guard (0...1).contains(blankShare) else { throw ValidationError("--blank-share must be between 0 and 1") }
    }

    func run() throws {
        if let realLetters {
            let set = RealLetterSet(root: URL(fileURLWithPath: realLetters))
            let all = try set.items(part)
            let items = all.indices.filter { $0 % shardCount == shardIndex }.map { (index: $0, item: all[$0]) }
            if measure { return try GlyphsMeasure.runReal(items: items, part: part, copies: copies, seed: seed) }
            return try write(samples: RealLetterSamples(items: items, copies: copies, seed: seed))
        }
        if measure { return try GlyphsMeasure.run(count: count, seed: seed) }
        var variety = GlyphCropVariety()
        variety.blankShare = blankShare
        let synthesizer = GlyphCropSynthesizer(seed: seed, alphabet: HandprintClasses.characters, variety: variety)
        try write(samples: (0..<count).lazy.map { index in { try synthesizer.sample(index) } })
    }

    /// Normalises every sample with the run-time normaliser and writes glyphs.u8 + labels.csv.
    private func write<S: Sequence>(samples: S) throws where S.Element == () throws -> SyntheticBoxCrop? {
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let classes = HandprintClasses.characters
        let normalizer = BoxCropNormalizer()
        if preview > 0 {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("preview"), withIntermediateDirectories: true)
        }
        var bytes = Data()
        var csv = "index;label;class;writer;dpi;blank\n"
        var blankWritten = 0, index = 0
        for make in samples {
            guard let sample = try make() else { continue }
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
            index += 1
        }
        try bytes.write(to: folder.appendingPathComponent("glyphs.u8"))
        try csv.write(to: folder.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        print("wrote \(index) boxes (\(classes.count) classes, \(BoxCropConfig.standard.side)px) to \(folder.path)")
        if blankWritten > 0 { print("note: \(blankWritten) written boxes normalised as blank (too little ink)") }
    }
}

extension GlyphsCommand {
    private var shardParts: [Int] { shard.split(separator: "/").compactMap { Int($0) } }
    var shardIndex: Int { shardParts.count == 2 ? shardParts[0] : -1 }
    var shardCount: Int { shardParts.count == 2 ? shardParts[1] : 0 }
}

/// The boxes of real letters: `copies` differently placed and damaged boxes of each image, in
/// the order of the set (the writer column holds the image's number).
struct RealLetterSamples: Sequence {
    /// Each image with its number in the whole part (the number seeds its boxes).
    let items: [(index: Int, item: RealLetterSet.Item)]
    let copies: Int
    let seed: UInt64

    func makeIterator() -> AnyIterator<() throws -> SyntheticBoxCrop?> {
        let synthesizer = RealLetterBoxSynthesizer(seed: seed)
        var position = 0
        var image: GrayImage?
        return AnyIterator {
            guard position < items.count * copies else { return nil }
            let (entry, copy) = (items[position / copies], position % copies)
            position += 1
            return {
                if copy == 0 || image == nil { image = try RealLetterSet.image(entry.item) }
                return try synthesizer.box(letter: image!, character: entry.item.character, index: entry.index, copy: copy)
            }
        }
    }
}

extension RealLetterSet.Part: ExpressibleByArgument {}
