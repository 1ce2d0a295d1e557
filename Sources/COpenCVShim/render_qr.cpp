// QR encoding for printed sheets (see is03cv_render.h).
#include "common.hpp"
#include "is03cv_render.h"
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

extern "C" int is03cv_render_qr_encode(const char *utf8, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&]() -> int {
        if (utf8 == nullptr || out == nullptr) { is03::set_error(err, "qr_encode: null argument"); return IS03CV_ERROR; }
        cv::QRCodeEncoder::Params params;
        params.correction_level = cv::QRCodeEncoder::CORRECT_LEVEL_M;
        auto encoder = cv::QRCodeEncoder::create(params);
        cv::Mat code;
        encoder->encode(std::string(utf8), code);
        if (code.empty()) { is03::set_error(err, "qr_encode: OpenCV produced no code (payload too long?)"); return IS03CV_ERROR; }
        if (code.channels() != 1) cv::cvtColor(code, code, cv::COLOR_BGR2GRAY);
        // The encoder adds a light quiet zone; crop to the dark modules' bounding box.
        cv::Mat dark = code < 128;
        cv::Rect box = cv::boundingRect(dark);
        if (box.empty()) { is03::set_error(err, "qr_encode: empty code"); return IS03CV_ERROR; }
        cv::Mat modules = dark(box) / 255;
        if (!is03::export_mat(modules, out)) { is03::set_error(err, "qr_encode: out of memory"); return IS03CV_ERROR; }
        return IS03CV_OK;
    });
}
