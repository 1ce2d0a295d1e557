// Helpers shared by the shim's .cpp files (not exported to Swift).
#pragma once
#include "is03cv.h"
#include <opencv2/core.hpp>
#include <cstdlib>
#include <cstring>
#include <exception>

namespace is03 {

/// Copies `message` into the caller's error buffer (truncated, always terminated).
inline void set_error(is03cv_error *err, const char *message) noexcept {
    if (err == nullptr) return;
    std::strncpy(err->text, message ? message : "unknown error", sizeof(err->text) - 1);
    err->text[sizeof(err->text) - 1] = '\0';
}

/// Wraps a caller-owned is03cv_image as a cv::Mat without copying.
inline cv::Mat view(const is03cv_image &image) {
    int type = image.channels == 3 ? CV_8UC3 : CV_8UC1;
    return cv::Mat(image.height, image.width, type, image.data, image.stride);
}

/// Copies a cv::Mat (8-bit, 1 or 3 channels) into a newly malloc'ed is03cv_image.
inline bool export_mat(const cv::Mat &mat, is03cv_image *out) noexcept {
    if (out == nullptr) return false;
    cv::Mat m = mat.isContinuous() ? mat : mat.clone();
    size_t stride = size_t(m.cols) * m.elemSize();
    auto *data = static_cast<uint8_t *>(std::malloc(stride * size_t(m.rows) + 1));
    if (data == nullptr) return false;
    std::memcpy(data, m.data, stride * size_t(m.rows));
    *out = is03cv_image{m.cols, m.rows, m.channels(), stride, data};
    return true;
}

/// Runs `body`, turning any C++ exception into IS03CV_ERROR plus a message.
template <typename Body>
inline int guarded(is03cv_error *err, Body &&body) noexcept {
    try {
        return body();
    } catch (const cv::Exception &e) {
        set_error(err, e.what());
    } catch (const std::exception &e) {
        set_error(err, e.what());
    } catch (...) {
        set_error(err, "unexpected C++ exception");
    }
    return IS03CV_ERROR;
}

} // namespace is03
