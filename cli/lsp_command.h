// `defen lsp`: the language server (cli/lsp_server.h) on standard input and output.
#pragma once

#include "cli/options.h"

namespace defen::cli {

Command addLspCommand(CLI::App& app);

}  // namespace defen::cli
