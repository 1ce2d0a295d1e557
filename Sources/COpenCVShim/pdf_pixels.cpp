// Decoding a PDF page's image stream (anything but JPEG, which Swift decodes) to 8-bit grey:
// qpdf undoes the general filters (Flate, LZW, RunLength, ASCII), libtiff the CCITT fax data,
// and the samples are mapped through the image's colour space and /Decode array here.
#include "pdf_image.hpp"
#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace is03pdf {

std::vector<std::string> filters(QPDFObjectHandle dict) {
    std::vector<std::string> names;
    auto filter = dict.getKey("/Filter");
    if (filter.isName()) names.push_back(filter.getName());
    if (filter.isArray())
        for (auto &item : filter.getArrayAsVector()) names.push_back(item.isName() ? item.getName() : "?");
    return names;
}

QPDFObjectHandle last_decode_parms(QPDFObjectHandle dict) {
    auto parms = dict.getKey("/DecodeParms");
    if (parms.isArray() && parms.getArrayNItems() > 0) return parms.getArrayItem(parms.getArrayNItems() - 1);
    return parms;
}

bool decode_inverted(QPDFObjectHandle dict) {
    auto decode = dict.getKey("/Decode");
    if (!decode.isArray() || decode.getArrayNItems() < 2) return false;
    auto lo = decode.getArrayItem(0), hi = decode.getArrayItem(1);
    return lo.isNumber() && hi.isNumber() && lo.getNumericValue() > hi.getNumericValue();
}

namespace {

/// Collects decoded stream data, refusing more than `cap` bytes: a stream whose filters
/// inflate far beyond the image's declared size is a decompression bomb.
class CappedBuffer : public Pipeline {
  public:
    explicit CappedBuffer(size_t cap) : Pipeline("is03 image", nullptr), cap_(cap) {}
    void write(unsigned char const *data, size_t len) override {
        if (len > cap_ - std::min(cap_, bytes.size())) {
            overflowed = true;
            throw std::length_error("image data larger than declared");
        }
        bytes.insert(bytes.end(), data, data + len);
    }
    void finish() override {}
    std::vector<uint8_t> bytes;
    bool overflowed = false;

  private:
    size_t cap_;
};

int int_value(QPDFObjectHandle value, int fallback) { return value.isInteger() ? value.getIntValueAsInt() : fallback; }

int components_of(QPDFObjectHandle space) {
    if (space.isArray() && space.getArrayNItems() > 0) {
        auto kind = space.getArrayItem(0);
        if (kind.isNameAndEquals("/ICCBased") && space.getArrayNItems() > 1 && space.getArrayItem(1).isStream())
            return int_value(space.getArrayItem(1).getDict().getKey("/N"), 0);
        if (kind.isNameAndEquals("/CalGray")) return 1;
        if (kind.isNameAndEquals("/CalRGB")) return 3;
        throw std::runtime_error("the page's image uses a colour space that is not read (" +
                                 (kind.isName() ? kind.getName() : std::string("?")) + ")");
    }
    if (space.isNameAndEquals("/DeviceGray") || space.isNameAndEquals("/CalGray") || space.isNameAndEquals("/G")) return 1;
    if (space.isNameAndEquals("/DeviceRGB") || space.isNameAndEquals("/CalRGB") || space.isNameAndEquals("/RGB")) return 3;
    if (space.isNameAndEquals("/DeviceCMYK") || space.isNameAndEquals("/CMYK")) return 4;
    throw std::runtime_error("the page's image has no colour space that is read (" +
                             (space.isName() ? space.getName() : std::string("none")) + ")");
}

/// Grey (0..1) of one colour given as components in 0..1.
double grey_of(const double *c, int n) {
    if (n == 1) return c[0];
    if (n == 3) return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    return 1.0 - std::min(1.0, 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2] + c[3]);  // CMYK
}

uint8_t to_byte(double v) { return uint8_t(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); }

/// Grey of each palette entry of an /Indexed colour space.
std::vector<uint8_t> palette_of(QPDFObjectHandle space) {
    if (space.getArrayNItems() < 4) throw std::runtime_error("the page's image has a damaged /Indexed colour space");
    const int n = components_of(space.getArrayItem(1));
    const int entries = std::clamp(int_value(space.getArrayItem(2), 0), 0, 255) + 1;
    auto lookup = space.getArrayItem(3);
    std::string table = lookup.isString() ? lookup.getStringValue() : std::string();
    if (lookup.isStream()) {
        auto data = lookup.getStreamData(qpdf_dl_generalized);
        table.assign(reinterpret_cast<const char *>(data->getBuffer()), data->getSize());
    }
    if (n < 1 || n > 4 || table.size() < size_t(entries * n))
        throw std::runtime_error("the page's image has a damaged /Indexed colour table");
    std::vector<uint8_t> greys(256, 0);
    for (int i = 0; i < entries; i++) {
        double c[4];
        for (int k = 0; k < n; k++) c[k] = uint8_t(table[size_t(i * n + k)]) / 255.0;
        greys[size_t(i)] = to_byte(grey_of(c, n));
    }
    return greys;
}

} // namespace

