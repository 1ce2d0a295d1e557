import IS03Core

/// The scan effects of one degradation level, as ranges the simulator draws from per page.
public struct ScanProfile: Sendable, Hashable {
    /// Scan resolutions to choose from.
    public var dpiChoices: [Double]
    /// Small rotation on top of the quarter turns, in degrees (uniform in ±`maxSkew`).
    public var maxSkew: Double
    /// Shift of the page on the glass, in millimetres (uniform in ±`maxOffset`).
    public var maxOffset: Double
    /// Probabilities of a 180° turn and of a 90°/270° turn.
    public var upsideDownShare: Double
    public var sidewaysShare: Double
    /// Gaussian noise standard deviation range, in grey levels (0 = none).
    public var noise: ClosedRange<Double>
    /// Blur standard deviation range, in pixels at 300 dpi (scaled with dpi; 0 = none).
    public var blur: ClosedRange<Double>
    /// Probability of JPEG artefacts and the quality range used.
    public var jpegShare: Double
    public var jpegQuality: ClosedRange<Int>
    /// Uneven lighting: the darkest corner's brightness as a fraction of the brightest (1 = even).
    public var lighting: ClosedRange<Double>
    /// Probability and strength (0…1) of faint mirrored content from the back of the sheet.
    public var bleedShare: Double
    public var bleedStrength: ClosedRange<Double>
    /// Paper and ink grey levels of the scan (paper is never pure white on a real scanner).
    public var paper: ClosedRange<Double>
    public var ink: ClosedRange<Double>

    public init(dpiChoices: [Double], maxSkew: Double, maxOffset: Double, upsideDownShare: Double,
                sidewaysShare: Double, noise: ClosedRange<Double>, blur: ClosedRange<Double>, jpegShare: Double,
                jpegQuality: ClosedRange<Int>, lighting: ClosedRange<Double>, bleedShare: Double,
                bleedStrength: ClosedRange<Double>, paper: ClosedRange<Double>, ink: ClosedRange<Double>) {
        self.dpiChoices = dpiChoices; self.maxSkew = maxSkew; self.maxOffset = maxOffset
        self.upsideDownShare = upsideDownShare; self.sidewaysShare = sidewaysShare; self.noise = noise
        self.blur = blur; self.jpegShare = jpegShare; self.jpegQuality = jpegQuality; self.lighting = lighting
        self.bleedShare = bleedShare; self.bleedStrength = bleedStrength; self.paper = paper; self.ink = ink
    }

    /// The profile `is03 synth --level` uses.
    public static func standard(for level: DegradationLevel) -> ScanProfile {
        switch level {
        case .clean:
            ScanProfile(dpiChoices: [300], maxSkew: 0.5, maxOffset: 1, upsideDownShare: 0, sidewaysShare: 0,
                        noise: 0...0, blur: 0...0, jpegShare: 0, jpegQuality: 90...90, lighting: 1...1,
                        bleedShare: 0, bleedStrength: 0...0, paper: 250...255, ink: 0...10)
        case .moderate:
            ScanProfile(dpiChoices: [200, 250, 300], maxSkew: 3, maxOffset: 3, upsideDownShare: 0.15, sidewaysShare: 0,
                        noise: 2...6, blur: 0.3...0.8, jpegShare: 0.3, jpegQuality: 70...90, lighting: 0.9...1,
                        bleedShare: 0.2, bleedStrength: 0.04...0.08, paper: 235...252, ink: 5...30)
        case .heavy:
            ScanProfile(dpiChoices: [150, 200, 300, 400], maxSkew: 5, maxOffset: 5, upsideDownShare: 0.2,
                        sidewaysShare: 0.2, noise: 5...12, blur: 0.5...1.3, jpegShare: 0.6, jpegQuality: 40...75,
                        lighting: 0.75...0.95, bleedShare: 0.5, bleedStrength: 0.06...0.14, paper: 215...245,
                        ink: 15...55)
        }
    }
}
