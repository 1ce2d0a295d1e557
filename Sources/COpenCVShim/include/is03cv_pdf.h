// Scanned pages from PDF files (qpdf): each page's embedded scan image, taken out as it is
// stored (never re-rendered). See vision_pdf.cpp for why qpdf and what is read.
#ifndef IS03CV_PDF_H
#define IS03CV_PDF_H

#include "is03cv.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque reader of one PDF file (qpdf), kept open while its pages are read. Not thread-safe:
/// one caller at a time.
typedef struct is03cv_pdf_reader is03cv_pdf_reader;

/// How a page's image is stored.
enum {
    IS03CV_PDF_JPEG = 0,   ///< /DCTDecode: the stream's bytes are a JPEG file, decoded by the caller
    IS03CV_PDF_PIXELS = 1, ///< Flate/LZW/RunLength/CCITT/none: decoded by is03cv_pdf_decode_page
};

/// What a page holds, read from its dictionaries without decoding any image data.
typedef struct {
    /// Distinct image XObjects the page (and the forms it draws) uses; the scanner case is 1.
    int image_count;
    /// The page object is gone or is no page (no MediaBox): the file is cut short or damaged.
    int missing;
    /// The page's size in points (its MediaBox), 0 when it has none.
    double page_width_pt;
    double page_height_pt;
    /// The rest describe the page's image when image_count == 1.
    int width;
    int height;
    int bits_per_component;
    int storage;          ///< IS03CV_PDF_JPEG or IS03CV_PDF_PIXELS
    int inverted;         ///< the /Decode array reverses the samples (e.g. [1 0])
    char filters[96];     ///< the stream's filters as written, e.g. "/CCITTFaxDecode"
} is03cv_pdf_page_info;

/// Opens a PDF; NULL on failure (not a PDF, damaged beyond repair, password-protected) with the
/// reason in `err`. `page_count` receives the number of pages.
is03cv_pdf_reader *is03cv_pdf_open(const char *path, int *page_count, is03cv_error *err) IS03_NOEXCEPT;
void is03cv_pdf_close(is03cv_pdf_reader *reader) IS03_NOEXCEPT;

/// Describes page `page` (zero-based). IS03CV_UNSUPPORTED when the page's single image is
/// stored in a way that is not read (JPEG 2000, JBIG2, an unknown colour space), with the
/// reason in `err`; IS03CV_ERROR when the page's objects are damaged.
int is03cv_pdf_describe_page(is03cv_pdf_reader *reader, int page, is03cv_pdf_page_info *info, is03cv_error *err) IS03_NOEXCEPT;

/// The stored (still encoded) bytes of the page's single image stream, at most `max_bytes`;
/// malloc'ed, free with is03cv_pdf_free. For the page's provenance hash and for JPEG pages.
int is03cv_pdf_page_stream(is03cv_pdf_reader *reader, int page, size_t max_bytes, uint8_t **bytes, size_t *length,
                           is03cv_error *err) IS03_NOEXCEPT;

/// Decodes the page's single image (storage IS03CV_PDF_PIXELS) to 8-bit grey, honouring its
/// colour space, /Decode array and /ImageMask polarity. Decoded data beyond what the declared
/// size needs is refused as it streams in (a decompression bomb never fills memory).
int is03cv_pdf_decode_page(is03cv_pdf_reader *reader, int page, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

void is03cv_pdf_free(uint8_t *bytes) IS03_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
