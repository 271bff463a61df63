/* defen, the C ABI: load a scoring standard and score records given as JSON,
 * from C or from any language with a C foreign-function interface (Python
 * ctypes, Java JNA/Panama, Go cgo). examples/python/score.py uses it.
 *
 * Strings: every `const char*` passed in and every string returned is UTF-8
 * and NUL-terminated.
 *
 * Ownership:
 *   - defen_load_* return a handle the caller owns; release it with
 *     defen_ruleset_free (NULL is accepted and ignored).
 *   - char* results (defen_evaluate, defen_ruleset_info) belong to the caller;
 *     release each with defen_free_string, never with free().
 *   - defen_last_error and defen_version return strings the library owns:
 *     do not free them. defen_last_error's text stays valid until the next
 *     defen_* call on the same thread.
 *
 * Errors: a function that fails returns NULL and leaves a Chinese message
 * for defen_last_error (per thread). No C++ exception ever crosses this
 * boundary. A record whose values are wrong is not a failure: its result
 * says "ok": false and lists the errors.
 *
 * Threads: a loaded ruleset is immutable; defen_evaluate and
 * defen_ruleset_info may be called on the same handle from many threads at
 * once. Free a handle only when no call on it is running.
 */
#ifndef DEFEN_DEFEN_H
#define DEFEN_DEFEN_H

#include "defen/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An opaque compiled ruleset. */
typedef struct defen_ruleset defen_ruleset;

/* Engines for defen_load_*. Both give the same scores. */
enum {
  DEFEN_ENGINE_JIT = 0,         /* native code, cached on disk ($DEFEN_CACHE_DIR or ~/.cache/defen) */
  DEFEN_ENGINE_INTERPRETER = 1  /* no compile step */
};

/* Reads and checks a .rules file. NULL when it cannot be read or has errors;
 * defen_last_error then holds every diagnostic as `defen check` prints it. */
DEFEN_API defen_ruleset* defen_load_file(const char* path, int engine);

/* The same for ruleset text in memory; `path` (may be NULL) names it in
 * messages and locates the base of a ruleset written `基于 NAME`. */
DEFEN_API defen_ruleset* defen_load_text(const char* text, const char* path, int engine);

/* Picks a standard from a rulesets directory by "NAME@YEAR" (NAME: the file's
 * 名称, its file stem, or the stem without the year, e.g.
 * "zhanjiang-dept@2022"). NULL when nothing or more than one file matches, or
 * the file has errors. */
DEFEN_API defen_ruleset* defen_load_registered(const char* directory, const char* selector, int engine);

/* Scores one record given as a JSON object text ({"收入预算数": "2,928,000.00",
 * …}). Returns the score card as JSON text:
 *   {"id": …, "ok": true, "total": 86.5, "grade": "良", "bonus": 0, "penalty": 0,
 *    "indicators": [{"path": […], "name": …, "score": 3, "max": 3,
 *                    "status": "scored", "statusLabel": "", "explanation": …}, …],
 *    "errors": [], "warnings": []}
 * Scores are JSON numbers written with exactly the digits of the exact
 * decimal, whatever their size (9223372036854775808, 12345678901234567.5;
 * parse them as decimals for exact comparison); "grade" is null when "ok" is
 * false. When some indicators faulted (a bad cell, a score outside [0, 分值])
 * the others are still scored: the card has "incomplete": true,
 * "incompleteReasons": […], a provisional "total" over what is known, and the
 * faulted indicators have status "failed", "score": null and their own
 * "errors"; otherwise "total" is null when "ok" is false. NULL only when
 * `ruleset` or `record_json` is NULL, or the text is not one JSON object. */
DEFEN_API char* defen_evaluate(const defen_ruleset* ruleset, const char* record_json);

/* The ruleset's header as JSON: {"name", "region", "year", "version", "total",
 * "path", "inputs": [names…]}. */
DEFEN_API char* defen_ruleset_info(const defen_ruleset* ruleset);

DEFEN_API void defen_ruleset_free(defen_ruleset* ruleset);
DEFEN_API void defen_free_string(char* text);

/* The message of the last failed call on this thread ("" if none). */
DEFEN_API const char* defen_last_error(void);

/* "0.1.0" */
DEFEN_API const char* defen_version(void);

#ifdef __cplusplus
}
#endif

#endif /* DEFEN_DEFEN_H */
