#include "check_command.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/analysis.hpp"
#include "core/append.hpp"
#include "core/compiler.hpp"
#include "core/diagnostic_formats.hpp"
#include "core/parallel.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "kept_until_exit.hpp"
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
        "unreadable file, or out of memory.\n\n"
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

// One diagnostic of the report, in print order: a problem the compiler
// found, or a finding, worded only when it is written.
struct Entry {
    Location where;
    std::string_view code;
    const Diagnostic* compiled = nullptr;
    const Finding* finding = nullptr;
    std::size_t notes = 0;  // how much writing it is
};

void sort_entries(std::vector<Entry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return print_order(a.where, a.code) < print_order(b.where, b.code);
    });
}

// The text forms: each diagnostic as people or GitHub read it, then a count.
class TextReport final : public ReportFormat {
public:
    TextReport(const CheckOptions& options, const SourceSet& sources, const ReportSummary& summary)
        : format_(options.format), sources_(sources), summary_(summary),
          color_(options.format == "text" && use_color(options.color, stdout)) {}

    std::string head() const override { return {}; }
    std::string element(const Diagnostic& d, bool) const override {
        return format_ == "github" ? render_github(d) : format_ == "plain" ? render_plain(d) : render_text(d, sources_, color_);
    }
    std::string tail(bool) const override {
        if (format_ == "github" || summary_.files.empty()) return {};
        auto count = [&](Severity s, const char* word) {
            const auto it = summary_.counts.find(s);
            const std::size_t n = it == summary_.counts.end() ? 0 : it->second;
            return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
        };
        const std::size_t n = summary_.files.size();
        const std::string files = fmt::format("{} file{}", n, n == 1 ? "" : "s");
        return summary_.counts.empty() ? fmt::format("checked {}: no problems\n", files)
                                       : fmt::format("checked {}: {}, {}, {}\n", files, count(Severity::error, "error"),
                                                     count(Severity::warning, "warning"), count(Severity::info, "info"));
    }

private:
    std::string format_;
    const SourceSet& sources_;
    const ReportSummary& summary_;
    bool color_;
};

// SARIF names each file a location points into, in the order first met.
std::vector<std::string> artifacts_of(const ReportSummary& summary, const std::vector<Entry>& entries,
                                      const Analysed& protocols) {
    std::vector<std::string> out;
    std::set<std::string, std::less<>> seen;
    auto add = [&](const std::string& file) {
        if (seen.insert(file).second) out.push_back(file);
    };
    for (const std::string& file : summary.files) add(file);
    for (const Entry& e : entries) {
        add(e.where.file);
        if (e.compiled) {
            for (const RelatedLocation& r : e.compiled->related) add(r.location.file);
        } else {
            for (const FindingSide& side : e.finding->sides) add(protocols[side.protocol]->protocol.file);
        }
    }
    return out;
}

// Diagnostics are worded and rendered a batch at a time, on every core when
// a batch is large, and written before the next: a report of a million
// notes is never held whole. A batch is measured in lines (a diagnostic and
// its notes), not in diagnostics: a thousand findings of a few notes each
// were a batch below parallel_threshold, and so worded on one core.
constexpr std::size_t batch_lines = 32768;  // above parallel_threshold, so a full batch uses the cores
}  // namespace

int run_check(const CheckOptions& options) {
    Workspace& workspace = kept_until_exit<Workspace>(options.stdin_filename);
    int status = workspace.load(options.inputs) ? exit_clean : exit_usage;
    const auto& compiled = workspace.compiled();
    if (compiled.empty() && status == exit_clean) {
        std::fprintf(stderr, "aftercare: error: no .care files found in the given folders\n");
        return exit_usage;
    }

    // Findings need protocols that compiled; each within-file finding is shown
    // with its file, the ones across files after all files.
    const Analysed protocols = workspace.protocols();
    const std::vector<std::size_t> file_of = workspace.protocol_files();
    const FindingsByProtocol& findings = kept_until_exit<FindingsByProtocol>(analyse_by_protocol(protocols));
    auto entry_of = [&](const Finding& finding) {
        Entry e{finding_location(finding, protocols), finding.id, nullptr, &finding};
        for (const FindingSide& side : finding.sides) e.notes += side.rules.size();
        return e;
    };
    auto& per_file = kept_until_exit<std::vector<std::vector<Entry>>>(compiled.size());
    auto& across = kept_until_exit<std::vector<Entry>>();
    for (std::size_t protocol = 0; protocol < findings.within.size(); ++protocol) {
        for (const Finding& finding : findings.within[protocol]) per_file[file_of[protocol]].push_back(entry_of(finding));
    }
    for (const Finding& finding : findings.across) across.push_back(entry_of(finding));

    // The report in print order: each file's problems and findings, then the
    // findings across files.
    ReportSummary summary;
    auto& entries = kept_until_exit<std::vector<Entry>>();
    for (std::size_t i = 0; i < compiled.size(); ++i) {
        summary.files.push_back(workspace.file_name(i));
        std::vector<Entry> file;
        for (const Diagnostic& d : compiled[i].diagnostics) file.push_back(Entry{d.location, d.code, &d, nullptr, d.related.size()});
        append_moved(file, per_file[i]);
        sort_entries(file);
        append_moved(entries, file);
    }
    append_moved(entries, across);
    for (const Entry& e : entries) {
        const Severity severity = e.compiled ? e.compiled->severity : e.finding->severity;
        ++summary.counts[severity];
        if (at_least(severity, options.fail_on) && status == exit_clean) status = exit_findings;
    }

    std::unique_ptr<ReportFormat> format;
    if (options.format == "json") format = std::make_unique<JsonReport>(summary);
    else if (options.format == "sarif") format = std::make_unique<SarifReport>(artifacts_of(summary, entries, protocols), AFTERCARE_VERSION);
    else format = std::make_unique<TextReport>(options, workspace.sources(), summary);
    const bool machine = options.format == "json" || options.format == "sarif";

    write_stdout(format->head());
    for (std::size_t begin = 0; begin < entries.size();) {
        std::size_t end = begin, lines = 0;
        while (end < entries.size() && lines < batch_lines) lines += 1 + entries[end++].notes;
        std::vector<std::string> pieces(end - begin);
        for_each_index(pieces.size(), lines, [&](std::size_t k) {
            const Entry& e = entries[begin + k];
            const bool first = begin + k == 0;
            if (e.compiled) {
                pieces[k] = format->element(*e.compiled, first);
                return;
            }
            thread_local Diagnostic worded;  // each thread's, reused from finding to finding
            to_diagnostic(*e.finding, protocols, worded);
            pieces[k] = format->element(worded, first);
        }, 16);
        write_stdout(pieces);
        begin = end;
    }
    write_stdout(format->tail(entries.empty()) + (machine ? "\n" : ""));
    return status;
}

}  // namespace aftercare::cli
