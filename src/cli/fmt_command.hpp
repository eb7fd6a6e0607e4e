// aftercare fmt [--check|--diff|--write] FILE...: the canonical layout.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

struct FmtOptions {
    std::vector<std::string> inputs;
    bool check = false;
    bool diff = false;
    bool write = false;
    ColorMode color = ColorMode::auto_detect;
};

void setup_fmt(CLI::App& app, FmtOptions& options);
int run_fmt(const FmtOptions& options);

}  // namespace aftercare::cli
