// aftercare check FILE...: every problem in every file, then an exit status.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

struct CheckOptions {
    std::vector<std::string> inputs;
    std::string fail_on = "warning";
    std::string format;
    std::string stdin_filename = "<stdin>";
    ColorMode color = ColorMode::auto_detect;
};

void setup_check(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options);

}  // namespace aftercare::cli
