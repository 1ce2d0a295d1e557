import IS03Core
import IS03Render
import Testing

@Suite("Handprint stroke model")
struct HandprintTests {
    @Test("covers the 33 capitals, hyphen and digits, and nothing else")
    func coverage() {
        let expected = Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ-0123456789")
        #expect(Set(Handprint.characters) == Set(expected))
        var rng = SeededRandom(seed: 1)
        for character in expected {
            for _ in 0..<20 {
                let style = HandStyle.random(using: &rng)
                let strokes = Handprint.strokes(for: character, style: style, rng: &rng)
                #expect(strokes != nil && !strokes!.isEmpty, "no strokes for \(character)")
                for point in (strokes ?? []).flatMap({ $0 }) {
                    #expect((0...1).contains(point.x) && (0...1).contains(point.y))
                }
            }
        }
        for stranger in Array("AQz.ъё ") {
            #expect(Handprint.strokes(for: stranger, style: .neat, rng: &rng) == nil)
        }
    }

    @Test("several allographs for letters people print in different ways")
    func allographs() {
        for character in Array("ДЙЁОСЭШЩЫЬЪ147") {
            #expect(Handprint.allographCount(for: character) >= 2, "\(character)")
        }
    }

    @Test("the same seed gives the same strokes; another seed gives others")
    func deterministic() {
        func draw(seed: UInt64) -> [[PointMM]] {
            var rng = SeededRandom(seed: seed)
            let style = HandStyle.random(using: &rng)
            return Array("ЖЁЩ").flatMap { Handprint.strokes(for: $0, style: style, rng: &rng)! }
        }
        #expect(draw(seed: 7) == draw(seed: 7))
        #expect(draw(seed: 7) != draw(seed: 8))
    }

    @Test("random writers stay inside the documented ranges")
    func styleRanges() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<500 {
            let style = HandStyle.random(using: &rng)
            #expect((0.3...0.8).contains(style.penWidth))
            #expect(abs(style.slant) < 0.4)
        }
    }
}
