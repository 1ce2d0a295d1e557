// Shim functions used by printing and synthetic scans (IS03Render). Thin wrappers over
// OpenCV: QR encoding, geometric warps, blur, noise, JPEG round trip and image writing.
// Every function is noexcept and returns IS03CV_OK or an error status plus a message.
#ifndef IS03CV_RENDER_H
#define IS03CV_RENDER_H

#include "is03cv.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Encodes `utf8` as a QR code (cv::QRCodeEncoder, error correction M) and returns its module
/// matrix without quiet zone in `out` (1 channel, width == height == modules per side,
/// 1 = dark module, 0 = light).
int is03cv_render_qr_encode(const char *utf8, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Applies the 2x3 affine `matrix` (row-major, maps source to destination pixels) to a grey
/// image with bilinear interpolation; the uncovered border is filled with `border` (0-255).
int is03cv_render_warp_affine(is03cv_image src, const double matrix[6], int out_width, int out_height,
                              int border, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Rotates by a multiple of 90 degrees clockwise (quarter_turns 1, 2 or 3; 0 copies).
int is03cv_render_rotate90(is03cv_image src, int quarter_turns, is03cv_image *out, is03cv_error *err) IS03_NOEXCEPT;

/// Resizes with area averaging (down) or bilinear interpolation (up).
int is03cv_render_resize(is03cv_image src, int out_width, int out_height, is03cv_image *out,
                         is03cv_error *err) IS03_NOEXCEPT;

/// Gaussian blur in place with standard deviation `sigma` pixels (no-op when sigma <= 0).
int is03cv_render_blur(is03cv_image image, double sigma, is03cv_error *err) IS03_NOEXCEPT;

/// Adds zero-mean Gaussian noise of standard deviation `sigma` grey levels in place, drawn
/// from cv::RNG(seed) so the result is deterministic for a given seed.
int is03cv_render_add_noise(is03cv_image image, double sigma, uint64_t seed, is03cv_error *err) IS03_NOEXCEPT;

/// Encodes as JPEG at `quality` (1-100) and decodes back in place, leaving JPEG artefacts.
int is03cv_render_jpeg_roundtrip(is03cv_image image, int quality, is03cv_error *err) IS03_NOEXCEPT;

/// Image file formats the writer knows.
enum { IS03CV_FORMAT_PNG = 0, IS03CV_FORMAT_JPEG = 1, IS03CV_FORMAT_TIFF = 2 };

/// Writes one grey image to `path` in `format` (`quality` is used by JPEG only).
int is03cv_render_write(const char *path, is03cv_image image, int format, int quality,
                        is03cv_error *err) IS03_NOEXCEPT;

/// Writes `count` grey images as one multi-page TIFF (LZW) at `path` (cv::imwritemulti).
int is03cv_render_write_multipage_tiff(const char *path, const is03cv_image *images, int count,
                                       is03cv_error *err) IS03_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
