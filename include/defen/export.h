/* What libdefen.so exports. Everything else in the library (the compiler,
 * ANTLR, LLVM) is hidden, so an embedder links one library and sees only the
 * headers in include/defen/. */
#ifndef DEFEN_EXPORT_H
#define DEFEN_EXPORT_H

#if defined(DEFEN_STATIC_API)
#define DEFEN_API
#else
#define DEFEN_API __attribute__((visibility("default")))
#endif

#endif /* DEFEN_EXPORT_H */
