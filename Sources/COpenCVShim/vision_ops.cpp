// Pixel operations the recognition engine delegates to OpenCV: resampling, dark blobs, warps.
#include "is03cv_vision.h"
#include "common.hpp"
#include <opencv2/imgproc.hpp>
#include <algorithm>

extern "C" int is03cv_resize(const is03cv_image *in, int width, int height, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        cv::Mat src = is03::view(*in), dst;
        bool shrinking = width < in->width;
        int k = shrinking ? std::min(in->width / std::max(width, 1), in->height / std::max(height, 1)) : 1;
        if (k >= 2) {
            // OpenCV's area resampling is fast only for whole-number factors; at a fractional one
            // (a 300 dpi page to the 1000-pixel registration copy) it cost 11 ms a page, a fifth of
            // reading it. So: average k × k blocks (the fast path), then bilinear over the rest of
            // the factor (under 2, where bilinear does not alias), keeping a direct resize's
            // geometry: target pixel centre x samples source (x + 0.5)·W/w − 0.5.
            cv::Mat boxed;
            cv::resize(src(cv::Rect(0, 0, in->width / k * k, in->height / k * k)), boxed,
                       cv::Size(in->width / k, in->height / k), 0, 0, cv::INTER_AREA);
            double sx = double(in->width) / (double(width) * k), sy = double(in->height) / (double(height) * k);
            cv::Mat toBoxed = (cv::Mat_<double>(2, 3) << sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5);
            cv::warpAffine(boxed, dst, toBoxed, cv::Size(width, height), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                           cv::BORDER_REPLICATE);
        } else {
            cv::resize(src, dst, cv::Size(width, height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        }
        if (!is03::export_mat(dst, out)) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_dark_blobs(const is03cv_image *in, int threshold, int min_area,
                                 is03cv_blob *blobs, int capacity, int *count, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        cv::Mat src = is03::view(*in), mask, labels, stats, centroids;
        cv::threshold(src, mask, threshold, 255, cv::THRESH_BINARY_INV);
        int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
        int written = 0, total = 0;
        for (int i = 1; i < n; i++) {
            int area = stats.at<int>(i, cv::CC_STAT_AREA);
            if (area < min_area) continue;
            total++;
            if (written < capacity) {
                blobs[written++] = is03cv_blob{
                    stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                    stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT), area,
                    centroids.at<double>(i, 0), centroids.at<double>(i, 1)};
            }
        }
        *count = total;
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_warp_affine(const is03cv_image *in, const double m[6], int width, int height,
                                  int border, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        cv::Mat matrix(2, 3, CV_64F, const_cast<double *>(m)), dst;
        cv::warpAffine(is03::view(*in), dst, matrix, cv::Size(width, height), cv::INTER_LINEAR,
                       cv::BORDER_CONSTANT, cv::Scalar::all(border));
        if (!is03::export_mat(dst, out)) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_blur(const is03cv_image *in, double sigma, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        cv::Mat dst;
        cv::GaussianBlur(is03::view(*in), dst, cv::Size(0, 0), sigma);
        if (!is03::export_mat(dst, out)) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_put_text(is03cv_image *image, const char *text, int x, int y, double height,
                               int b, int g, int r, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        cv::Mat canvas = is03::view(*image);
        double scale = height / 22.0;  // FONT_HERSHEY_SIMPLEX is about 22 px tall at scale 1
        cv::putText(canvas, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(b, g, r),
                    std::max(1, int(height / 12)), cv::LINE_AA);
        return int(IS03CV_OK);
    });
}
