// Image writing for printed sheets and synthetic packets (see is03cv_render.h).
#include "common.hpp"
#include "is03cv_render.h"
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

extern "C" int is03cv_render_write(const char *path, is03cv_image image, int format, int quality,
                                   is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        std::vector<int> params;
        switch (format) {
            case IS03CV_FORMAT_PNG: params = {cv::IMWRITE_PNG_COMPRESSION, 6}; break;
            case IS03CV_FORMAT_JPEG: params = {cv::IMWRITE_JPEG_QUALITY, quality}; break;
            case IS03CV_FORMAT_TIFF: params = {cv::IMWRITE_TIFF_COMPRESSION, 5}; break;
            default: is03::set_error(err, "write: unknown format"); return IS03CV_UNSUPPORTED;
        }
        if (!cv::imwrite(std::string(path), is03::view(image), params)) {
            is03::set_error(err, "cannot write the image (check the folder exists and is writable)");
            return IS03CV_ERROR;
        }
        return IS03CV_OK;
    });
}

extern "C" int is03cv_render_write_multipage_tiff(const char *path, const is03cv_image *images, int count,
                                                  is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        std::vector<cv::Mat> pages;
        pages.reserve(size_t(count));
        for (int i = 0; i < count; ++i) pages.push_back(is03::view(images[i]));
        // 8 = Adobe Deflate: about a fifth smaller than LZW on antialiased grey scans.
        if (!cv::imwritemulti(std::string(path), pages, {cv::IMWRITE_TIFF_COMPRESSION, 8})) {
            is03::set_error(err, "cannot write the multi-page TIFF (check the folder exists and is writable)");
            return IS03CV_ERROR;
        }
        return IS03CV_OK;
    });
}