std::vector<uint8_t> decode_grey(QPDFObjectHandle image, int width, int height) {
    auto dict = image.getDict();
    const bool mask = dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue();
    const int bpc = mask ? 1 : int_value(dict.getKey("/BitsPerComponent"), 0);
    if (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16)
        throw std::runtime_error("the page's image has " + std::to_string(bpc) + " bits a sample, which is not read");
    auto space = dict.getKey("/ColorSpace");
    const bool indexed = !mask && space.isArray() && space.getArrayNItems() > 0 && space.getArrayItem(0).isNameAndEquals("/Indexed");
    std::vector<uint8_t> palette = indexed ? palette_of(space) : std::vector<uint8_t>();
    const int comps = mask || indexed ? 1 : components_of(space);
    if (comps != 1 && comps != 3 && comps != 4) throw std::runtime_error("the page's image has an unusual number of colour components");
    const size_t rowBytes = (size_t(width) * size_t(comps) * size_t(bpc) + 7) / 8;
    const size_t expected = rowBytes * size_t(height);

    std::vector<uint8_t> data;
    auto names = filters(dict);
    if (names.size() == 1 && names[0] == "/CCITTFaxDecode") {
        if (bpc != 1 || comps != 1) throw std::runtime_error("the page's CCITT image is not 1 bit a pixel");
        auto parms = last_decode_parms(dict);
        auto raw = image.getRawStreamData();
        std::vector<uint8_t> stored(raw->getBuffer(), raw->getBuffer() + raw->getSize());
        auto black = decode_ccitt(stored, parms, width, height);
        // A PDF sample is 0 for black unless /BlackIs1 says otherwise; packed like any 1-bit image.
        const bool blackIs1 = parms.isDictionary() && parms.getKey("/BlackIs1").isBool() && parms.getKey("/BlackIs1").getBoolValue();
        data.assign(expected, 0);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if ((black[size_t(y) * size_t(width) + size_t(x)] != 0) == blackIs1)
                    data[size_t(y) * rowBytes + size_t(x >> 3)] |= uint8_t(0x80 >> (x & 7));
    } else {
        CappedBuffer sink(expected + 64);
        bool attempted = false;
        bool ok = false;
        try {
            ok = image.pipeStreamData(&sink, &attempted, 0, qpdf_dl_specialized, true, false);
        } catch (...) {
            if (!sink.overflowed) throw;  // qpdf may pass the sink's refusal on instead of catching it
        }
        if (sink.overflowed) throw std::runtime_error("the page's image data decodes to more than its declared size (refused as a decompression bomb)");
        if (!names.empty() && !attempted) throw std::runtime_error("the page's image uses a filter that is not read");
        if (!ok || sink.bytes.size() < expected)
            throw std::runtime_error("the page's image data is truncated or corrupt (" + std::to_string(sink.bytes.size()) + " of " +
                                     std::to_string(expected) + " bytes decode)");
        data = std::move(sink.bytes);
    }

    // Each component's /Decode range (defaults [0 1], or [0 2^bpc-1] for an index).
    const double maxv = double((1u << bpc) - 1);
    double dmin[4], dmax[4];
    auto decode = dict.getKey("/Decode");
    for (int c = 0; c < comps; c++) {
        dmin[c] = 0; dmax[c] = indexed ? maxv : 1;
        if (decode.isArray() && decode.getArrayNItems() >= 2 * (c + 1)) {
            auto lo = decode.getArrayItem(2 * c), hi = decode.getArrayItem(2 * c + 1);
            if (lo.isNumber() && hi.isNumber()) { dmin[c] = lo.getNumericValue(); dmax[c] = hi.getNumericValue(); }
        }
    }
    auto sample = [&](const uint8_t *row, size_t index) -> unsigned {
        if (bpc == 8) return row[index];
        if (bpc == 16) return unsigned(row[2 * index]) << 8 | row[2 * index + 1];
        size_t bit = index * size_t(bpc);
        return (row[bit >> 3] >> (8 - bpc - int(bit & 7))) & ((1u << bpc) - 1);
    };
    std::vector<uint8_t> grey(size_t(width) * size_t(height));
    if (comps == 1 && bpc <= 8) {
        // One component: a table from sample to grey (the common scanner cases, fast).
        uint8_t table[256];
        for (unsigned s = 0; s <= unsigned(maxv); s++) {
            double d = dmin[0] + double(s) * (dmax[0] - dmin[0]) / maxv;
            table[s] = indexed ? palette[size_t(std::clamp(std::lround(d), 0L, 255L))] : to_byte(d);
        }
        for (int y = 0; y < height; y++) {
            const uint8_t *row = data.data() + size_t(y) * rowBytes;
            uint8_t *out = grey.data() + size_t(y) * size_t(width);
            for (int x = 0; x < width; x++) out[x] = table[sample(row, size_t(x))];
        }
        return grey;
    }
    for (int y = 0; y < height; y++) {
        const uint8_t *row = data.data() + size_t(y) * rowBytes;
        uint8_t *out = grey.data() + size_t(y) * size_t(width);
        for (int x = 0; x < width; x++) {
            double c[4];
            for (int k = 0; k < comps; k++)
                c[k] = dmin[k] + double(sample(row, size_t(x) * size_t(comps) + size_t(k))) * (dmax[k] - dmin[k]) / maxv;
            out[x] = indexed ? palette[size_t(std::clamp(std::lround(c[0]), 0L, 255L))] : to_byte(grey_of(c, comps));
        }
    }
    return grey;
}

} // namespace is03pdf
