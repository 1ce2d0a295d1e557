// libFuzzer target: a form template (JSON) through decoding and validation, as
// `is03 template check` and every command that loads a template do it.
//
// Two kinds of input: JSON text (first byte `{`) goes to the loader as it is; anything else is
// an edit script (JSONEditScript) applied to the shipped 2023 template, so that most inputs
// are well-formed and reach validation and cell layout.
import Foundation
@testable import IS03Core

/// The shipped template, read once (scripts/fuzz runs from the repository root).
let editable = (try? Data(contentsOf: URL(fileURLWithPath: "Templates/is03-2023.json"))).flatMap(JSONEditScript.init(document:))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var data = FuzzInput.data(start, count)
    if data.first != UInt8(ascii: "{"), let editable {
        guard let edited = editable.apply(data) else { return 0 }
        data = edited
    }
    // To keep a finding as a regression, replay it with IS03_FUZZ_DUMP set to a path: the JSON
    // the loader saw (after the edits) is written there.
    if let dump = ProcessInfo.processInfo.environment["IS03_FUZZ_DUMP"] {
        try? data.write(to: URL(fileURLWithPath: dump))
    }
    do {
        let template = try Template.decode(data, file: "fuzz.json")
        // A template that passed validation is used to lay out every cell; do what the
        // printer and the reader do first.
        for field in template.fields { _ = field.cells(defaults: template.defaults) }
    } catch {
        _ = String(describing: error)  // the message a user would see must build too
    }
    return 0
}
