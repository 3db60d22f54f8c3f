// Vector helpers the Inference kernels call from Swift.
//
// Swift's standard library implements SIMD comparisons, min and max generically, lane by lane,
// which compiles to scalar loops. Clang's extended vectors compile the same operations to single
// instructions (vmaxps, vminps). Swift imports these vector types as SIMD16<Float> / SIMD8<Float>,
// and the functions are `static inline`, so they inline into the Swift kernels.
#ifndef FORMCHECK_INFERENCE_SIMD_H
#define FORMCHECK_INFERENCE_SIMD_H

typedef float fc_float16 __attribute__((ext_vector_type(16)));
typedef float fc_float8 __attribute__((ext_vector_type(8)));
typedef float fc_float4 __attribute__((ext_vector_type(4)));

/// Each lane limited to lo...hi (a fused activation). NaN lanes become lo.
static inline __attribute__((always_inline)) fc_float16 fc_clamp16(fc_float16 v, fc_float16 lo, fc_float16 hi) {
    fc_float16 raised = v < lo ? lo : v;
    return raised > hi ? hi : raised;
}

static inline __attribute__((always_inline)) fc_float8 fc_clamp8(fc_float8 v, fc_float8 lo, fc_float8 hi) {
    fc_float8 raised = v < lo ? lo : v;
    return raised > hi ? hi : raised;
}

static inline __attribute__((always_inline)) fc_float4 fc_clamp4(fc_float4 v, fc_float4 lo, fc_float4 hi) {
    fc_float4 raised = v < lo ? lo : v;
    return raised > hi ? hi : raised;
}

/// The low 8 lanes of a 16-lane vector (free: the low half of a zmm register is a ymm register).
static inline __attribute__((always_inline)) fc_float8 fc_low8(fc_float16 v) {
    return __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7);
}

/// The larger of each pair of lanes.
static inline __attribute__((always_inline)) fc_float16 fc_max16(fc_float16 a, fc_float16 b) {
    return a < b ? b : a;
}

static inline __attribute__((always_inline)) fc_float8 fc_max8(fc_float8 a, fc_float8 b) {
    return a < b ? b : a;
}

/// Transposes an 8×8 block of floats: row r of `source` (8 floats at `source + r * sourceStride`)
/// becomes column r of `destination` (floats `destination[c * destinationStride + r]`).
/// Used to turn 8 pixels × 8 channels (NHWC) into 8 channel planes.
static inline __attribute__((always_inline)) void fc_transpose8x8(const float *source, long sourceStride,
                                                                  float *destination, long destinationStride) {
    fc_float8 r0, r1, r2, r3, r4, r5, r6, r7;
    __builtin_memcpy(&r0, source + 0 * sourceStride, sizeof r0);
    __builtin_memcpy(&r1, source + 1 * sourceStride, sizeof r1);
    __builtin_memcpy(&r2, source + 2 * sourceStride, sizeof r2);
    __builtin_memcpy(&r3, source + 3 * sourceStride, sizeof r3);
    __builtin_memcpy(&r4, source + 4 * sourceStride, sizeof r4);
    __builtin_memcpy(&r5, source + 5 * sourceStride, sizeof r5);
    __builtin_memcpy(&r6, source + 6 * sourceStride, sizeof r6);
    __builtin_memcpy(&r7, source + 7 * sourceStride, sizeof r7);
    // Interleave pairs, then quads, then halves.
    fc_float8 a0 = __builtin_shufflevector(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13);
    fc_float8 a1 = __builtin_shufflevector(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);
    fc_float8 a2 = __builtin_shufflevector(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13);
    fc_float8 a3 = __builtin_shufflevector(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);
    fc_float8 a4 = __builtin_shufflevector(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13);
    fc_float8 a5 = __builtin_shufflevector(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);
    fc_float8 a6 = __builtin_shufflevector(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13);
    fc_float8 a7 = __builtin_shufflevector(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);
    fc_float8 b0 = __builtin_shufflevector(a0, a2, 0, 1, 8, 9, 4, 5, 12, 13);
    fc_float8 b1 = __builtin_shufflevector(a0, a2, 2, 3, 10, 11, 6, 7, 14, 15);
    fc_float8 b2 = __builtin_shufflevector(a1, a3, 0, 1, 8, 9, 4, 5, 12, 13);
    fc_float8 b3 = __builtin_shufflevector(a1, a3, 2, 3, 10, 11, 6, 7, 14, 15);
    fc_float8 b4 = __builtin_shufflevector(a4, a6, 0, 1, 8, 9, 4, 5, 12, 13);
    fc_float8 b5 = __builtin_shufflevector(a4, a6, 2, 3, 10, 11, 6, 7, 14, 15);
    fc_float8 b6 = __builtin_shufflevector(a5, a7, 0, 1, 8, 9, 4, 5, 12, 13);
    fc_float8 b7 = __builtin_shufflevector(a5, a7, 2, 3, 10, 11, 6, 7, 14, 15);
    fc_float8 c0 = __builtin_shufflevector(b0, b4, 0, 1, 2, 3, 8, 9, 10, 11);
    fc_float8 c1 = __builtin_shufflevector(b1, b5, 0, 1, 2, 3, 8, 9, 10, 11);
    fc_float8 c2 = __builtin_shufflevector(b2, b6, 0, 1, 2, 3, 8, 9, 10, 11);
    fc_float8 c3 = __builtin_shufflevector(b3, b7, 0, 1, 2, 3, 8, 9, 10, 11);
    fc_float8 c4 = __builtin_shufflevector(b0, b4, 4, 5, 6, 7, 12, 13, 14, 15);
    fc_float8 c5 = __builtin_shufflevector(b1, b5, 4, 5, 6, 7, 12, 13, 14, 15);
    fc_float8 c6 = __builtin_shufflevector(b2, b6, 4, 5, 6, 7, 12, 13, 14, 15);
    fc_float8 c7 = __builtin_shufflevector(b3, b7, 4, 5, 6, 7, 12, 13, 14, 15);
    __builtin_memcpy(destination + 0 * destinationStride, &c0, sizeof c0);
    __builtin_memcpy(destination + 1 * destinationStride, &c1, sizeof c1);
    __builtin_memcpy(destination + 2 * destinationStride, &c2, sizeof c2);
    __builtin_memcpy(destination + 3 * destinationStride, &c3, sizeof c3);
    __builtin_memcpy(destination + 4 * destinationStride, &c4, sizeof c4);
    __builtin_memcpy(destination + 5 * destinationStride, &c5, sizeof c5);
    __builtin_memcpy(destination + 6 * destinationStride, &c6, sizeof c6);
    __builtin_memcpy(destination + 7 * destinationStride, &c7, sizeof c7);
}

/// Converts `count` IEEE half-precision values to float (exact), 8 at a time where the CPU
/// converts halves in hardware (F16C), one at a time otherwise.
static inline void fc_halves_to_floats(const unsigned short *source, float *destination, long count) {
    typedef _Float16 fc_half8 __attribute__((ext_vector_type(8)));
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        fc_half8 h;
        __builtin_memcpy(&h, source + i, sizeof h);
        fc_float8 f = __builtin_convertvector(h, fc_float8);
        __builtin_memcpy(destination + i, &f, sizeof f);
    }
    for (; i < count; i++) {
        _Float16 h;
        __builtin_memcpy(&h, source + i, sizeof h);
        destination[i] = (float) h;
    }
}

#endif
