// `defen serve` refuses what it must (malformed JSON, bodies over the limit,
// paths outside the rulesets directory, unknown endpoints, wrong methods,
// work past the time limit) with a 4xx/5xx and the documented error code,
// and keeps answering afterwards. Saving keeps history and reloads the registry.
#include "tests/serve/serve_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sys/stat.h>

namespace {

using namespace defen::servetest;

std::string codeOf(const httplib::Result& r) { return Json::parse(r->body)["error"]["code"]; }

class Refusals : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new Server({"--max-body", "64KB"}); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static Server* server;
};
Server* Refusals::server = nullptr;

TEST_F(Refusals, MalformedJsonIs400WithItsPlace) {
  auto r = server->client().Post("/api/check", "{\"text\": \"x\",\n  oops}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  Json j = Json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "bad_json");
  EXPECT_EQ(j["line"], 2);
  EXPECT_EQ(j["column"], 3);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("第2行第3列"), std::string::npos) << r->body;
  auto array = server->client().Post("/api/check", "[1, 2]", "application/json");
  EXPECT_EQ(array->status, 400);
  EXPECT_EQ(codeOf(array), "bad_json");
  auto wrongType = server->client().Post("/api/check", "{\"text\": 5}", "application/json");
  EXPECT_EQ(wrongType->status, 400);
  EXPECT_EQ(codeOf(wrongType), "bad_request");
  EXPECT_TRUE(healthy(*server));
}

