#include "is03cv.h"
#include <opencv2/core.hpp>

extern "C" const char *is03cv_version(void) noexcept { return CV_VERSION; }
