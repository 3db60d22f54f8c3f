// libpng, imported into Swift.
//
// libpng reports fatal errors through an error callback that must not return. Swift cannot use
// setjmp/longjmp, so every libpng call sequence lives in one of the `static inline` functions
// below: each sets its own jump point, and a fatal error comes back as a non-zero return value
// with libpng's message in the caller's `fc_png_status`. No Swift frame is ever skipped.
#ifndef FORMCHECK_CPNG_SHIM_H
#define FORMCHECK_CPNG_SHIM_H
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

#define FC_PNG_MESSAGE_LENGTH 200

/// Result details of a shim call: the fatal error message (empty if none).
typedef struct fc_png_status {
    char message[FC_PNG_MESSAGE_LENGTH];
} fc_png_status;

/// What the header (IHDR) says about a PNG.
typedef struct fc_png_header {
    unsigned int width;
    unsigned int height;
    int bit_depth;
    /// PNG_COLOR_TYPE_*: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
    int color_type;
    int interlaced;
} fc_png_header;

typedef struct fc_png_context {
    jmp_buf jump;
    fc_png_status *status;
    const unsigned char *data;
    size_t size;
    size_t position;
    /* Objects made after setjmp live here, in memory, so a longjmp cannot lose them. */
    png_structp png;
    png_infop info;
    png_bytepp rows;
    /* Writing: a growing malloc'd buffer. */
    unsigned char *out;
    size_t out_size;
    size_t out_capacity;
} fc_png_context;

static inline void fc_png_error(png_structp png, png_const_charp message) {
    fc_png_context *context = (fc_png_context *)png_get_error_ptr(png);
    snprintf(context->status->message, FC_PNG_MESSAGE_LENGTH, "%s", message);
    longjmp(context->jump, 1);
}

static inline void fc_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static inline void fc_png_read_data(png_structp png, png_bytep out, png_size_t length) {
    fc_png_context *context = (fc_png_context *)png_get_io_ptr(png);
    if (length > context->size - context->position) {
        png_error(png, "file is truncated");
    }
    memcpy(out, context->data + context->position, length);
    context->position += length;
}

static inline void fc_png_write_data(png_structp png, png_bytep data, png_size_t length) {
    fc_png_context *context = (fc_png_context *)png_get_io_ptr(png);
    if (length > context->out_capacity - context->out_size) {
        size_t capacity = context->out_capacity ? context->out_capacity : 65536;
        while (length > capacity - context->out_size) {
            if (capacity > ((size_t)-1) / 2) png_error(png, "output too large");
            capacity *= 2;
        }
        unsigned char *grown = (unsigned char *)realloc(context->out, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        context->out = grown;
        context->out_capacity = capacity;
    }
    memcpy(context->out + context->out_size, data, length);
    context->out_size += length;
}

static inline void fc_png_flush(png_structp png) { (void)png; }

/// Clears the context and the status, and points the context at the input bytes.
static inline void fc_png_init(fc_png_context *context, fc_png_status *status,
                               const unsigned char *data, size_t size) {
    memset(context, 0, sizeof(*context));
    memset(status, 0, sizeof(*status));
    context->status = status;
    context->data = data;
    context->size = size;
}

/// Creates the reader on the context's data and reads up to the image data. Call it after
/// `setjmp(context->jump)`: libpng's errors jump back there. Returns 1 if libpng could not
/// even create its reader.
static inline int fc_png_open_read(fc_png_context *context) {
    context->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, context, fc_png_error, fc_png_warning);
    if (context->png == NULL) {
        snprintf(context->status->message, FC_PNG_MESSAGE_LENGTH, "cannot create the PNG reader");
        return 1;
    }
    context->info = png_create_info_struct(context->png);
    if (context->info == NULL) png_error(context->png, "cannot create the PNG info");
    png_set_read_fn(context->png, context, fc_png_read_data);
    png_read_info(context->png, context->info);
    return 0;
}

