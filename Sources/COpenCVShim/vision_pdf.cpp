// Scanned pages out of PDF files, through qpdf (libqpdf, Debian's libqpdf-dev).
//
// Scanner software wraps each scanned page as one image XObject drawn over the whole page:
// a JPEG (/DCTDecode) for grey and colour, CCITT G4 or Flate for black-and-white. The pixels
// the engine must see are those stored bytes, so nothing is rendered: a renderer (poppler)
// would resample the image to a chosen dpi and anti-alias it, changing the scan the marks are
// read from. qpdf gives the object model and raw or filter-decoded stream data and nothing
// more, recovers damaged cross-reference tables, and is a small, well-kept library.
//
// What a page must hold (exactly one image) is judged in Swift, which names file and page.
#include "is03cv_pdf.h"
#include "common.hpp"
#include "pdf_image.hpp"
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/Buffer.hh>
#include <opencv2/core.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>

struct is03cv_pdf_reader {
    QPDF pdf;
    std::vector<QPDFPageObjectHelper> pages;
    /// The file plus a made-up trailer, when it had to be opened that way (see recover()).
    std::string recovered;
};

namespace {

/// The image XObjects page `page` uses (also inside the form XObjects it draws), each once.
std::vector<QPDFObjectHandle> images_of(is03cv_pdf_reader *reader, int page) {
    if (page < 0 || size_t(page) >= reader->pages.size()) throw std::runtime_error("no such page");
    std::vector<QPDFObjectHandle> found;
    std::set<QPDFObjGen> seen;
    reader->pages[size_t(page)].forEachXObject(
        true,
        [&](QPDFObjectHandle &obj, QPDFObjectHandle &, std::string const &) {
            if (seen.insert(obj.getObjGen()).second) found.push_back(obj);
        },
        // Not QPDFObjectHandle::isImage: it leaves out image masks, which 1-bit scans can be.
        [](QPDFObjectHandle obj) {
            return obj.isStream() && obj.getDict().getKey("/Subtype").isNameAndEquals("/Image");
        });
    return found;
}

QPDFObjectHandle single_image(is03cv_pdf_reader *reader, int page) {
    auto images = images_of(reader, page);
    if (images.size() != 1) throw std::runtime_error("the page does not hold exactly one image");
    return images.front();
}

int int_key(QPDFObjectHandle dict, const char *key) {
    auto value = dict.getKey(key);
    return value.isInteger() ? value.getIntValueAsInt() : 0;
}

/// A PDF cut short has lost its trailer, and without one qpdf cannot find the document even
/// though it rebuilds the cross-reference table from the objects. Scanner software often writes
/// the catalog first: when the file still holds it, the file is read from memory with a trailer
/// pointing at it appended (closing a stream cut in the middle), so the pages whose objects
/// survive are read and the rest fail as missing. Files beyond `max_bytes` are not tried.
bool recover(is03cv_pdf_reader *reader, const char *path, size_t max_bytes) {
    FILE *file = std::fopen(path, "rb");
    if (file == nullptr) return false;
    std::string bytes;
    char chunk[1 << 16];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof(chunk), file)) > 0 && bytes.size() <= max_bytes) bytes.append(chunk, n);
    std::fclose(file);
    if (bytes.size() > max_bytes) return false;
    for (size_t at = bytes.find("/Catalog"); at != std::string::npos; at = bytes.find("/Catalog", at + 1)) {
        size_t start = at > 200 ? at - 200 : 0;
        size_t obj = bytes.rfind(" obj", at);
        if (obj == std::string::npos || obj < start) continue;
        // "N G obj": walk back over the generation and the object number.
        size_t end = obj, k = end;
        while (k > 0 && std::isdigit(static_cast<unsigned char>(bytes[k - 1]))) k--;
        std::string generation = bytes.substr(k, end - k);
        if (generation.empty() || k == 0 || !std::isspace(static_cast<unsigned char>(bytes[k - 1]))) continue;
        size_t numberEnd = k - 1, m = numberEnd;
        while (m > 0 && std::isdigit(static_cast<unsigned char>(bytes[m - 1]))) m--;
        std::string number = bytes.substr(m, numberEnd - m);
        if (number.empty()) continue;
        reader->recovered = bytes + "\nendstream\nendobj\ntrailer\n<< /Root " + number + " " + generation + " R >>\n";
        reader->pdf.processMemoryFile(path, reader->recovered.data(), reader->recovered.size());
        return true;
    }
    return false;
}

} // namespace

