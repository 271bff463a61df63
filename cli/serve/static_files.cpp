#include "cli/serve/static_files.h"

#include "cli/serve/safe_paths.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace defen::serve {

namespace fs = std::filesystem;

namespace {

const char* kNotBuiltPage = R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>defen 工作台</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>defen 工作台</h1>
<p>页面尚未构建：在源码目录运行 <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>，
或用 <code>defen serve --web 目录</code> 指明构建好的页面。</p>
<p>接口已经可用：<a href="/api/health">/api/health</a>、<a href="/api/rulesets">/api/rulesets</a>，
说明见 docs/api.md。</p>
<p lang="en">The page has not been built; the JSON API is available under /api/ (docs/api.md).</p>
</body></html>
)";

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

std::string contentTypeOf(const std::string& path) {
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
      {".wasm", "application/wasm"}};
  auto it = types.find(fs::path(path).extension().string());
  return it != types.end() ? it->second : "application/octet-stream";
}

std::string defaultWebDir() {
  std::error_code ec;
#ifdef DEFEN_WEB_DIST_DIR
  if (fs::is_directory(DEFEN_WEB_DIST_DIR, ec)) return DEFEN_WEB_DIST_DIR;
#endif
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : (exe.parent_path().parent_path() / "share" / "defen" / "web").string();
}

void addPageRoutes(httplib::Server& server, const std::string& webDir) {
  server.Get(R"((?!/api/).*)", [webDir](const httplib::Request& req, httplib::Response& res) {
    std::string urlPath = req.path == "/" ? "/index.html" : req.path;
    std::optional<std::string> file = webDir.empty() ? std::nullopt : pageFile(webDir, urlPath);
    if (file) {
      res.set_content(readAll(*file), contentTypeOf(*file));
      // Vite names assets by their content: they never change under one name.
      if (req.path.rfind("/assets/", 0) == 0) res.set_header("Cache-Control", "public, max-age=31536000, immutable");
      return;
    }
    if (req.path == "/" || req.path == "/index.html") {
      res.set_content(kNotBuiltPage, "text/html; charset=utf-8");
      return;
    }
    res.status = 404;  // the error handler writes the body
  });
}

}  // namespace defen::serve
