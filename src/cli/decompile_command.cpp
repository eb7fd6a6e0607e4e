#include "decompile_command.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/decompile.hpp"
#include "exit_codes.hpp"
#include "files.hpp"

namespace aftercare::cli {

void setup_decompile(CLI::App& app, DecompileOptions& options) {
    app.add_option("file", options.input, "JSON written by aftercare compile ('-' for standard input)")->required();
    app.add_option("-o,--output", options.output, "Write the text here instead of to standard output")
        ->option_text("OUT");
    app.footer(
        "Turns compiled JSON back into protocol text in the canonical layout (as aftercare fmt writes\n"
        "it). Comments are not part of the JSON and do not come back; every rule, window, limit,\n"
        "condition, quote and note does, so compiling the text gives the same rules again.\n\n"
        "Exit status: 0 written, 1 the file is not a compiled protocol, 2 usage error or\n"
        "unreadable/unwritable file, or out of memory.\n\n"
        "Examples:\n"
        "  aftercare compile protocols/clinics/example.care -o example.json\n"
        "  aftercare decompile example.json -o example.care");
}

int run_decompile(const DecompileOptions& options) {
    ReadResult read = options.input == "-" ? read_stdin() : read_text(options.input);
    if (!read.text) {
        std::fprintf(stderr, "aftercare: error: cannot read %s: %s\n", options.input.c_str(), read.error.c_str());
        return exit_usage;
    }
    const auto parsed = nlohmann::json::parse(*read.text, nullptr, false);
    if (parsed.is_discarded()) {
        std::fprintf(stderr, "aftercare: error: %s is not JSON\n", options.input.c_str());
        return exit_findings;
    }
    const DecompileResult result = decompile(parsed);
    if (!result.text) {
        std::fprintf(stderr, "aftercare: error: %s is %s\n", options.input.c_str(), result.error.c_str());
        return exit_findings;
    }
    const std::string& protocol = *result.text;
    if (options.output == "-") {
        write_stdout(protocol);
        return exit_clean;
    }
    if (const auto error = write_atomically(options.output, protocol)) {
        std::fprintf(stderr, "aftercare: error: %s\n", error->c_str());
        return exit_usage;
    }
    return exit_clean;
}

}  // namespace aftercare::cli
