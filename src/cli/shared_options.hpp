// Flags every subcommand shares, defined once.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

void add_color_option(CLI::App& app, ColorMode& mode);

// --format, with the formats the command offers; the first is the default.
void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& formats);

}  // namespace aftercare::cli
