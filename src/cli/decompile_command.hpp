// aftercare decompile FILE.json: compiled JSON back to protocol text.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace aftercare::cli {

struct DecompileOptions {
    std::string input;
    std::string output = "-";
};

void setup_decompile(CLI::App& app, DecompileOptions& options);
int run_decompile(const DecompileOptions& options);

}  // namespace aftercare::cli
