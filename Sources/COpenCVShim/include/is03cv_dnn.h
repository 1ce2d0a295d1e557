// Shim over OpenCV's dnn module for the hand-print recogniser: load an ONNX network and run it
// on a batch of float images. Every function is noexcept and returns IS03CV_OK or an error
// status plus a message in `err`.
#ifndef IS03CV_DNN_H
#define IS03CV_DNN_H

#include "is03cv.h"

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque loaded network (cv::dnn::Net). One per thread: a net is not safe to share.
typedef struct is03cv_dnn_net is03cv_dnn_net;

/// Reads an ONNX model (cv::dnn::readNetFromONNX) and sets the plain OpenCV CPU backend.
int is03cv_dnn_load_onnx(const char *path, is03cv_dnn_net **out, is03cv_error *err) IS03_NOEXCEPT;

/// Frees a network; safe on NULL.
void is03cv_dnn_free(is03cv_dnn_net *net) IS03_NOEXCEPT;

/// Runs the network on `count` images of `channels × height × width` floats (NCHW, contiguous)
/// and copies the first output, `count × outputs_per_image` floats, into `output`.
/// Fails when the network's output size per image differs from `outputs_per_image`.
int is03cv_dnn_forward(is03cv_dnn_net *net, const float *input, int count, int channels, int height,
                       int width, float *output, int outputs_per_image, is03cv_error *err) IS03_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
