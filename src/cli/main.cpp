// Wires the subcommands together; each lives in its own file.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string_view>

#include <CLI/CLI.hpp>

#include "check_command.hpp"
#include "compare_command.hpp"
#include "compile_command.hpp"
#include "decompile_command.hpp"
#include "diff_command.hpp"
#include "fmt_command.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "core/parallel.hpp"

int main(int argc, char** argv) {
    using namespace aftercare::cli;
    using aftercare::thread_limit;
    CLI::App app{"aftercare: check, compile, compare and format aftercare protocols (.care files)", "aftercare"};
    app.set_version_flag("--version", std::string("aftercare ") + AFTERCARE_VERSION);
    app.require_subcommand(1);
    app.footer(
        "A protocol says what a patient may, must and must not do on which day after a procedure:\n"
        "  day 4..6: allow rinse; forbid shampoo\n\n"
        "Exit status: 0 clean, 1 problems found, 2 usage or I/O error, or out of memory.\n"
        "Run 'aftercare COMMAND --help' for a command's options and examples;\n"
        "the language is described in docs/language.md.");

    CLI::App& check_app = *app.add_subcommand("check", "Report every problem in protocol files");
    CLI::App& compile_app = *app.add_subcommand("compile", "Compile a protocol to JSON");
    CLI::App& diff_app = *app.add_subcommand("diff", "Show where two protocols' guidance differs, day by day");
    CLI::App& decompile_app = *app.add_subcommand("decompile", "Turn compiled JSON back into protocol text");
    CLI::App& fmt_app = *app.add_subcommand("fmt", "Format protocol files in the one canonical layout");
    CLI::App& compare_app = *app.add_subcommand("compare", "Show several protocols' guidance side by side");
    // Every command is listed, so that --help shows them all, but when the
    // first argument names one, only its options are declared: declaring
    // every command's was a sixth of a one-file check's work.
    const std::string_view first = argc > 1 ? argv[1] : "";
    const auto listed = app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == first; });
    auto declare = [&](CLI::App& sub, auto setup, auto& options) {
        if (listed.empty() || sub.get_name() == first) setup(sub, options);
    };
    CheckOptions check;
    declare(check_app, setup_check, check);
    CompileOptions compile;
    declare(compile_app, setup_compile, compile);
    DiffOptions diff;
    declare(diff_app, setup_diff, diff);
    DecompileOptions decompile;
    declare(decompile_app, setup_decompile, decompile);
    FmtOptions fmt;
    declare(fmt_app, setup_fmt, fmt);
    CompareOptions compare;
    declare(compare_app, setup_compare, compare);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_clean : exit_usage;
    }
    // AFTERCARE_THREADS=N caps the threads a large run may use (on a shared
    // CI runner, say); unset, it uses one per core.
    if (const char* threads = std::getenv("AFTERCARE_THREADS"); threads && *threads) {
        const std::string_view text(threads);
        std::size_t n = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (error != std::errc() || end != text.data() + text.size() || n == 0) {
            std::fprintf(stderr, "aftercare: error: AFTERCARE_THREADS must be a number of threads, 1 or more, not '%s'\n",
                         threads);
            return exit_usage;
        }
        thread_limit() = std::min<std::size_t>(n, 256);
    }
    // A run larger than the memory the process may have (the machine's, or
    // a limit a CI runner sets) ends with a sentence and status 2, not with
    // the C++ runtime's abort. Output files are written to a temporary file
    // and renamed only when complete, so none is left half written.
    const int status = [&] {
        try {
            if (app.got_subcommand("check")) return run_check(check);
            if (app.got_subcommand("diff")) return run_diff(diff);
            if (app.got_subcommand("compare")) return run_compare(compare);
            if (app.got_subcommand("fmt")) return run_fmt(fmt);
            if (app.got_subcommand("decompile")) return run_decompile(decompile);
            return run_compile(compile);
        } catch (const std::bad_alloc&) {
            std::fflush(stdout);
            std::fputs("aftercare: error: out of memory: the input needs more memory than this process may use\n", stderr);
            return exit_usage;
        }
    }();
    // A report redirected to a full disk is not a clean run: CI would take
    // a truncated report for a complete one.
    if (const auto why = stdout_problem()) {
        std::fprintf(stderr, "aftercare: error: cannot write the output: %s\n", why->c_str());
        return exit_usage;
    }
    return status;
}
