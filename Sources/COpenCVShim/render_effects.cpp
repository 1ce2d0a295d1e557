// Geometric and photometric scan effects for synthetic scans (see is03cv_render.h).
#include "common.hpp"
#include "is03cv_render.h"
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

extern "C" int is03cv_render_warp_affine(is03cv_image src, const double matrix[6], int out_width, int out_height,
                                         int border, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        cv::Mat m(2, 3, CV_64F);
        for (int i = 0; i < 6; ++i) m.at<double>(i / 3, i % 3) = matrix[i];
        cv::Mat dst;
        cv::warpAffine(is03::view(src), dst, m, cv::Size(out_width, out_height), cv::INTER_LINEAR,
                       cv::BORDER_CONSTANT, cv::Scalar(border));
        if (!is03::export_mat(dst, out)) { is03::set_error(err, "warp_affine: out of memory"); return IS03CV_ERROR; }
        return IS03CV_OK;
    });
}

extern "C" int is03cv_render_rotate90(is03cv_image src, int quarter_turns, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        cv::Mat dst;
        switch (((quarter_turns % 4) + 4) % 4) {
            case 0: dst = is03::view(src).clone(); break;
            case 1: cv::rotate(is03::view(src), dst, cv::ROTATE_90_CLOCKWISE); break;
            case 2: cv::rotate(is03::view(src), dst, cv::ROTATE_180); break;
            default: cv::rotate(is03::view(src), dst, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        }
        if (!is03::export_mat(dst, out)) { is03::set_error(err, "rotate90: out of memory"); return IS03CV_ERROR; }
        return IS03CV_OK;
    });
}

extern "C" int is03cv_render_resize(is03cv_image src, int out_width, int out_height, is03cv_image *out,
                                    is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        cv::Mat dst;
        bool shrinking = out_width < src.width;
        cv::resize(is03::view(src), dst, cv::Size(out_width, out_height), 0, 0,
                   shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        if (!is03::export_mat(dst, out)) { is03::set_error(err, "resize: out of memory"); return IS03CV_ERROR; }
        return IS03CV_OK;
    });
}

extern "C" int is03cv_render_blur(is03cv_image image, double sigma, is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        if (sigma <= 0) return IS03CV_OK;
        cv::Mat m = is03::view(image);
        cv::GaussianBlur(m, m, cv::Size(0, 0), sigma);
        return IS03CV_OK;
    });
}

extern "C" int is03cv_render_add_noise(is03cv_image image, double sigma, uint64_t seed, is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        if (sigma <= 0) return IS03CV_OK;
        cv::Mat m = is03::view(image);
        cv::Mat noise(m.size(), CV_16SC1);
        cv::RNG rng(seed);
        rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
        cv::Mat sum;
        cv::add(m, noise, sum, cv::noArray(), CV_16S);
        sum.convertTo(m, CV_8U); // saturates to 0…255
        return IS03CV_OK;
    });
}

extern "C" int is03cv_render_jpeg_roundtrip(is03cv_image image, int quality, is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        cv::Mat m = is03::view(image);
        std::vector<uchar> bytes;
        if (!cv::imencode(".jpg", m, bytes, {cv::IMWRITE_JPEG_QUALITY, quality})) {
            is03::set_error(err, "jpeg_roundtrip: encoding failed"); return IS03CV_ERROR;
        }
        cv::Mat back = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
        if (back.size() != m.size()) { is03::set_error(err, "jpeg_roundtrip: decoding failed"); return IS03CV_ERROR; }
        back.copyTo(m);
        return IS03CV_OK;
    });
}
