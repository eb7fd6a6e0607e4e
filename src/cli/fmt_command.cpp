#include "fmt_command.hpp"

#include <cstdio>

#include "core/format.hpp"
#include "core/parser.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "render_text.hpp"
#include "shared_options.hpp"
#include "unified_diff.hpp"
#include "kept_until_exit.hpp"
#include "workspace.hpp"

namespace aftercare::cli {

void setup_fmt(CLI::App& app, FmtOptions& options) {
    app.add_option("files", options.inputs, "Protocol or vocabulary (.care) files or folders")->required();
    auto* check = app.add_flag("--check", options.check, "Change nothing; exit 1 and name the files that are not formatted");
    auto* diff = app.add_flag("--diff", options.diff, "Change nothing; print what formatting would change, as a unified diff");
    auto* write = app.add_flag("--write", options.write, "Replace each file with its formatted text (atomically)");
    check->excludes(diff)->excludes(write);
    diff->excludes(write);
    add_color_option(app, options.color);
    app.footer(
        "One canonical layout: keywords in lower case, single spaces, quote/note/when lines indented\n"
        "under their statement, at most one blank line in a row. Every comment and quote is kept, and\n"
        "the formatted file compiles to the same rules. Formatting twice changes nothing. Without a\n"
        "flag the formatted text is printed. A file with errors is reported and never changed.\n\n"
        "Exit status: 0 done (or, with --check/--diff, already formatted), 1 a file is not formatted\n"
        "or has errors, 2 usage error, unreadable/unwritable file, or out of memory.\n\n"
        "Examples:\n"
        "  aftercare fmt --check protocols/\n"
        "  aftercare fmt --diff protocols/clinics/example.care\n"
        "  aftercare fmt --write protocols/");
}

int run_fmt(const FmtOptions& options) {
    Workspace& workspace = kept_until_exit<Workspace>();
    int status = workspace.load(options.inputs) ? exit_clean : exit_usage;
    const bool color = use_color(options.color, stderr);
    for (std::size_t i = 0; i < workspace.compiled().size(); ++i) {
        const std::string& name = workspace.file_name(i);
        const SourceFile& file = *workspace.sources().find(name);
        const Compilation& compiled = workspace.compiled()[i];
        if (!compiled.ok()) {
            // Reformatting a file that does not compile could hide what is wrong with it.
            for (const Diagnostic& d : compiled.diagnostics) {
                std::fputs(render_text(d, workspace.sources(), color).c_str(), stderr);
            }
            std::fprintf(stderr, "aftercare: %s has errors; not formatted\n", name.c_str());
            if (status == exit_clean) status = exit_findings;
            continue;
        }
        const std::string formatted = format_document(file, parse(file).document);
        const bool changed = formatted != file.text();
        if (options.check) {
            if (changed) {
                write_stdout("would reformat " + name + "\n");
                if (status == exit_clean) status = exit_findings;
            }
        } else if (options.diff) {
            if (changed) {
                write_stdout(unified_diff(file.text(), formatted, name, name));
                if (status == exit_clean) status = exit_findings;
            }
        } else if (options.write) {
            if (!changed) continue;
            if (const auto error = write_atomically(name, formatted)) {
                std::fprintf(stderr, "aftercare: error: %s\n", error->c_str());
                status = exit_usage;
            } else {
                write_stdout("formatted " + name + "\n");
            }
        } else {
            write_stdout(formatted);
        }
    }
    return status;
}

}  // namespace aftercare::cli
