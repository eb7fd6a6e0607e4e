// Whether to colour output: only on a terminal, never with NO_COLOR set.
#pragma once

#include <cstdio>
#include <string>

namespace aftercare::cli {

enum class ColorMode { auto_detect, always, never };

bool use_color(ColorMode mode, std::FILE* stream);

}  // namespace aftercare::cli