extern "C" is03cv_pdf_reader *is03cv_pdf_open(const char *path, int *page_count, is03cv_error *err) noexcept {
    is03cv_pdf_reader *reader = nullptr;
    try {
        reader = new is03cv_pdf_reader();
        // Warnings (a repaired cross-reference table and the like) would go to stderr; what
        // matters to the user is whether each page's image can be read, reported per page.
        reader->pdf.setSuppressWarnings(true);
        try {
            reader->pdf.processFile(path);
        } catch (const std::exception &e) {
            // The user is told why the file itself failed, whether or not recovery also fails.
            std::string original = e.what();
            // A second QPDF: the first one's state after a failed parse is not to be reused.
            delete reader;
            reader = new is03cv_pdf_reader();
            reader->pdf.setSuppressWarnings(true);
            bool recovered = false;
            try { recovered = recover(reader, path, size_t(1) << 30); } catch (...) {}
            if (!recovered) throw std::runtime_error(original);
        }
        reader->pages = QPDFPageDocumentHelper(reader->pdf).getAllPages();
        if (page_count != nullptr) *page_count = int(reader->pages.size());
        return reader;
    } catch (const std::exception &e) {
        std::string text = e.what();
        // qpdf prefixes messages with the file name; the caller names the file itself.
        if (text.rfind(path, 0) == 0) text = text.substr(std::strlen(path));
        while (!text.empty() && (text[0] == ':' || text[0] == ' ')) text.erase(0, 1);
        is03::set_error(err, text.c_str());
    } catch (...) {
        is03::set_error(err, "unexpected C++ exception");
    }
    delete reader;
    return nullptr;
}

extern "C" void is03cv_pdf_close(is03cv_pdf_reader *reader) noexcept {
    try { delete reader; } catch (...) {}
}

extern "C" int is03cv_pdf_describe_page(is03cv_pdf_reader *reader, int page, is03cv_pdf_page_info *info,
                                    is03cv_error *err) noexcept {
    if (reader == nullptr || info == nullptr) { is03::set_error(err, "no reader"); return IS03CV_ERROR; }
    return is03::guarded(err, [&] {
        *info = is03cv_pdf_page_info{};
        auto images = images_of(reader, page);
        info->image_count = int(images.size());
        auto box = reader->pages[size_t(page)].getMediaBox();
        if (box.isRectangle()) {
            auto r = box.getArrayAsRectangle();
            info->page_width_pt = std::abs(r.urx - r.llx);
            info->page_height_pt = std::abs(r.ury - r.lly);
        } else {
            info->missing = 1;
        }
        if (images.size() != 1) return int(IS03CV_OK);
        auto dict = images.front().getDict();
        info->width = int_key(dict, "/Width");
        info->height = int_key(dict, "/Height");
        const bool mask = dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue();
        info->bits_per_component = mask ? 1 : int_key(dict, "/BitsPerComponent");
        info->inverted = is03pdf::decode_inverted(dict) ? 1 : 0;
        auto names = is03pdf::filters(dict);
        std::string joined;
        for (auto &n : names) joined += n;
        std::strncpy(info->filters, joined.c_str(), sizeof(info->filters) - 1);
        if (names.size() == 1 && names[0] == "/DCTDecode") {
            info->storage = IS03CV_PDF_JPEG;
            return int(IS03CV_OK);
        }
        info->storage = IS03CV_PDF_PIXELS;
        for (auto &n : names) {
            const bool known = n == "/FlateDecode" || n == "/LZWDecode" || n == "/RunLengthDecode" || n == "/ASCII85Decode"
                || n == "/ASCIIHexDecode" || (n == "/CCITTFaxDecode" && names.size() == 1);
            if (!known) {
                std::string text = "the page's image is stored as " + joined + ", which is not read";
                is03::set_error(err, text.c_str());
                return int(IS03CV_UNSUPPORTED);
            }
        }
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_pdf_page_stream(is03cv_pdf_reader *reader, int page, size_t max_bytes, uint8_t **bytes,
                                      size_t *length, is03cv_error *err) noexcept {
    if (reader == nullptr || bytes == nullptr || length == nullptr) { is03::set_error(err, "no reader"); return IS03CV_ERROR; }
    *bytes = nullptr;
    *length = 0;
    return is03::guarded(err, [&] {
        auto image = single_image(reader, page);
        // The stored length is bounded by the file, and checked against the cap before copying.
        auto raw = image.getRawStreamData();
        if (raw->getSize() > max_bytes) {
            is03::set_error(err, "the page's image stream is larger than any scan page");
            return int(IS03CV_ERROR);
        }
        auto *copy = static_cast<uint8_t *>(std::malloc(raw->getSize() + 1));
        if (copy == nullptr) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        std::memcpy(copy, raw->getBuffer(), raw->getSize());
        *bytes = copy;
        *length = raw->getSize();
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_pdf_decode_page(is03cv_pdf_reader *reader, int page, is03cv_image *out, is03cv_error *err) noexcept {
    if (reader == nullptr || out == nullptr) { is03::set_error(err, "no reader"); return IS03CV_ERROR; }
    return is03::guarded(err, [&] {
        auto image = single_image(reader, page);
        auto dict = image.getDict();
        const int width = int_key(dict, "/Width"), height = int_key(dict, "/Height");
        if (width <= 0 || height <= 0) throw std::runtime_error("the page's image has no size");
        auto grey = is03pdf::decode_grey(image, width, height);
        cv::Mat view(height, width, CV_8UC1, grey.data());
        if (!is03::export_mat(view, out)) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
}

extern "C" void is03cv_pdf_free(uint8_t *bytes) noexcept { std::free(bytes); }
