// aftercare diff A B: where two protocols' day-by-day guidance differs.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

struct DiffOptions {
    std::string a;
    std::string b;
    std::string format;
    ColorMode color = ColorMode::auto_detect;
};

void setup_diff(CLI::App& app, DiffOptions& options);
int run_diff(const DiffOptions& options);

}  // namespace aftercare::cli
