// Wires the subcommands together; each lives in its own file.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <CLI/CLI.hpp>

#include "check_command.hpp"
#include "compare_command.hpp"
#include "compile_command.hpp"
#include "decompile_command.hpp"
#include "diff_command.hpp"
#include "fmt_command.hpp"
#include "exit_codes.hpp"
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
        "Exit status: 0 clean, 1 problems found, 2 usage or I/O error.\n"
        "Run 'aftercare COMMAND --help' for a command's options and examples;\n"
        "the language is described in docs/language.md.");

    CheckOptions check;
    setup_check(*app.add_subcommand("check", "Report every problem in protocol files"), check);
    CompileOptions compile;
    setup_compile(*app.add_subcommand("compile", "Compile a protocol to JSON"), compile);
    DiffOptions diff;
    setup_diff(*app.add_subcommand("diff", "Show where two protocols' guidance differs, day by day"), diff);
    DecompileOptions decompile;
    setup_decompile(*app.add_subcommand("decompile", "Turn compiled JSON back into protocol text"), decompile);
    FmtOptions fmt;
    setup_fmt(*app.add_subcommand("fmt", "Format protocol files in the one canonical layout"), fmt);
    CompareOptions compare;
    setup_compare(*app.add_subcommand("compare", "Show several protocols' guidance side by side"), compare);

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
    if (app.got_subcommand("check")) return run_check(check);
    if (app.got_subcommand("diff")) return run_diff(diff);
    if (app.got_subcommand("compare")) return run_compare(compare);
    if (app.got_subcommand("fmt")) return run_fmt(fmt);
    if (app.got_subcommand("decompile")) return run_decompile(decompile);
    return run_compile(compile);
}
