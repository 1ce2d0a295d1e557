// Thin C boundary over OpenCV (common types; each area adds its own is03cv_<area>.h here). Rules: every function is noexcept, catches cv::Exception and
// std::exception, and reports failure as a non-zero status plus a message in `err`; no logic
// lives here (Swift owns it). Images cross the boundary as 8-bit buffers with a stride.
#ifndef IS03CV_H
#define IS03CV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define IS03_NOEXCEPT noexcept
extern "C" {
#else
#define IS03_NOEXCEPT
#endif

/// Status codes returned by every shim function.
enum { IS03CV_OK = 0, IS03CV_ERROR = 1, IS03CV_UNSUPPORTED = 2 };

/// A message buffer every function may fill on failure.
typedef struct { char text[512]; } is03cv_error;

/// An 8-bit image owned by the shim (rows `stride` bytes apart). Free with is03cv_image_free.
/// Images passed *into* the shim use the same struct but stay owned by the caller.
typedef struct {
    int width;
    int height;
    int channels;   // 1 (grey) or 3 (BGR)
    size_t stride;  // bytes per row
    uint8_t *data;
} is03cv_image;

/// Frees pixels the shim allocated and zeroes the struct; safe on an empty struct.
void is03cv_image_free(is03cv_image *image) IS03_NOEXCEPT;

/// The OpenCV version string, e.g. "4.6.0" (for --version and provenance).
const char *is03cv_version(void) IS03_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
