// libv4l2 and the V4L2 kernel interface, imported into Swift.
#ifndef FORMCHECK_CV4L2_SHIM_H
#define FORMCHECK_CV4L2_SHIM_H
#include <linux/videodev2.h>
#include <libv4l2.h>
#endif
