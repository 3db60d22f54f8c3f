// libv4l2 and the V4L2 kernel interface, imported into Swift.
//
// Swift cannot import the VIDIOC_* request macros (they are _IOWR(...) expressions), the
// v4l2_fourcc(...) pixel-format macros, or C variadic functions such as v4l2_open and
// v4l2_ioctl. The prefixed static inline functions below give Swift each of them, with the
// value the kernel header defines; nothing here adds behaviour of its own.
#ifndef FORMCHECK_CV4L2_SHIM_H
#define FORMCHECK_CV4L2_SHIM_H

#include <stdint.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <linux/videodev2.h>
#include <libv4l2.h>

// MARK: - ioctl request numbers

static inline unsigned long cv4l2_vidioc_querycap(void) { return VIDIOC_QUERYCAP; }
static inline unsigned long cv4l2_vidioc_enum_fmt(void) { return VIDIOC_ENUM_FMT; }
static inline unsigned long cv4l2_vidioc_enum_framesizes(void) { return VIDIOC_ENUM_FRAMESIZES; }
static inline unsigned long cv4l2_vidioc_enum_frameintervals(void) { return VIDIOC_ENUM_FRAMEINTERVALS; }
static inline unsigned long cv4l2_vidioc_g_fmt(void) { return VIDIOC_G_FMT; }
static inline unsigned long cv4l2_vidioc_s_fmt(void) { return VIDIOC_S_FMT; }
static inline unsigned long cv4l2_vidioc_g_parm(void) { return VIDIOC_G_PARM; }
static inline unsigned long cv4l2_vidioc_s_parm(void) { return VIDIOC_S_PARM; }
static inline unsigned long cv4l2_vidioc_reqbufs(void) { return VIDIOC_REQBUFS; }
static inline unsigned long cv4l2_vidioc_querybuf(void) { return VIDIOC_QUERYBUF; }
static inline unsigned long cv4l2_vidioc_qbuf(void) { return VIDIOC_QBUF; }
static inline unsigned long cv4l2_vidioc_dqbuf(void) { return VIDIOC_DQBUF; }
static inline unsigned long cv4l2_vidioc_streamon(void) { return VIDIOC_STREAMON; }
static inline unsigned long cv4l2_vidioc_streamoff(void) { return VIDIOC_STREAMOFF; }

// MARK: - Pixel formats (fourcc codes)

static inline uint32_t cv4l2_pix_fmt_mjpeg(void) { return V4L2_PIX_FMT_MJPEG; }
static inline uint32_t cv4l2_pix_fmt_jpeg(void) { return V4L2_PIX_FMT_JPEG; }
static inline uint32_t cv4l2_pix_fmt_yuyv(void) { return V4L2_PIX_FMT_YUYV; }
static inline uint32_t cv4l2_pix_fmt_rgb24(void) { return V4L2_PIX_FMT_RGB24; }

// MARK: - Unions inside the request structs

/// The single-planar pixel format inside `struct v4l2_format` (`fmt.pix`).
static inline struct v4l2_pix_format cv4l2_format_get_pix(const struct v4l2_format *format) {
    return format->fmt.pix;
}
static inline void cv4l2_format_set_pix(struct v4l2_format *format, struct v4l2_pix_format pix) {
    format->fmt.pix = pix;
}

/// The capture parameters inside `struct v4l2_streamparm` (`parm.capture`).
static inline struct v4l2_captureparm cv4l2_streamparm_get_capture(const struct v4l2_streamparm *parm) {
    return parm->parm.capture;
}
static inline void cv4l2_streamparm_set_capture(struct v4l2_streamparm *parm, struct v4l2_captureparm capture) {
    parm->parm.capture = capture;
}

/// The mmap offset inside `struct v4l2_buffer` (`m.offset`).
static inline uint32_t cv4l2_buffer_get_offset(const struct v4l2_buffer *buffer) {
    return buffer->m.offset;
}
static inline void cv4l2_buffer_set_offset(struct v4l2_buffer *buffer, uint32_t offset) {
    buffer->m.offset = offset;
}

// MARK: - libv4l2 entry points that are variadic in C

/// `v4l2_open(path, flags)`: opens a device through libv4l2 (no mode: devices are never created).
static inline int cv4l2_open(const char *path, int flags) { return v4l2_open(path, flags); }

/// `v4l2_ioctl(fd, request, argument)`: every request used here takes one pointer argument.
static inline int cv4l2_ioctl(int fd, unsigned long request, void *argument) {
    return v4l2_ioctl(fd, request, argument);
}

/// `MAP_FAILED`, which Swift imports as a macro it cannot evaluate.
static inline void *cv4l2_map_failed(void) { return MAP_FAILED; }

#endif
