// Decoding and writing image files for the recognition engine.
#include "is03cv_vision.h"
#include "common.hpp"
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace {

/// Brings any decoded Mat to 8-bit, one channel.
cv::Mat to_gray8(const cv::Mat &src) {
    cv::Mat m = src;
    if (m.depth() == CV_16U) {
        cv::Mat scaled;
        m.convertTo(scaled, CV_8U, 1.0 / 257.0);
        m = scaled;
    } else if (m.depth() != CV_8U) {
        cv::Mat scaled;
        cv::normalize(m, scaled, 0, 255, cv::NORM_MINMAX, CV_8U);
        m = scaled;
    }
    if (m.channels() == 1) return m;
    cv::Mat gray;
    if (m.channels() == 4) cv::cvtColor(m, gray, cv::COLOR_BGRA2GRAY);
    else cv::cvtColor(m, gray, cv::COLOR_BGR2GRAY);
    return gray;
}

} // namespace

// TIFF files (one page or many) are decoded by vision_tiff.cpp in one pass through libtiff.

extern "C" int is03cv_decode_buffer(const uint8_t *bytes, size_t length, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        if (bytes == nullptr || length == 0) { is03::set_error(err, "empty buffer"); return int(IS03CV_ERROR); }
        cv::Mat buffer(1, int(length), CV_8UC1, const_cast<uint8_t *>(bytes));
        cv::Mat decoded = cv::imdecode(buffer, cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
        if (decoded.empty()) {
            is03::set_error(err, "the image data could not be decoded (truncated, corrupt or not an image)");
            return int(IS03CV_ERROR);
        }
        if (!is03::export_mat(to_gray8(decoded), out)) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_decode_buffer_into(const uint8_t *bytes, size_t length, int width, int height, uint8_t *pixels,
                                         is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        if (bytes == nullptr || length == 0) { is03::set_error(err, "empty buffer"); return int(IS03CV_ERROR); }
        if (pixels == nullptr || width <= 0 || height <= 0) { is03::set_error(err, "no pixel buffer"); return int(IS03CV_ERROR); }
        cv::Mat buffer(1, int(length), CV_8UC1, const_cast<uint8_t *>(bytes));
        cv::Mat target(height, width, CV_8UC1, pixels);
        // imdecode writes into the caller's buffer when the page is 8-bit grey of this size;
        // anything else (colour, 16-bit) lands in a buffer of its own and is converted below.
        cv::Mat decoded = target;
        cv::imdecode(buffer, cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR, &decoded);
        if (decoded.empty()) {
            is03::set_error(err, "the image data could not be decoded (truncated, corrupt or not an image)");
            return int(IS03CV_ERROR);
        }
        if (decoded.data == pixels && decoded.size() == target.size() && decoded.type() == CV_8UC1) return int(IS03CV_OK);
        cv::Mat gray = to_gray8(decoded);
        if (gray.size() != target.size()) return int(IS03CV_UNSUPPORTED);  // turned by its EXIF orientation
        gray.copyTo(target);
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_write_image(const char *path, const is03cv_image *in, int quality, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        std::vector<int> params = {cv::IMWRITE_JPEG_QUALITY, quality};
        if (!cv::imwrite(path, is03::view(*in), params)) {
            is03::set_error(err, "the image could not be written (unknown extension or unwritable folder)");
            return int(IS03CV_ERROR);
        }
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_write_multipage_tiff(const char *path, const is03cv_image *pages, int count,
                                           is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        std::vector<cv::Mat> mats;
        for (int i = 0; i < count; i++) mats.push_back(is03::view(pages[i]));
        if (!cv::imwritemulti(path, mats)) {
            is03::set_error(err, "the TIFF could not be written");
            return int(IS03CV_ERROR);
        }
        return int(IS03CV_OK);
    });
}
