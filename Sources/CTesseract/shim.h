// Tesseract's C API and the Leptonica types it uses. The C API is stable across 4.x/5.x.
#include <tesseract/capi.h>
