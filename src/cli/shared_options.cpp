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

void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& formats) {
    std::string names;
    for (const auto& f : formats) names += (names.empty() ? "" : ", ") + f;
    format = formats.front();
    app.add_option("--format", format, "Output format: " + names + " (default " + formats.front() + ")")
        ->check(CLI::IsMember(formats))
        ->option_text("FORMAT");
}

}  // namespace aftercare::cli
