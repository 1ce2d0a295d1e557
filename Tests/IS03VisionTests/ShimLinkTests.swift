import IS03Vision
import Testing

@Suite struct ShimLinkTests {
    @Test func openCVMajorVersionIsFour() {
        #expect(OpenCVInfo.version.hasPrefix("4."))
    }
}
