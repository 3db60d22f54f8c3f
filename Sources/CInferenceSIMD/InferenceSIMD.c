// The vector helpers are all `static inline` in include/InferenceSIMD.h; this file gives the target a source.
