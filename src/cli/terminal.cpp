#include "terminal.hpp"

#include <cstdlib>
#include <unistd.h>

namespace aftercare::cli {

bool use_color(ColorMode mode, std::FILE* stream) {
    if (mode == ColorMode::never) return false;
    // https://no-color.org: any non-empty NO_COLOR turns colour off, even when asked for.
    if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
    if (mode == ColorMode::always) return true;
    return isatty(fileno(stream)) != 0;
}

}  // namespace aftercare::cli
