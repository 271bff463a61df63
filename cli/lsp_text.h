// Positions and file names as the Language Server Protocol writes them:
// 0-based lines and UTF-16 code units (defen counts 1-based lines and code
// points), and file:// URIs with percent-encoded bytes.
#pragma once

#include "compiler/core/source.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>

namespace defen::cli {

size_t codePointCount(const std::string& text);
nlohmann::json lspRange(const SourceFile& file, const SourceRange& range);
// (line, column) in defen's counting.
std::pair<int, int> fromLspPosition(const SourceFile& file, const nlohmann::json& position);

std::string pathOfUri(const std::string& uri);
std::string uriOfPath(const std::string& path);
std::optional<SourceFile> readSourceFile(const std::string& path);

}  // namespace defen::cli
