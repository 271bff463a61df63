// `defen serve [--host H] [--port N] [--rulesets DIR] …`: the workbench (cli/serve/server.h).
#pragma once

#include "cli/options.h"

namespace defen::cli {

Command addServeCommand(CLI::App& app);

}  // namespace defen::cli
