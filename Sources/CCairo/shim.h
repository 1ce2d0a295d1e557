// Cairo: vector PDF and raster PNG rendering of templates and synthetic sheets.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
