// The workbench page (the Vite build of web/) served beside the API: `/` is
// its index.html, other paths are its files. No directory listing, nothing
// outside the directory; when the page was not built, `/` says so.
#pragma once

#include <httplib.h>

#include <string>

namespace defen::serve {

// --web, else the build tree's web/dist (DEFEN_WEB_DIST_DIR), else
// <prefix>/share/defen/web beside the installed binary.
std::string defaultWebDir();

// Registers GET for every path not under /api/ (call after the API routes).
void addPageRoutes(httplib::Server& server, const std::string& webDir);

// "text/html; charset=utf-8" for ".html", and so on; octet-stream otherwise.
std::string contentTypeOf(const std::string& path);

}  // namespace defen::serve
