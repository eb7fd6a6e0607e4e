// Flags every subcommand shares, defined once.
#pragma once

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace aftercare::cli {

void add_color_option(CLI::App& app, ColorMode& mode);

}  // namespace aftercare::cli