/// Reads the IHDR of an in-memory PNG. Returns 0 on success, 1 on a libpng error.
static inline int fc_png_read_header(const unsigned char *data, size_t size,
                                     fc_png_header *header, fc_png_status *status) {
    fc_png_context context;
    memset(header, 0, sizeof(*header));
    fc_png_init(&context, status, data, size);
    if (setjmp(context.jump)) {
        png_destroy_read_struct(&context.png, &context.info, NULL);
        return 1;
    }
    if (fc_png_open_read(&context) != 0) return 1;
    png_structp png = context.png;
    png_infop info = context.info;
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->color_type = png_get_color_type(png, info);
    header->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    png_destroy_read_struct(&context.png, &context.info, NULL);
    return 0;
}

/// Decodes an in-memory PNG to 8-bit RGB rows (`width * 3` bytes each) in `out`.
///
/// The transforms are those of OpenCV's `imread(..., IMREAD_COLOR)`: palette → RGB, grey → RGB,
/// 16-bit → 8-bit by keeping the high byte (`png_set_strip_16`), alpha (and tRNS) dropped, no
/// gamma correction. Returns 0 on success, 1 on a libpng error, 2 if the size differs from
/// what the caller expected.
static inline int fc_png_decode_rgb(const unsigned char *data, size_t size,
                                    unsigned int width, unsigned int height,
                                    unsigned char *out, size_t out_size, fc_png_status *status) {
    fc_png_context context;
    fc_png_init(&context, status, data, size);
    if (setjmp(context.jump)) {
        png_destroy_read_struct(&context.png, &context.info, NULL);
        free(context.rows);
        return 1;
    }
    if (fc_png_open_read(&context) != 0) return 1;
    png_structp png = context.png;
    png_infop info = context.info;
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (png_get_image_width(png, info) != width || png_get_image_height(png, info) != height ||
        (size_t)width * (size_t)height * 3 > out_size) {
        snprintf(status->message, FC_PNG_MESSAGE_LENGTH, "size changed between two reads");
        png_destroy_read_struct(&context.png, &context.info, NULL);
        return 2;
    }
    if (bit_depth == 16) png_set_strip_16(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if ((color_type & PNG_COLOR_MASK_COLOR) == 0 && bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if ((color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(png);
    png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 3) {
        snprintf(status->message, FC_PNG_MESSAGE_LENGTH,
                 "unexpected row size %lu after conversion to RGB",
                 (unsigned long)png_get_rowbytes(png, info));
        png_destroy_read_struct(&context.png, &context.info, NULL);
        return 2;
    }
    context.rows = (png_bytepp)malloc(sizeof(png_bytep) * (size_t)height);
    if (context.rows == NULL) png_error(png, "out of memory");
    for (unsigned int y = 0; y < height; y++) {
        context.rows[y] = out + (size_t)y * (size_t)width * 3;
    }
    png_read_image(png, context.rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&context.png, &context.info, NULL);
    free(context.rows);
    return 0;
}

/// Encodes packed 8-bit RGB rows as a PNG into a malloc'd buffer.
///
/// On success returns 0 and sets `*out_data`/`*out_size`; the caller frees `*out_data` with
/// `fc_png_free`. Returns 1 on a libpng error (nothing to free).
static inline int fc_png_encode_rgb(const unsigned char *pixels, unsigned int width,
                                    unsigned int height, int compression_level,
                                    unsigned char **out_data, size_t *out_size,
                                    fc_png_status *status) {
    fc_png_context context;
    fc_png_init(&context, status, NULL, 0);
    *out_data = NULL;
    *out_size = 0;
    if (setjmp(context.jump)) {
        png_destroy_write_struct(&context.png, &context.info);
        free(context.out);
        return 1;
    }
    context.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, fc_png_error, fc_png_warning);
    png_structp png = context.png;
    if (png == NULL) {
        snprintf(status->message, FC_PNG_MESSAGE_LENGTH, "cannot create the PNG writer");
        return 1;
    }
    context.info = png_create_info_struct(png);
    png_infop info = context.info;
    if (info == NULL) png_error(png, "cannot create the PNG info");
    png_set_write_fn(png, &context, fc_png_write_data, fc_png_flush);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (unsigned int y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * (size_t)width * 3));
    }
    png_write_end(png, info);
    png_destroy_write_struct(&context.png, &context.info);
    *out_data = context.out;
    *out_size = context.out_size;
    return 0;
}

/// Frees a buffer returned by `fc_png_encode_rgb`.
static inline void fc_png_free(unsigned char *data) { free(data); }

#endif
