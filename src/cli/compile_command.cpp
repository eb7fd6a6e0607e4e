#include "compile_command.hpp"

#include <cstdio>

#include "core/json_output.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "kept_until_exit.hpp"
#include "workspace.hpp"
#include "shared_options.hpp"

namespace aftercare::cli {

void setup_compile(CLI::App& app, CompileOptions& options) {
    app.add_option("file", options.input, "The protocol (.care) file to compile")->required();
    app.add_option("-o,--output", options.output, "Write the JSON here instead of to standard output")
        ->option_text("OUT");
    add_color_option(app, options.color);
    app.footer(
        "Prints the protocol as JSON (docs/json.md; schema docs/aftercare.schema.json): metadata,\n"
        "every rule normalised, warning signs, and the resolved day-by-day view per activity.\n"
        "The same input always gives the same bytes. With -o the file is replaced only when the\n"
        "protocol has no errors, and only once the new content is complete.\n\n"
        "Exit status: 0 compiled, 1 the protocol has errors (printed, nothing written),\n"
        "2 usage error, unreadable/unwritable file, or out of memory.\n\n"
        "Examples:\n"
        "  aftercare compile protocols/clinics/example.care\n"
        "  aftercare compile protocols/clinics/example.care -o example.json");
}

int run_compile(const CompileOptions& options) {
    Workspace& workspace = kept_until_exit<Workspace>();
    if (!workspace.load({options.input})) return exit_usage;
    if (workspace.compiled().size() != 1) {
        std::fprintf(stderr, "aftercare: error: compile takes one protocol file, not a folder\n");
        return exit_usage;
    }
    const Compilation& result = workspace.compiled().front();
    if (workspace.report_errors(use_color(options.color, stderr))) return exit_findings;
    if (result.is_vocabulary) {
        std::fprintf(stderr, "aftercare: error: %s is a vocabulary; compile takes a protocol\n", options.input.c_str());
        return exit_usage;
    }
    const std::string json = to_json_text(result.protocol, result.resolved);
    if (options.output == "-") {
        write_stdout(json);
        return exit_clean;  // main says so if standard output lost any of it
    }
    if (const auto error = write_atomically(options.output, json)) {
        std::fprintf(stderr, "aftercare: error: %s\n", error->c_str());
        return exit_usage;
    }
    return exit_clean;
}

}  // namespace aftercare::cli
