// cv::dnn wrapper for the hand-print recogniser (see include/is03cv_dnn.h).
#include "common.hpp"
#include "is03cv_dnn.h"
#include <opencv2/dnn.hpp>
#include <string>

struct is03cv_dnn_net {
    cv::dnn::Net net;
};

extern "C" int is03cv_dnn_load_onnx(const char *path, is03cv_dnn_net **out, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        if (path == nullptr || out == nullptr) {
            is03::set_error(err, "no model path or output given");
            return int(IS03CV_ERROR);
        }
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
        if (net.empty()) {
            is03::set_error(err, "OpenCV read the ONNX file but built an empty network");
            return int(IS03CV_ERROR);
        }
        net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        *out = new is03cv_dnn_net{net};
        return int(IS03CV_OK);
    });
}

extern "C" void is03cv_dnn_free(is03cv_dnn_net *net) noexcept { delete net; }

extern "C" int is03cv_dnn_forward(is03cv_dnn_net *net, const float *input, int count, int channels, int height,
                                  int width, float *output, int outputs_per_image, is03cv_error *err) noexcept {
    return is03::guarded(err, [&] {
        if (net == nullptr || input == nullptr || output == nullptr || count <= 0) {
            is03::set_error(err, "dnn forward called without a network, input or output");
            return int(IS03CV_ERROR);
        }
        int shape[4] = {count, channels, height, width};
        // The blob only views the caller's floats; setInput copies them.
        cv::Mat blob(4, shape, CV_32F, const_cast<float *>(input));
        net->net.setInput(blob);
        cv::Mat result = net->net.forward();
        if (result.total() != size_t(count) * size_t(outputs_per_image)) {
            std::string message = "network gave " + std::to_string(result.total()) + " outputs for " +
                                  std::to_string(count) + " images, expected " + std::to_string(outputs_per_image) +
                                  " per image (model and class list disagree?)";
            is03::set_error(err, message.c_str());
            return int(IS03CV_ERROR);
        }
        cv::Mat flat = result.isContinuous() ? result : result.clone();
        std::memcpy(output, flat.ptr<float>(), sizeof(float) * size_t(count) * size_t(outputs_per_image));
        return int(IS03CV_OK);
    });
}
