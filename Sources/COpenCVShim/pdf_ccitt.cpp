// CCITT fax data from a PDF (/CCITTFaxDecode, what black-and-white scanners write) decoded by
// libtiff: the stream is wrapped as a one-strip TIFF in memory with the matching compression
// tags, since libtiff has the fax decoder and qpdf has none.
#include "pdf_image.hpp"
#include <tiffio.h>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace is03pdf {

namespace {

struct MemoryFile {
    std::vector<uint8_t> bytes;
    toff_t at = 0;
    std::string problem;  // the first error or warning libtiff reported
};

tsize_t read_proc(thandle_t h, tdata_t buffer, tsize_t size) {
    auto *f = static_cast<MemoryFile *>(h);
    if (f->at >= f->bytes.size() || size <= 0) return 0;
    size_t n = std::min(size_t(size), f->bytes.size() - size_t(f->at));
    std::memcpy(buffer, f->bytes.data() + f->at, n);
    f->at += n;
    return tsize_t(n);
}
tsize_t write_proc(thandle_t, tdata_t, tsize_t) { return 0; }
toff_t seek_proc(thandle_t h, toff_t offset, int whence) {
    auto *f = static_cast<MemoryFile *>(h);
    toff_t base = whence == SEEK_CUR ? f->at : whence == SEEK_END ? toff_t(f->bytes.size()) : 0;
    f->at = base + offset;
    return f->at;
}
int close_proc(thandle_t) { return 0; }
toff_t size_proc(thandle_t h) { return toff_t(static_cast<MemoryFile *>(h)->bytes.size()); }
int map_proc(thandle_t, tdata_t *, toff_t *) { return 0; }
void unmap_proc(thandle_t, tdata_t, toff_t) {}

int on_message(TIFF *, void *user, const char *module, const char *format, va_list args) {
    auto *f = static_cast<MemoryFile *>(user);
    if (f->problem.empty()) {
        char text[200];
        std::vsnprintf(text, sizeof(text), format, args);
        f->problem = std::string(module ? module : "libtiff") + ": " + text;
    }
    return 1;
}

void put16(std::vector<uint8_t> &b, uint16_t v) { b.push_back(uint8_t(v)); b.push_back(uint8_t(v >> 8)); }
void put32(std::vector<uint8_t> &b, uint32_t v) { for (int k = 0; k < 4; k++) b.push_back(uint8_t(v >> (8 * k))); }
void entry(std::vector<uint8_t> &b, uint16_t tag, uint16_t type, uint32_t value) {
    put16(b, tag); put16(b, type); put32(b, 1);
    if (type == 3) { put16(b, uint16_t(value)); put16(b, 0); } else put32(b, value);
}

} // namespace

std::vector<uint8_t> decode_ccitt(const std::vector<uint8_t> &data, QPDFObjectHandle parms, int width, int height) {
    auto get = [&](const char *key, int fallback) {
        auto v = parms.isDictionary() ? parms.getKey(key) : QPDFObjectHandle::newNull();
        return v.isInteger() ? v.getIntValueAsInt() : fallback;
    };
    const int k = get("/K", 0), columns = get("/Columns", 1728);
    const bool byteAlign = parms.isDictionary() && parms.getKey("/EncodedByteAlign").isBool() && parms.getKey("/EncodedByteAlign").getBoolValue();
    if (columns != width) throw std::runtime_error("the page's CCITT image is " + std::to_string(columns) + " columns wide but declared " + std::to_string(width));
    if (byteAlign && k < 0) throw std::runtime_error("the page's CCITT G4 image is byte-aligned, which is not read");

    // A little-endian TIFF: header, one directory (tags in ascending order), then the data.
    const uint16_t entries = 10;
    const uint32_t dataOffset = 8 + 2 + entries * 12 + 4;
    MemoryFile file;
    auto &b = file.bytes;
    b = {'I', 'I', 42, 0};
    put32(b, 8);
    put16(b, entries);
    entry(b, 256, 4, uint32_t(width));
    entry(b, 257, 4, uint32_t(height));
    entry(b, 258, 3, 1);
    entry(b, 259, 3, k < 0 ? COMPRESSION_CCITTFAX4 : COMPRESSION_CCITTFAX3);
    entry(b, 262, 3, PHOTOMETRIC_MINISWHITE);
    entry(b, 273, 4, dataOffset);
    entry(b, 277, 3, 1);
    entry(b, 278, 4, uint32_t(height));
    entry(b, 279, 4, uint32_t(data.size()));
    if (k < 0) entry(b, 293, 4, 0);                                                    // T6Options
    else entry(b, 292, 4, (k > 0 ? GROUP3OPT_2DENCODING : 0) | (byteAlign ? GROUP3OPT_FILLBITS : 0));
    put32(b, 0);
    b.insert(b.end(), data.begin(), data.end());

    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == nullptr) throw std::runtime_error("out of memory");
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_message, &file);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_message, &file);
    TIFF *tif = TIFFClientOpenExt("pdf-ccitt", "rm", &file, read_proc, write_proc, seek_proc, close_proc, size_proc,
                                  map_proc, unmap_proc, options);
    TIFFOpenOptionsFree(options);
    if (tif == nullptr) throw std::runtime_error("the page's CCITT image cannot be opened (" + file.problem + ")");
    const tmsize_t rowBytes = TIFFScanlineSize(tif);
    std::vector<uint8_t> strip(size_t(TIFFStripSize(tif)));
    tmsize_t got = TIFFReadEncodedStrip(tif, 0, strip.data(), tmsize_t(strip.size()));
    TIFFClose(tif);
    // The fax decoder only warns when the data ends early and fills the rest white: a silent
    // loss of marks, so any message from it fails the page.
    if (got < tmsize_t(height) * rowBytes || !file.problem.empty())
        throw std::runtime_error("the page's CCITT image data is truncated or corrupt (" + (file.problem.empty() ? std::string("short") : file.problem) + ")");
    std::vector<uint8_t> black(size_t(width) * size_t(height));
    for (int y = 0; y < height; y++) {
        const uint8_t *row = strip.data() + size_t(y) * size_t(rowBytes);
        for (int x = 0; x < width; x++) black[size_t(y) * size_t(width) + size_t(x)] = (row[x >> 3] >> (7 - (x & 7))) & 1;
    }
    return black;
}

} // namespace is03pdf