TEST_F(Refusals, ABodyOverTheLimitIs413) {
  std::string big = Json{{"text", std::string(100 * 1024, 'x')}}.dump();
  auto r = server->client().Post("/api/check", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(codeOf(r), "too_large");
  EXPECT_TRUE(healthy(*server));
}

TEST_F(Refusals, PathTraversalIs400BadPathInEverySpelling) {
  // Something outside the rulesets directory that exists.
  std::ofstream(server->root() / "secret.rules") << "名称 \"x\"\n";
  for (std::string path : {"/api/rulesets/..%2Fsecret.rules", "/api/rulesets/%2e%2e%2fsecret.rules",
                           "/api/rulesets/..%5Csecret.rules", "/api/rulesets/%252e%252e%252fsecret.rules",
                           "/api/rulesets/%2Fetc%2Fpasswd", "/api/rulesets/secret.rules%00.rules",
                           "/api/rulesets/.history", "/api/rulesets/zhanjiang-2022-dept.tests"}) {
    auto r = server->client().Get(path.c_str());
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path << " " << r->body;
    EXPECT_EQ(codeOf(r), "bad_path") << path;
  }
  auto put = server->client().Put("/api/rulesets/..%2Fsecret.rules", Json{{"text", "x"}}.dump(), "application/json");
  EXPECT_EQ(put->status, 400);
  EXPECT_EQ(readFile((server->root() / "secret.rules").string()), "名称 \"x\"\n");
  for (const char* name : {"../secret.rules", "/etc/passwd", "sub/x.rules", "a\\..\\b.rules"}) {
    auto r = postJson(*server, "/api/check", {{"path", name}});
    EXPECT_EQ(r->status, 400) << name;
    EXPECT_EQ(codeOf(r), "bad_path") << name;
    auto file = postJson(*server, "/api/check", {{"text", "名称 \"x\""}, {"file", name}});
    EXPECT_EQ(file->status, 400) << name;
  }
  // A symbolic link inside the directory leading out of it.
  fs::create_symlink(server->root() / "secret.rules", server->rulesets() / "link.rules");
  auto link = server->client().Get("/api/rulesets/link.rules");
  EXPECT_EQ(link->status, 400);
  EXPECT_EQ(codeOf(link), "bad_path");
  fs::remove(server->rulesets() / "link.rules");
  // A test file's data lines stay inside the project.
  auto tests = postJson(*server, "/api/test", {{"ruleset", "zhanjiang-dept@2022"}, {"tests", "数据 /etc/passwd 第1行\n"}});
  EXPECT_EQ(tests->status, 400);
  EXPECT_EQ(codeOf(tests), "bad_path");
  EXPECT_TRUE(healthy(*server));
}

// Issue 17: a posted ruleset's 基于 names a standard in the rulesets
// directory and nothing else; a test's 数据 lines stay inside the project
// however the line is spaced.
TEST_F(Refusals, PostedBasesReachNoFileOutsideTheRulesetsDirectory) {
  std::ofstream(server->root() / "outside.rules") << "SECRET-TOKEN 名称 \"外\"\n年度 2022\n";
  using namespace std::string_literals;
  for (std::string base : {"../outside"s, "/etc/shadow\0"s, "/dev/zero\0"s, "/etc/passwd\0"s, (server->root() / "outside").string()}) {
    auto start = std::chrono::steady_clock::now();
    auto r = postJson(*server, "/api/check", {{"text", "基于 \"" + base + "\"\n年度 2023\n"}});
    ASSERT_TRUE(r) << base;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << base;
    EXPECT_EQ(r->status, 200) << r->body;
    Json j = Json::parse(r->body);
    EXPECT_EQ(j["effective"], nullptr) << base;
    ASSERT_EQ(j["diagnostics"].size(), 1u) << r->body;
    EXPECT_EQ(j["diagnostics"][0]["code"], "E307") << r->body;
    EXPECT_EQ(j["diagnostics"][0]["line"], 1);
    EXPECT_EQ(j["diagnostics"][0]["column"], 4);  // the name after 基于
    EXPECT_EQ(r->body.find("SECRET-TOKEN"), std::string::npos) << r->body;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << r->body;
  }
  // A link in the directory leading out is refused as well.
  fs::create_symlink(server->root() / "outside.rules", server->rulesets() / "leads-out.rules");
  auto link = postJson(*server, "/api/check", {{"text", "基于 leads-out\n年度 2023\n"}});
  EXPECT_EQ(Json::parse(link->body)["diagnostics"][0]["code"], "E307") << link->body;
  EXPECT_EQ(link->body.find("SECRET-TOKEN"), std::string::npos) << link->body;
  fs::remove(server->rulesets() / "leads-out.rules");
  // A FIFO in the directory is neither read nor written (it would block a
  // server thread for good).
  ASSERT_EQ(::mkfifo((server->rulesets() / "pipe.rules").c_str(), 0600), 0);
  auto fifoBase = postJson(*server, "/api/check", {{"text", "基于 pipe\n年度 2023\n"}});
  EXPECT_EQ(Json::parse(fifoBase->body)["diagnostics"][0]["code"], "E307") << fifoBase->body;
  EXPECT_EQ(server->client().Get("/api/rulesets/pipe.rules")->status, 400);
  EXPECT_EQ(postJson(*server, "/api/check", {{"path", "pipe.rules"}})->status, 400);
  auto put = server->client().Put("/api/rulesets/pipe.rules", Json{{"text", "名称 \"x\"\n"}}.dump(), "application/json");
  EXPECT_EQ(put->status, 400);
  EXPECT_TRUE(fs::is_fifo(server->rulesets() / "pipe.rules"));
  fs::remove(server->rulesets() / "pipe.rules");
  // The base in the directory is used as before.
  auto good = postJson(*server, "/api/check", {{"text", "基于 zhanjiang-2022-dept\n年度 2023\n"}, {"file", "next.rules"}});
  Json g = Json::parse(good->body);
  EXPECT_EQ(g["errors"], 0) << good->body;
  EXPECT_NE(g["effective"].get<std::string>().find("年度 2023"), std::string::npos);
  EXPECT_TRUE(healthy(*server));
}

TEST_F(Refusals, TestDataLinesStayInsideTheProjectHoweverSpaced) {
  // U+3000 (an ideographic space) and CR count as spaces to the test file's
  // reader; the path check must see the line the same way.
  for (std::string text : {"数据 /etc/passwd 第1行\n", "\u3000数据 /etc/passwd 第1行\n", "\r数据 /etc/passwd 第1行\n",
                           "\u3000数据 ../../../../../../etc/passwd 第1行\n", "数据\u3000/etc/passwd 第1行\n",
                           "用例 甲\n  \u3000数据 /etc/passwd 第1行\n  期望 总分 0分\n", "数据 /dev/zero 第1行\n"}) {
    auto r = postJson(*server, "/api/test", {{"ruleset", "zhanjiang-dept@2022"}, {"tests", text}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << text << " " << r->body;
    EXPECT_EQ(codeOf(r), "bad_path") << r->body;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << r->body;
  }
  // A missing file inside the project is the reader's T006, as in the CLI.
  auto missing = postJson(*server, "/api/test", {{"ruleset", "zhanjiang-dept@2022"}, {"tests", "数据 ../examples/none.json 第1行\n"}});
  EXPECT_EQ(missing->status, 422) << missing->body;
  EXPECT_EQ(Json::parse(missing->body)["diagnostics"][0]["code"], "T006") << missing->body;
  // The shipped tests read testdata/… inside the rulesets folder and run.
  auto shipped = postJson(*server, "/api/test", {{"ruleset", "zhanjiang-dept@2022"}});
  EXPECT_EQ(shipped->status, 200) << shipped->body.substr(0, 300);
  EXPECT_TRUE(healthy(*server));
}

TEST_F(Refusals, UnknownEndpointsAndWrongMethods) {
  auto unknown = server->client().Get("/api/nothing");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(codeOf(unknown), "not_found");
  auto post = postJson(*server, "/api/nothing", Json::object());
  EXPECT_EQ(post->status, 404);
  auto wrong = server->client().Get("/api/check");
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(codeOf(wrong), "unsupported");
  EXPECT_EQ(wrong->get_header_value("Allow"), "POST");
  auto del = server->client().Delete("/api/rulesets/zhanjiang-2022-dept.rules");
  EXPECT_GE(del->status, 400);
  EXPECT_LT(del->status, 500);
  auto page = server->client().Get("/assets/../../etc/passwd");
  EXPECT_EQ(page->status, 404);
  auto missingField = postJson(*server, "/api/evaluate", {{"ruleset", "zhanjiang-dept@2022"}});
  EXPECT_EQ(missingField->status, 400);
  EXPECT_EQ(codeOf(missingField), "bad_request");
  auto noStandard = postJson(*server, "/api/evaluate", {{"ruleset", "nowhere@1999"}, {"records", Json::array()}});
  EXPECT_EQ(noStandard->status, 404);
  EXPECT_TRUE(healthy(*server));
}

TEST(TimeLimit, ManyRecordsPastTheLimitAre503Timeout) {
  Server server({"--time-limit", "1ms", "--max-body", "64MB"});
  Json record = Json::parse(readFile(src("examples/zhanjiang-2022/data.json")));
  Json records = Json::array();
  for (int i = 0; i < 3000; ++i) records.push_back(record);
  auto r = postJson(server, "/api/evaluate", {{"ruleset", "zhanjiang-dept@2022"}, {"records", records}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503) << r->body.substr(0, 300);
  EXPECT_EQ(codeOf(r), "timeout");
  EXPECT_NE(Json::parse(r->body)["error"]["message"].get<std::string>().find("--time-limit"), std::string::npos);
  EXPECT_TRUE(healthy(server));
}

TEST(RowLimit, MoreRowsThanMaxRowsAre413) {
  Server server({"--max-rows", "2"});
  Json record = Json::parse(readFile(src("examples/zhanjiang-2022/data.json")));
  auto r = postJson(server, "/api/evaluate", {{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({record, record, record})}});
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(codeOf(r), "too_large");
  auto two = postJson(server, "/api/evaluate", {{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({record, record})}});
  EXPECT_EQ(two->status, 200);
}

TEST(Save, KeepsHistoryReloadsAndABrokenSaveLeavesTheOldStandardServing) {
  Server server;
  const std::string name = "zhanjiang-2022-dept.rules";
  std::string original = readFile((server.rulesets() / name).string());
  std::string edited = original;
  edited.replace(edited.find("版本 \"2022.1\""), std::string("版本 \"2022.1\"").size(), "版本 \"2022.2\"");
  auto r = server.client().Put(("/api/rulesets/" + name).c_str(), Json{{"text", edited}}.dump(), "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Json::parse(r->body);
  EXPECT_EQ(j["saved"], true);
  EXPECT_EQ(j["errors"], 0);
  ASSERT_TRUE(j["previous"].is_string());
  std::string previous = j["previous"];
  EXPECT_EQ(previous.rfind(".history/" + name + ".", 0), 0u) << previous;
  EXPECT_EQ(readFile((server.rulesets() / previous).string()), original);
  EXPECT_EQ(readFile((server.rulesets() / name).string()), edited);
  EXPECT_EQ(j["reload"]["updated"], Json::array({name}));
  Json listed = parse(server.client().Get("/api/rulesets"));
  bool listedEdited = false;
  for (const auto& e : listed["rulesets"])
    if (e["file"] == name) listedEdited = e["version"] == "2022.2";
  EXPECT_TRUE(listedEdited);

  // A broken save: written (work in progress), rejected by the registry.
  std::string broken = edited + "\n指标 残缺 ：\n";
  auto b = server.client().Put(("/api/rulesets/" + name).c_str(), Json{{"text", broken}}.dump(), "application/json");
  ASSERT_EQ(b->status, 200) << b->body;
  Json k = Json::parse(b->body);
  EXPECT_GT(k["errors"].get<int>(), 0);
  EXPECT_FALSE(k["diagnostics"].empty());
  // The 2023 standard, based on the 2022 one, cannot build either; both keep serving.
  ASSERT_EQ(k["reload"]["rejected"].size(), 2u) << b->body;
  EXPECT_EQ(k["reload"]["rejected"][0]["file"], name);
  EXPECT_EQ(k["reload"]["rejected"][0]["stillServing"], true);
  EXPECT_EQ(k["reload"]["rejected"][0]["messages"][0]["line"], 371);
  EXPECT_EQ(k["reload"]["rejected"][1]["file"], "zhanjiang-2023-dept.rules");
  EXPECT_EQ(k["reload"]["rejected"][1]["stillServing"], true);
  EXPECT_EQ(readFile((server.rulesets() / name).string()), broken);
  EXPECT_EQ(readFile((server.rulesets() / k["previous"].get<std::string>()).string()), edited);
  // The published standard still scores with the last clean version.
  Json record = Json::parse(readFile(src("examples/zhanjiang-2022/data.json")));
  Json e = parse(postJson(server, "/api/evaluate", {{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({record})}}));
  EXPECT_EQ(e["results"][0]["total"].dump(), "86.5");
  // …while the file itself does not check.
  auto onDisk = postJson(server, "/api/evaluate", {{"path", name}, {"records", Json::array({record})}});
  EXPECT_EQ(onDisk->status, 422);
  Json listedAgain = parse(server.client().Get("/api/rulesets"));
  for (const auto& x : listedAgain["rulesets"])
    if (x["file"] == name) {
      EXPECT_EQ(x["clean"], false);
      EXPECT_EQ(x["serving"], true);
    }
  // A new file.
  auto added = server.client().Put("/api/rulesets/new-2022.rules", Json{{"text", original}}.dump(), "application/json");
  Json a = Json::parse(added->body);
  EXPECT_TRUE(a["previous"].is_null());
  EXPECT_EQ(a["reload"]["added"], Json::array({"new-2022.rules"}));
  EXPECT_EQ(server.stop(), 0);
}

TEST(Page, ServedFromWebDirWithContentTypesAndNothingOutsideIt) {
  fs::path web = fs::temp_directory_path() / ("defen_serve_page_" + std::to_string(::getpid()));
  fs::create_directories(web / "assets");
  std::ofstream(web / "index.html") << "<!DOCTYPE html><title>工作台</title>";
  std::ofstream(web / "assets" / "app-1a2b.js") << "console.log(1)";
  std::ofstream(web / "assets" / "app-1a2b.css") << "body{}";
  std::ofstream(web.parent_path() / ("defen_serve_page_secret_" + std::to_string(::getpid()) + ".txt")) << "TOP-SECRET-CONTENT";
  {
    Server server({"--web", web.string()});
    auto index = server.client().Get("/");
    ASSERT_EQ(index->status, 200);
    EXPECT_EQ(index->body, "<!DOCTYPE html><title>工作台</title>");
    EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
    auto js = server.client().Get("/assets/app-1a2b.js");
    EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(js->body, "console.log(1)");
    EXPECT_EQ(server.client().Get("/assets/app-1a2b.css")->get_header_value("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(server.client().Get("/assets/")->status, 404);  // no listing
    std::string secret = "/..%2Fdefen_serve_page_secret_" + std::to_string(::getpid()) + ".txt";
    auto out = server.client().Get(secret.c_str());
    EXPECT_EQ(out->status, 404);
    EXPECT_EQ(out->body.find("TOP-SECRET-CONTENT"), std::string::npos);
    EXPECT_TRUE(healthy(server));
  }
  fs::remove_all(web);
  fs::remove(web.parent_path() / ("defen_serve_page_secret_" + std::to_string(::getpid()) + ".txt"));
}

TEST(Compare, MultipartUploadWithOldAndNewParts) {
  Server server;
  httplib::MultipartFormDataItems items{{"old_ruleset", "zhanjiang-dept@2022", "", ""},
                                        {"new_path", "zhanjiang-2023-dept.rules", "", ""},
                                        {"data", readFile(src("examples/zhanjiang-departments/data.json")), "data.json", "application/json"}};
  auto r = server.client().Post("/api/compare", items);
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Json::parse(r->body);
  ASSERT_EQ(j["departments"].size(), 3u);
  EXPECT_EQ(j["departments"][0]["before"]["total"].dump(), "86.5");
  EXPECT_EQ(j["departments"][0]["after"]["total"].dump(), "85");
}

}  // namespace
