#include "diff_command.hpp"

#include <cstdio>

#include "core/comparison.hpp"
#include "exit_codes.hpp"
#include "shared_options.hpp"
#include "table_text.hpp"
#include "kept_until_exit.hpp"
#include "workspace.hpp"
#include "files.hpp"

namespace aftercare::cli {

void setup_diff(CLI::App& app, DiffOptions& options) {
    app.add_option("a", options.a, "The first protocol (.care)")->required();
    app.add_option("b", options.b, "The second protocol (.care)")->required();
    add_format_option(app, options.format, {"text", "json"});
    add_color_option(app, options.color);
    app.footer(
        "A semantic diff: for each activity, the days on which the two protocols' resolved guidance\n"
        "differs (one says forbid, the other allow; one gives a limit the other does not; one says\n"
        "nothing), side by side, then the activities only one of them names. Kinds inherit their\n"
        "parent's rules, as in the compiled day-by-day view (docs/semantics.md).\n\n"
        "Exit status: 0 no differences, 1 differences, 2 usage error, unreadable file or a protocol\n"
        "with errors (printed on standard error), or out of memory.\n\n"
        "Examples:\n"
        "  aftercare diff protocols/clinics/proper-smp-aftercare.care protocols/clinics/tips-and-advice.care\n"
        "  aftercare diff a.care b.care --format json");
}

int run_diff(const DiffOptions& options) {
    Workspace& workspace = kept_until_exit<Workspace>();
    if (!workspace.load({options.a, options.b})) return exit_usage;
    if (workspace.report_errors(use_color(options.color, stderr))) return exit_usage;
    const auto protocols = workspace.protocols();
    if (protocols.size() != 2) {
        std::fprintf(stderr, "aftercare: error: diff takes two protocol files (a vocabulary is not a protocol)\n");
        return exit_usage;
    }
    const Compilation& a = *protocols[0];
    const Compilation& b = *protocols[1];
    const ProtocolDiff diff = diff_protocols(a, b);
    const bool differ = !diff.activities.empty() || !diff.only_in_a.empty() || !diff.only_in_b.empty();

    if (options.format == "json") {
        write_stdout(diff_to_json(a, b, diff).dump(2) + "\n");
        return differ ? exit_findings : exit_clean;
    }
    const std::string name_a = short_name(a.protocol), name_b = short_name(b.protocol);
    std::string out = "--- " + name_a + " (" + a.protocol.file.str() + ")\n+++ " + name_b + " (" + b.protocol.file.str() + ")\n";
    if (!differ) out += "no differences\n";
    if (!diff.activities.empty()) {
        std::vector<std::vector<std::string>> rows{{"activity", "days", name_a, name_b}};
        for (const ActivityComparison& activity : diff.activities) {
            bool first = true;
            for (const ComparisonRow& row : activity.rows) {
                rows.push_back({first ? activity_heading(activity) : "", describe_days(row.days),
                                cell_text(row.cells[0]), cell_text(row.cells[1])});
                first = false;
            }
        }
        out += "\n" + render_table(rows);
    }
    auto list = [](const std::vector<std::string>& ids) {
        std::string text;
        for (const auto& id : ids) text += (text.empty() ? "" : ", ") + id;
        return text;
    };
    if (!diff.only_in_a.empty()) out += "\nonly in " + name_a + ": " + list(diff.only_in_a) + "\n";
    if (!diff.only_in_b.empty()) out += "\nonly in " + name_b + ": " + list(diff.only_in_b) + "\n";
    write_stdout(out);
    return differ ? exit_findings : exit_clean;
}

}  // namespace aftercare::cli
