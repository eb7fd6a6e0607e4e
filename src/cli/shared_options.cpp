#include "shared_options.hpp"

#include <map>
#include <string>

namespace aftercare::cli {

void add_color_option(CLI::App& app, ColorMode& mode) {
    static const std::map<std::string, ColorMode> names{
        {"auto", ColorMode::auto_detect}, {"always", ColorMode::always}, {"never", ColorMode::never}};
    app.add_option("--color", mode, "Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
        ->option_text("WHEN");
}

}  // namespace aftercare::cli
