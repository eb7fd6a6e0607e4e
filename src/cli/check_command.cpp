#include "check_command.hpp"

#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "core/analysis.hpp"
#include "core/append.hpp"
#include "core/compiler.hpp"
#include "core/diagnostic_formats.hpp"
#include "core/parallel.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"
#include "render_lines.hpp"
#include "render_text.hpp"
#include "shared_options.hpp"

namespace aftercare::cli {

void setup_check(CLI::App& app, CheckOptions& options) {
    app.add_option("files", options.inputs, "Protocol (.care) files or folders to check; folders are searched for .care files")
        ->required();
    // Parsed as text: CLI11 cannot take Severity itself (its to_string confuses it).
    app.add_option("--fail-on", options.fail_on,
                   "Exit 1 when a problem of this severity or worse is found: error, warning (default) or info")
        ->check(CLI::IsMember({"error", "warning", "info"}, CLI::ignore_case))
        ->option_text("LEVEL");
    app.add_option("--stdin-filename", options.stdin_filename,
                   "The name to use in messages for the text read from '-' (standard input); imports are "
                   "relative to it")
        ->option_text("NAME");
    add_format_option(app, options.format, {"text", "plain", "json", "sarif", "github"});
    add_color_option(app, options.color);
    app.footer(
        "Reports every syntax and semantic error in each file as file:line:col: error: message,\n"
        "with the source line, a caret under the problem and a hint; then where rules disagree or\n"
        "leave days unsaid, within each protocol and between the protocols given together\n"
        "(contradiction, strength-mismatch, duration-mismatch, gap-days, gap-expected, gap-coverage;\n"
        "see docs/semantics.md).\n\n"
        "Formats: text (colour on a terminal, source lines and carets), plain (the same facts one per\n"
        "line, no colour or carets: for logs and screen readers), json (docs/ci.md), sarif (SARIF\n"
        "2.1.0 for code-review tools), github (GitHub Actions annotations).\n\n"
        "Exit status: 0 nothing at or above --fail-on, 1 problems found, 2 usage error or\n"
        "unreadable file.\n\n"
        "Examples:\n"
        "  aftercare check protocols/clinics/example.care\n"
        "  aftercare check protocols/\n"
        "  aftercare check protocols/ --fail-on error     # report disagreements, fail only on errors\n"
        "  aftercare check protocols/ --format sarif > aftercare.sarif\n"
        "  cat draft.care | aftercare check - --stdin-filename protocols/clinics/draft.care");
}

namespace {
bool at_least(Severity severity, const std::string& threshold) {
    const Severity level = threshold == "error" ? Severity::error : threshold == "info" ? Severity::info : Severity::warning;
    return static_cast<int>(severity) <= static_cast<int>(level);  // error < warning < info
}
}  // namespace

int run_check(const CheckOptions& options) {
    Workspace workspace(options.stdin_filename);
    int status = workspace.load(options.inputs) ? exit_clean : exit_usage;
    const auto& compiled = workspace.compiled();

    // Findings need protocols that compiled; each within-file finding is shown
    // with its file, the ones across files after all files.
    const Analysed protocols = workspace.protocols();
    const std::vector<std::size_t> file_of = workspace.protocol_files();
    std::vector<std::vector<Diagnostic>> per_file(compiled.size());
    std::vector<Diagnostic> across;
    // Findings are worded on every core when there are many (a CI run over a
    // thousand clinics' files has thousands), each into its own slot.
    const std::vector<Finding> findings = analyse(protocols);
    std::size_t work = 0;
    for (const Finding& finding : findings) {
        for (const FindingSide& side : finding.sides) work += side.rules.size();
    }
    std::vector<Diagnostic> worded(findings.size());
    for_each_index(findings.size(), work, [&](std::size_t i) { worded[i] = to_diagnostic(findings[i], protocols); });
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& finding = findings[i];
        Diagnostic d = std::move(worded[i]);
        if (finding.across) {
            across.push_back(std::move(d));
        } else {
            const std::size_t protocol = finding.sides.empty() ? finding.silent.front() : finding.sides.front().protocol;
            per_file[file_of[protocol]].push_back(std::move(d));
        }
    }

    // One report, in print order: each file's problems and findings, then
    // the findings across files; then rendered in the chosen format.
    Report report;
    for (std::size_t i = 0; i < compiled.size(); ++i) {
        report.files.push_back(workspace.file_name(i));
        std::vector<Diagnostic> all = compiled[i].diagnostics;
        append_moved(all, per_file[i]);
        sort_diagnostics(all);
        append_moved(report.diagnostics, all);
    }
    append_moved(report.diagnostics, across);

    std::map<Severity, std::size_t> counts;
    for (const Diagnostic& d : report.diagnostics) {
        ++counts[d.severity];
        if (at_least(d.severity, options.fail_on) && status == exit_clean) status = exit_findings;
    }
    if (compiled.empty() && status == exit_clean) {
        std::fprintf(stderr, "aftercare: error: no .care files found in the given folders\n");
        return exit_usage;
    }

    std::string out;
    if (options.format == "json") {
        out = report_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else if (options.format == "sarif") {
        out = report_sarif(report, AFTERCARE_VERSION).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else {
        const bool color = options.format == "text" && use_color(options.color, stdout);
        std::size_t lines = 0;
        for (const Diagnostic& d : report.diagnostics) lines += 1 + d.related.size();
        std::vector<std::string> rendered(report.diagnostics.size());
        for_each_index(rendered.size(), lines, [&](std::size_t i) {
            const Diagnostic& d = report.diagnostics[i];
            rendered[i] = options.format == "github" ? render_github(d)
                        : options.format == "plain"  ? render_plain(d)
                                                     : render_text(d, workspace.sources(), color);
        });
        std::size_t size = 0;
        for (const std::string& r : rendered) size += r.size();
        out.reserve(size + 200);
        for (const std::string& r : rendered) out += r;
        if (options.format != "github" && !compiled.empty()) {
            auto count = [&](Severity s, const char* word) {
                const std::size_t n = counts[s];
                return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
            };
            const std::string files = fmt::format("{} file{}", compiled.size(), compiled.size() == 1 ? "" : "s");
            out += counts.empty() ? fmt::format("checked {}: no problems\n", files)
                                  : fmt::format("checked {}: {}, {}, {}\n", files, count(Severity::error, "error"),
                                                count(Severity::warning, "warning"), count(Severity::info, "info"));
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return status;
}

}  // namespace aftercare::cli
