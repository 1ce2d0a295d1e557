// The recognition engine's OpenCV calls: decoding, resampling, dark-blob search, QR, writing.
// Same rules as is03cv.h: noexcept, status + message, no logic (Swift decides what it means).
#ifndef IS03CV_VISION_H
#define IS03CV_VISION_H

#include "is03cv.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque reader of a TIFF file's pages (libtiff), kept open so that reading pages in order
/// is one pass over the file. One per thread; pages are decoded one at a time.
typedef struct is03cv_tiff_reader is03cv_tiff_reader;

/// Opens a TIFF file; NULL on failure with the reason in `err`. `max_allocation` (bytes, 0 = no
/// limit) caps any single allocation libtiff makes, so corrupt sizes cannot exhaust memory.
is03cv_tiff_reader *is03cv_tiff_open(const char *path, size_t max_allocation, is03cv_error *err) IS03_NOEXCEPT;
void is03cv_tiff_close(is03cv_tiff_reader *reader) IS03_NOEXCEPT;

/// Decodes page `page` (zero-based) to 8-bit grey: 1-bit (CCITT G3/G4, packbits, none, either
/// polarity), 8/16-bit grey, palette, RGB and YCbCr/JPEG. The next page in order costs one
/// directory step; other pages are sought. Holds one strip of RGBA besides the output.
int is03cv_tiff_decode_page(is03cv_tiff_reader *reader, int page, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// How `is03cv_tiff_write` encodes pages.
enum {
    IS03CV_TIFF_LZW = 0,  ///< 8-bit grey or RGB, lossless (LZW)
    IS03CV_TIFF_JPEG = 1, ///< 8-bit grey or YCbCr colour, JPEG-in-TIFF (colour office scanners)
    IS03CV_TIFF_G4 = 2,   ///< 1-bit min-is-white CCITT Group 4 (black-and-white document scanners)
};

/// Writes grey (1 channel) or BGR (3 channels) pages as one TIFF the way scanners do, with
/// `dpi` in the resolution tags. G4 thresholds at `threshold` (darker = black).
int is03cv_tiff_write(const char *path, const is03cv_image *pages, int count, int encoding,
                      int threshold, double dpi, is03cv_error *err) IS03_NOEXCEPT;

/// Decodes a single-page image held in memory to 8-bit grey.
int is03cv_decode_buffer(const uint8_t *bytes, size_t length, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Decodes a single-page image held in memory to 8-bit grey straight into `pixels`, a
/// caller-owned `width` × `height` buffer (the size its header gives), sparing the two copies
/// is03cv_decode_buffer makes (a third of a 300 dpi page's decode time). Returns
/// IS03CV_UNSUPPORTED when the decoded page has another size (a JPEG turned by its EXIF
/// orientation); decode it with is03cv_decode_buffer then.
int is03cv_decode_buffer_into(const uint8_t *bytes, size_t length, int width, int height, uint8_t *pixels,
                              is03cv_error *err) IS03_NOEXCEPT;

/// Resamples a grey image to `width` × `height` (area averaging when shrinking).
int is03cv_resize(const is03cv_image *in, int width, int height, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// A connected region of dark pixels: bounding box, pixel count and centroid.
typedef struct {
    int x, y, width, height, area;
    double cx, cy;
} is03cv_blob;

/// Finds 8-connected regions of pixels darker than `threshold` whose area is at least
/// `min_area`. Writes up to `capacity` blobs and the total number found into `count`.
int is03cv_dark_blobs(const is03cv_image *in, int threshold, int min_area,
                      is03cv_blob *blobs, int capacity, int *count, is03cv_error *err) IS03_NOEXCEPT;

/// Opaque WeChat QR decoder (no model files: the plain detector). One per thread.
typedef struct is03cv_qr_reader is03cv_qr_reader;

/// Creates a QR decoder; NULL on failure with the reason in `err`.
is03cv_qr_reader *is03cv_qr_reader_create(is03cv_error *err) IS03_NOEXCEPT;
void is03cv_qr_reader_free(is03cv_qr_reader *reader) IS03_NOEXCEPT;

/// Decodes the first QR code found in the rectangle (clipped to the image) of a grey image.
/// `found` is set to 1 and `text` filled (UTF-8, terminated) when one was decoded.
int is03cv_qr_reader_decode(is03cv_qr_reader *reader, const is03cv_image *in,
                            int x, int y, int width, int height,
                            char *text, size_t capacity, int *found, is03cv_error *err) IS03_NOEXCEPT;

/// Encodes `text` (UTF-8) as a QR code: a grey image with `module_px` pixels per module and a
/// quiet zone, for printing forms and for tests.
int is03cv_qr_encode(const char *text, int module_px, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Applies a 2×3 affine transform (destination ← source mapping given as the forward matrix
/// `m`, row-major) into an image of `width` × `height`, filling outside with `border`.
int is03cv_warp_affine(const is03cv_image *in, const double m[6], int width, int height,
                       int border, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Gaussian blur with standard deviation `sigma` pixels.
int is03cv_blur(const is03cv_image *in, double sigma, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Writes a grey or BGR image; the format follows the extension (.png, .jpg, .tif).
/// `quality` is the JPEG quality (ignored for other formats).
int is03cv_write_image(const char *path, const is03cv_image *in, int quality, is03cv_error *err) IS03_NOEXCEPT;

/// Writes several grey images as one multi-page TIFF.
int is03cv_write_multipage_tiff(const char *path, const is03cv_image *pages, int count,
                                is03cv_error *err) IS03_NOEXCEPT;

/// Draws `text` (ASCII) into a BGR image in place, baseline-left at (x, y), height about
/// `height` pixels, in colour (b, g, r). For the debug overlay only.
int is03cv_put_text(is03cv_image *image, const char *text, int x, int y, double height,
                    int b, int g, int r, is03cv_error *err) IS03_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
