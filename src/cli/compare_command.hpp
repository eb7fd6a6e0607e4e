// aftercare compare FILE...: every protocol's guidance side by side.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

struct CompareOptions {
    std::vector<std::string> inputs;
    std::string format;
    ColorMode color = ColorMode::auto_detect;
};

void setup_compare(CLI::App& app, CompareOptions& options);
int run_compare(const CompareOptions& options);

}  // namespace aftercare::cli
