// Helpers shared by vision_pdf.cpp (finding a page's image) and pdf_pixels.cpp (decoding it).
#pragma once
// qpdf 11: no PointerHolder compatibility (std::shared_ptr throughout).
#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif
#include "is03cv.h"
#include <qpdf/QPDFObjectHandle.hh>
#include <cstdint>
#include <string>
#include <vector>

namespace is03pdf {

/// The filter names of an image stream, in order (/Filter is a name or an array of names).
std::vector<std::string> filters(QPDFObjectHandle dict);

/// The decode parameters that go with the last filter (a dictionary, or null).
QPDFObjectHandle last_decode_parms(QPDFObjectHandle dict);

/// Whether the image's /Decode array maps its samples high-to-low (e.g. [1 0]).
bool decode_inverted(QPDFObjectHandle dict);

/// Decodes an image stream (not /DCTDecode) to 8-bit grey rows; throws std::runtime_error with
/// a message for the user when the data is corrupt, truncated, too large or of an unsupported kind.
std::vector<uint8_t> decode_grey(QPDFObjectHandle image, int width, int height);

/// Decodes a /CCITTFaxDecode stream through libtiff (wrapped as a one-strip TIFF in memory):
/// one byte per pixel, 1 where the fax data has a black run.
std::vector<uint8_t> decode_ccitt(const std::vector<uint8_t> &data, QPDFObjectHandle parms, int width, int height);

} // namespace is03pdf
