// libjpeg-turbo, imported into Swift. jpeglib.h needs <stdio.h> (FILE, size_t) first.
#ifndef FORMCHECK_CJPEG_SHIM_H
#define FORMCHECK_CJPEG_SHIM_H
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
#endif
