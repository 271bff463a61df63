/* The C ABI (include/defen/defen.h) driven from C, built with
 * -fsanitize=address,undefined together with the library's own sources
 * (tests/CMakeLists.txt): ownership mistakes — a leak, a double free, a
 * string used after defen_free_string — fail this test. */
#include "defen/defen.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond, ...)                                  \
  do {                                                    \
    if (!(cond)) {                                        \
      fprintf(stderr, "%s:%d: 失败：%s\n  ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                       \
      fprintf(stderr, "\n");                              \
      ++failures;                                         \
    }                                                     \
  } while (0)

static char* readFile(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* text = malloc((size_t)size + 1);
  size_t got = fread(text, 1, (size_t)size, f);
  text[got] = '\0';
  fclose(f);
  return text;
}

static char source[4096];
static const char* src(const char* relative) {
  snprintf(source, sizeof source, "%s/%s", DEFEN_SOURCE_DIR, relative);
  return source;
}

static int contains(const char* text, const char* part) { return text && strstr(text, part) != NULL; }

struct job {
  const defen_ruleset* ruleset;
  const char* record;
  int wrong;
};

static void* scoreMany(void* arg) {
  struct job* j = arg;
  for (int i = 0; i < 20; ++i) {
    char* result = defen_evaluate(j->ruleset, j->record);
    if (!contains(result, "\"total\":86.5")) ++j->wrong;
    defen_free_string(result);
  }
  return NULL;
}

static void loadFailures(void) {
  CHECK(defen_load_file(src("rulesets/no-such.rules"), DEFEN_ENGINE_INTERPRETER) == NULL, "不存在的文件应失败");
  CHECK(contains(defen_last_error(), "no-such.rules"), "%s", defen_last_error());
  CHECK(defen_load_text("名称 \"测试\"\n年度 2024\n指标 一 100分 { 得分 = 乙 }\n", "bad.rules", DEFEN_ENGINE_INTERPRETER) == NULL, "有错误的规则应失败");
  CHECK(contains(defen_last_error(), "bad.rules:3:"), "%s", defen_last_error());
  CHECK(defen_load_file(NULL, DEFEN_ENGINE_INTERPRETER) == NULL, "NULL 路径应失败");
  CHECK(defen_load_file(src("rulesets/zhanjiang-2022-dept.rules"), 7) == NULL, "未知引擎应失败");
  CHECK(contains(defen_last_error(), "引擎"), "%s", defen_last_error());
  CHECK(defen_load_registered(src("rulesets"), "zhanjiang-dept@1999", DEFEN_ENGINE_INTERPRETER) == NULL, "不存在的年度应失败");
  CHECK(contains(defen_last_error(), "zhanjiang-dept@2022"), "%s", defen_last_error());
  defen_ruleset_free(NULL);
  defen_free_string(NULL);
}

static void scoreZhanjiang(int engine) {
  defen_ruleset* rules = defen_load_file(src("rulesets/zhanjiang-2022-dept.rules"), engine);
  CHECK(rules != NULL, "%s", defen_last_error());
  if (!rules) return;
  char* info = defen_ruleset_info(rules);
  CHECK(contains(info, "\"year\":2022") && contains(info, "\"region\":\"湛江市\""), "%s", info);
  defen_free_string(info);

  char* record = readFile(src("examples/zhanjiang-2022/data.json"));
  char* result = defen_evaluate(rules, record);
  CHECK(contains(result, "\"ok\":true"), "%s", result ? result : defen_last_error());
  CHECK(contains(result, "\"total\":86.5,\"grade\":\"良\""), "%s", result ? result : "");
  CHECK(contains(result, "\"name\":\"政府采购执行率\",\"score\":2,\"max\":2,\"status\":\"overridden\",\"statusLabel\":\"核定\""), "%s",
        result ? result : "");
  defen_free_string(result);

  /* Several threads on one handle. */
  pthread_t threads[4];
  struct job jobs[4];
  for (int t = 0; t < 4; ++t) {
    jobs[t] = (struct job){rules, record, 0};
    pthread_create(&threads[t], NULL, scoreMany, &jobs[t]);
  }
  for (int t = 0; t < 4; ++t) {
    pthread_join(threads[t], NULL);
    CHECK(jobs[t].wrong == 0, "线程 %d 有 %d 次结果不对", t, jobs[t].wrong);
  }
  free(record);

  /* A bad value is a result with errors, not a failure: it faults the
   * indicators reading it (status "failed"), the total is incomplete, no grade. */
  char* bad = defen_evaluate(rules, "{\"名称\": \"甲\", \"收入预算数\": \"两百万\"}");
  CHECK(contains(bad, "\"ok\":false") && contains(bad, "两百万") && contains(bad, "\"grade\":null") && contains(bad, "\"incomplete\":true") &&
            contains(bad, "\"status\":\"failed\""),
        "%s", bad ? bad : defen_last_error());
  defen_free_string(bad);
  /* Not one JSON object: a failure with a message. */
  CHECK(defen_evaluate(rules, "[{}]") == NULL && contains(defen_last_error(), "JSON 对象"), "%s", defen_last_error());
  CHECK(defen_evaluate(rules, "{\"名称\": ") == NULL && contains(defen_last_error(), "JSON"), "%s", defen_last_error());
  CHECK(defen_evaluate(NULL, "{}") == NULL, "NULL 规则应失败");
  defen_ruleset_free(rules);
}

static void scoreFromTheRegistry(void) {
  defen_ruleset* rules = defen_load_registered(src("rulesets"), "zhanjiang-dept@2023", DEFEN_ENGINE_INTERPRETER);
  CHECK(rules != NULL, "%s", defen_last_error());
  if (!rules) return;
  char* record = readFile(src("examples/zhanjiang-2022/data.json"));
  char* result = defen_evaluate(rules, record);
  CHECK(contains(result, "\"total\":85,\"grade\":\"良\""), "%s", result ? result : defen_last_error());
  defen_free_string(result);
  free(record);
  defen_ruleset_free(rules);
}

/* Points beyond int64 (≥ 2^63) and decimals with more digits than a double
 * holds come out with exactly the digits of the exact decimal. */
static void exactNumbers(void) {
  const char* text =
      "名称 \"大数\"\n年度 2024\n总分 20000000000000000000分\n输入 { 甲：数值 }\n"
      "指标 一 20000000000000000000分 { 得分 = 甲 × 1分 }\n";
  defen_ruleset* rules = defen_load_text(text, "big.rules", DEFEN_ENGINE_INTERPRETER);
  CHECK(rules != NULL, "%s", defen_last_error());
  if (!rules) return;
  char* info = defen_ruleset_info(rules);
  CHECK(contains(info, "\"total\":20000000000000000000,"), "%s", info ? info : defen_last_error());
  defen_free_string(info);
  char* above = defen_evaluate(rules, "{\"甲\": 9223372036854775808}");
  CHECK(contains(above, "\"total\":9223372036854775808,"), "%s", above ? above : defen_last_error());
  defen_free_string(above);
  char* fraction = defen_evaluate(rules, "{\"甲\": 12345678901234567.5}");
  CHECK(contains(fraction, "\"total\":12345678901234567.5,") && contains(fraction, "\"score\":12345678901234567.5,"), "%s",
        fraction ? fraction : defen_last_error());
  defen_free_string(fraction);
  char* negative = defen_evaluate(rules, "{\"甲\": \"-1.25\"}");
  CHECK(negative != NULL, "%s", defen_last_error());
  defen_free_string(negative);
  defen_ruleset_free(rules);
}

int main(void) {
  CHECK(strcmp(defen_version(), "") != 0, "版本为空");
  loadFailures();
  scoreZhanjiang(DEFEN_ENGINE_INTERPRETER);
  scoreZhanjiang(DEFEN_ENGINE_JIT);
  scoreFromTheRegistry();
  exactNumbers();
  if (failures) fprintf(stderr, "%d 项检查失败\n", failures);
  else printf("C ABI：全部检查通过\n");
  return failures ? 1 : 0;
}
