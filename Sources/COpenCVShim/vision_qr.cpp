// QR decoding with WeChat's detector (Debian's QRCodeDetector lacks quirc) and QR encoding.
#include "is03cv_vision.h"
#include "common.hpp"
#include <opencv2/objdetect.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <algorithm>
#include <new>

struct is03cv_qr_reader {
    cv::wechat_qrcode::WeChatQRCode detector;
};

extern "C" is03cv_qr_reader *is03cv_qr_reader_create(is03cv_error *err) noexcept {
    is03cv_qr_reader *reader = nullptr;
    is03::guarded(err, [&] {
        reader = new (std::nothrow) is03cv_qr_reader();
        if (reader == nullptr) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
    return reader;
}

extern "C" void is03cv_qr_reader_free(is03cv_qr_reader *reader) noexcept { delete reader; }

extern "C" int is03cv_qr_reader_decode(is03cv_qr_reader *reader, const is03cv_image *in,
                                       int x, int y, int width, int height,
                                       char *text, size_t capacity, int *found, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        *found = 0;
        cv::Mat src = is03::view(*in);
        cv::Rect roi = cv::Rect(x, y, width, height) & cv::Rect(0, 0, src.cols, src.rows);
        if (roi.area() <= 0) return int(IS03CV_OK);
        // A copy of its own: handed a region of the whole page, the decoder took 5-8 times as
        // long (12-16 ms against 2 on the same 240 px code).
        cv::Mat crop = src(roi).clone();
        std::vector<cv::Mat> points;
        std::vector<std::string> results;
        // The decoder's time grows with the area it searches: a 300 dpi crop (~350 px) took
        // about 2 ms, the same crop at ~240 px a quarter of that, and ИС-03 codes keep 4+ pixels
        // a module there. A code that does not read small is tried again at full resolution,
        // so a dense or damaged code loses nothing but the quick attempt.
        constexpr int quickSide = 240;
        int shortSide = std::min(crop.cols, crop.rows);
        if (shortSide > quickSide * 9 / 8) {
            cv::Mat small;
            double scale = double(quickSide) / shortSide;
            cv::resize(crop, small, cv::Size(), scale, scale, cv::INTER_AREA);
            results = reader->detector.detectAndDecode(small, points);
        }
        if (results.empty() || results[0].empty()) results = reader->detector.detectAndDecode(crop, points);
        if (results.empty() || results[0].empty() || capacity == 0) return int(IS03CV_OK);
        is03::set_error(nullptr, nullptr);
        size_t n = std::min(results[0].size(), capacity - 1);
        std::memcpy(text, results[0].data(), n);
        text[n] = '\0';
        *found = 1;
        return int(IS03CV_OK);
    });
}

extern "C" int is03cv_qr_encode(const char *text, int module_px, is03cv_image *out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        auto encoder = cv::QRCodeEncoder::create();
        cv::Mat modules, scaled;
        encoder->encode(text, modules);
        if (modules.empty()) { is03::set_error(err, "the text could not be encoded as a QR code"); return int(IS03CV_ERROR); }
        cv::resize(modules, scaled, cv::Size(), module_px, module_px, cv::INTER_NEAREST);
        if (!is03::export_mat(scaled, out)) { is03::set_error(err, "out of memory"); return int(IS03CV_ERROR); }
        return int(IS03CV_OK);
    });
}
