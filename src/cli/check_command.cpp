#include "check_command.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "core/compiler.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "render_text.hpp"
#include "shared_options.hpp"

namespace aftercare::cli {

void setup_check(CLI::App& app, CheckOptions& options) {
    app.add_option("files", options.inputs, "Protocol (.care) files or folders to check; folders are searched for .care files")
        ->required();
    add_color_option(app, options.color);
    app.footer(
        "Reports every syntax and semantic problem in each file as file:line:col: error: message,\n"
        "with the source line, a caret under the problem and a hint.\n\n"
        "Exit status: 0 no problems, 1 problems found, 2 usage error or unreadable file.\n\n"
        "Examples:\n"
        "  aftercare check protocols/clinics/example.care\n"
        "  aftercare check protocols/");
}

int run_check(const CheckOptions& options) {
    SourceSet sources;
    Compiler compiler(sources, file_loader());
    const bool color = use_color(options.color, stdout);
    int status = exit_clean;
    std::size_t files = 0, errors = 0, failing_files = 0;
    for (const std::string& path : expand_inputs(options.inputs)) {
        ReadResult read = read_text(path);
        if (!read.text) {
            std::fprintf(stderr, "aftercare: error: cannot read %s: %s\n", path.c_str(), read.error.c_str());
            status = exit_usage;
            continue;
        }
        ++files;
        const SourceFile& file = sources.add(path, std::move(*read.text));
        const Compilation result = compiler.compile(file);
        for (const Diagnostic& d : result.diagnostics) {
            std::fputs(render_text(d, sources, color).c_str(), stdout);
            if (d.severity == Severity::error) ++errors;
        }
        if (!result.diagnostics.empty()) {
            ++failing_files;
            if (status == exit_clean) status = exit_findings;
        }
    }
    if (files > 0) {
        if (failing_files == 0) {
            std::printf("%s\n", fmt::format("checked {} file{}: no problems", files, files == 1 ? "" : "s").c_str());
        } else {
            std::printf("%s\n", fmt::format("checked {} file{}: {} error{} in {} file{}", files, files == 1 ? "" : "s",
                                            errors, errors == 1 ? "" : "s", failing_files,
                                            failing_files == 1 ? "" : "s").c_str());
        }
    } else if (status == exit_clean) {
        std::fprintf(stderr, "aftercare: error: no .care files found in the given folders\n");
        status = exit_usage;
    }
    return status;
}

}  // namespace aftercare::cli
