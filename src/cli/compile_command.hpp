// aftercare compile FILE [-o OUT]: the protocol as JSON for other tools.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

struct CompileOptions {
    std::string input;
    std::string output = "-";
    ColorMode color = ColorMode::auto_detect;
};

void setup_compile(CLI::App& app, CompileOptions& options);
int run_compile(const CompileOptions& options);

}  // namespace aftercare::cli
