// libpng, imported into Swift.
#ifndef FORMCHECK_CPNG_SHIM_H
#define FORMCHECK_CPNG_SHIM_H
#include <png.h>
#endif
