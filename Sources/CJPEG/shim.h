// libjpeg-turbo, imported into Swift. jpeglib.h needs <stdio.h> (FILE, size_t) first.
//
// libjpeg reports fatal errors through `error_exit`, which must not return. Swift cannot use
// setjmp/longjmp, so every libjpeg call sequence lives in one of the `static inline` functions
// below: each sets its own jump point, and a fatal error comes back as a non-zero return value
// with the library's message in the caller's `fc_jpeg_status`. No Swift frame is ever skipped
// by a longjmp.
#ifndef FORMCHECK_CJPEG_SHIM_H
#define FORMCHECK_CJPEG_SHIM_H
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

/// Result details of a shim call: the fatal error message, or the first warning.
typedef struct fc_jpeg_status {
    /// libjpeg's message for the fatal error (empty if none).
    char message[JMSG_LENGTH_MAX];
    /// libjpeg's message for the first warning (empty if none).
    char warning[JMSG_LENGTH_MAX];
    /// The `JWRN_*` code of the first warning, or -1.
    int warning_code;
    /// How many warnings libjpeg emitted.
    int warnings;
    /// Non-zero if libjpeg reached the end of the data early ("Premature end of JPEG file").
    int saw_end_of_file;
} fc_jpeg_status;

/// What the header says about a JPEG (filled by `fc_jpeg_read_header`).
typedef struct fc_jpeg_header {
    int width;
    int height;
    int components;
    /// `J_COLOR_SPACE` of the file (JCS_GRAYSCALE, JCS_YCbCr, JCS_RGB, JCS_CMYK, JCS_YCCK, ...).
    int color_space;
    /// Non-zero if an Adobe APP14 marker was seen (CMYK data is then stored inverted).
    int saw_adobe_marker;
    int progressive;
} fc_jpeg_header;

typedef struct fc_jpeg_error_mgr {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    fc_jpeg_status *status;
} fc_jpeg_error_mgr;

typedef struct fc_jpeg_progress_mgr {
    struct jpeg_progress_mgr pub;
    int max_scans;
} fc_jpeg_progress_mgr;

static inline void fc_jpeg_error_exit(j_common_ptr cinfo) {
    fc_jpeg_error_mgr *err = (fc_jpeg_error_mgr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->status->message);
    longjmp(err->jump, 1);
}

static inline void fc_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    fc_jpeg_error_mgr *err = (fc_jpeg_error_mgr *)cinfo->err;
    if (msg_level >= 0) return;  // trace messages
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) err->status->saw_end_of_file = 1;
    if (err->status->warnings == 0) {
        err->status->warning_code = cinfo->err->msg_code;
        (*cinfo->err->format_message)(cinfo, err->status->warning);
    }
    err->status->warnings += 1;
    cinfo->err->num_warnings += 1;
}

static inline void fc_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

/// Stops a progressive decode with too many scans (a cheap denial-of-service guard).
static inline void fc_jpeg_progress(j_common_ptr cinfo) {
    fc_jpeg_progress_mgr *progress = (fc_jpeg_progress_mgr *)cinfo->progress;
    if (cinfo->is_decompressor) {
        j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
        if (dinfo->input_scan_number > progress->max_scans) {
            fc_jpeg_error_mgr *err = (fc_jpeg_error_mgr *)cinfo->err;
            snprintf(err->status->message, JMSG_LENGTH_MAX,
                     "more than %d progressive scans", progress->max_scans);
            longjmp(err->jump, 1);
        }
    }
}

static inline void fc_jpeg_install_errors(fc_jpeg_error_mgr *err, fc_jpeg_status *status) {
    memset(status, 0, sizeof(*status));
    status->warning_code = -1;
    jpeg_std_error(&err->pub);
    err->pub.error_exit = fc_jpeg_error_exit;
    err->pub.emit_message = fc_jpeg_emit_message;
    err->pub.output_message = fc_jpeg_output_message;
    err->status = status;
}

/// Creates the decompressor on `data` and reads the header. Call it after `setjmp(err.jump)`:
/// libjpeg's errors jump back there.
static inline void fc_jpeg_open(j_decompress_ptr cinfo, const unsigned char *data, unsigned long size,
                                struct jpeg_progress_mgr *progress) {
    jpeg_create_decompress(cinfo);
    cinfo->progress = progress;
    jpeg_mem_src(cinfo, data, size);
    jpeg_read_header(cinfo, TRUE);
}

