#include "is03cv.h"
#include <cstdlib>

extern "C" void is03cv_image_free(is03cv_image *image) noexcept {
    if (image == nullptr) return;
    std::free(image->data);
    *image = is03cv_image{};
}
