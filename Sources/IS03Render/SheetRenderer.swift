import Foundation
import IS03Core

/// Prints sheets of a template: grey rasters for tests and synthetic scans, vector PDF for paper.
public enum SheetRenderer {
    /// Renders one printed (unfilled) page as a grey raster at `dpi`.
    ///
    /// - Parameter personalisation: the sheet serial, and the participant for a personalised sheet.
    public static func renderGray(template: Template, dpi: Double,
                                  personalisation: SheetPersonalisation = SheetPersonalisation(serial: "000001"),
                                  style: FormStyle = FormStyle()) throws -> GrayImage {
        let canvas = try PageCanvas(widthMM: template.page.width, heightMM: template.page.height, dpi: dpi)
        try FormPainter(template: template, style: style).draw(on: canvas, personalisation: personalisation)
        return try canvas.grayImage()
    }

    /// Writes one vector PDF page per sheet, at exact scale, to `url`.
    public static func renderPDF(template: Template, sheets: [SheetPersonalisation], to url: URL,
                                 style: FormStyle = FormStyle()) throws {
        guard !sheets.isEmpty else { throw RenderError("nothing to print: no sheets were asked for") }
        let canvas = try PageCanvas(pdfAt: url, widthMM: template.page.width, heightMM: template.page.height)
        let painter = FormPainter(template: template, style: style)
        for (index, sheet) in sheets.enumerated() {
            if index > 0 { canvas.nextPage() }
            try painter.draw(on: canvas, personalisation: sheet)
        }
        try canvas.finish()
    }

    /// Writes a grey image as PNG, JPEG or TIFF (chosen by the file extension).
    public static func write(_ image: GrayImage, to url: URL, jpegQuality: Int = 90) throws {
        try ImageWriter.write(image, to: url, format: ImageFormat(pathExtension: url.pathExtension) ?? .png,
                              jpegQuality: jpegQuality)
    }
}