/// Reads the header of an in-memory JPEG. Returns 0 on success, 1 on a libjpeg error.
static inline int fc_jpeg_read_header(const unsigned char *data, unsigned long size,
                                      fc_jpeg_header *header, fc_jpeg_status *status) {
    struct jpeg_decompress_struct cinfo;
    fc_jpeg_error_mgr err;
    memset(header, 0, sizeof(*header));
    memset(&cinfo, 0, sizeof(cinfo));
    fc_jpeg_install_errors(&err, status);
    cinfo.err = &err.pub;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    fc_jpeg_open(&cinfo, data, size, NULL);
    header->width = (int)cinfo.image_width;
    header->height = (int)cinfo.image_height;
    header->components = cinfo.num_components;
    header->color_space = (int)cinfo.jpeg_color_space;
    header->saw_adobe_marker = cinfo.saw_Adobe_marker ? 1 : 0;
    header->progressive = cinfo.progressive_mode ? 1 : 0;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

/// Decodes an in-memory JPEG into `out` (rows of `width * out_components` bytes, no padding).
///
/// `out_components` is 3 (libjpeg converts grey, YCbCr and RGB to RGB with JCS_EXT_RGB) or 4
/// (CMYK/YCCK files, decoded to raw CMYK for the caller to convert). The decoded size must equal
/// `width` x `height`, and `out_size` must hold it. Returns 0 on success, 1 on a libjpeg error,
/// 2 if the size or component count differs from what the caller expected.
static inline int fc_jpeg_decode(const unsigned char *data, unsigned long size,
                                 int width, int height, int out_components, int max_scans,
                                 unsigned char *out, size_t out_size, fc_jpeg_status *status) {
    struct jpeg_decompress_struct cinfo;
    fc_jpeg_error_mgr err;
    fc_jpeg_progress_mgr progress;
    int result = 0;
    memset(&cinfo, 0, sizeof(cinfo));
    memset(&progress, 0, sizeof(progress));
    fc_jpeg_install_errors(&err, status);
    cinfo.err = &err.pub;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    progress.pub.progress_monitor = fc_jpeg_progress;
    progress.max_scans = max_scans;
    fc_jpeg_open(&cinfo, data, size, &progress.pub);
    if (out_components == 4) {
        cinfo.out_color_space = JCS_CMYK;
    } else {
        cinfo.out_color_space = JCS_EXT_RGB;
    }
    jpeg_start_decompress(&cinfo);
    if ((int)cinfo.output_width != width || (int)cinfo.output_height != height ||
        cinfo.output_components != out_components ||
        (size_t)width * (size_t)height * (size_t)out_components > out_size) {
        snprintf(status->message, JMSG_LENGTH_MAX,
                 "decoder output %ux%u with %d components, expected %dx%d with %d",
                 cinfo.output_width, cinfo.output_height, cinfo.output_components,
                 width, height, out_components);
        result = 2;
    } else {
        size_t stride = (size_t)width * (size_t)out_components;
        while (cinfo.output_scanline < cinfo.output_height) {
            JSAMPROW row = out + (size_t)cinfo.output_scanline * stride;
            jpeg_read_scanlines(&cinfo, &row, 1);
        }
        jpeg_finish_decompress(&cinfo);
    }
    jpeg_destroy_decompress(&cinfo);
    return result;
}

/// Encodes packed RGB rows as a baseline JPEG (4:2:0, `quality` 1...100) into a malloc'd buffer.
///
/// On success returns 0 and sets `*out_data`/`*out_size`; the caller frees `*out_data` with
/// `fc_jpeg_free`. Returns 1 on a libjpeg error (nothing to free).
static inline int fc_jpeg_encode_rgb(const unsigned char *pixels, int width, int height,
                                     int quality, unsigned char **out_data,
                                     unsigned long *out_size, fc_jpeg_status *status) {
    struct jpeg_compress_struct cinfo;
    fc_jpeg_error_mgr err;
    unsigned char *buffer = NULL;
    unsigned long buffer_size = 0;
    memset(&cinfo, 0, sizeof(cinfo));
    *out_data = NULL;
    *out_size = 0;
    fc_jpeg_install_errors(&err, status);
    cinfo.err = &err.pub;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return 1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buffer, &buffer_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * 3;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out_data = buffer;
    *out_size = buffer_size;
    return 0;
}

/// Frees a buffer returned by `fc_jpeg_encode_rgb`.
static inline void fc_jpeg_free(unsigned char *data) { free(data); }

#endif
