#include "compare_command.hpp"

#include <cstdio>

#include "core/comparison.hpp"
#include "core/keywords.hpp"
#include "exit_codes.hpp"
#include "shared_options.hpp"
#include "table_text.hpp"
#include "kept_until_exit.hpp"
#include "workspace.hpp"
#include "files.hpp"

namespace aftercare::cli {

void setup_compare(CLI::App& app, CompareOptions& options) {
    app.add_option("files", options.inputs, "Protocol (.care) files or folders to compare")->required();
    add_format_option(app, options.format, {"text", "json"});
    add_color_option(app, options.color);
    app.footer(
        "The N-way view: for each activity and stretch of days, what each protocol says (resolved,\n"
        "kinds inheriting their parent's rules), whether they all agree, and the strictest combined\n"
        "guidance (forbid, avoid, require, recommend, allow). '-' means a protocol says nothing on\n"
        "those days. The last column says 'agree' (all say the same), 'partial' (those that speak\n"
        "agree, others say nothing) or 'differ'. Only activities some rule names are shown.\n\n"
        "Exit status: 0 shown, 2 usage error, unreadable file or a protocol with errors (printed on\n"
        "standard error), or out of memory.\n\n"
        "Examples:\n"
        "  aftercare compare protocols/clinics/\n"
        "  aftercare compare protocols/clinics/ --format json");
}

int run_compare(const CompareOptions& options) {
    Workspace& workspace = kept_until_exit<Workspace>();
    if (!workspace.load(options.inputs)) return exit_usage;
    if (workspace.report_errors(use_color(options.color, stderr))) return exit_usage;
    const auto protocols = workspace.protocols();
    if (protocols.empty()) {
        std::fprintf(stderr, "aftercare: error: no protocol files to compare\n");
        return exit_usage;
    }
    const auto table = compare_protocols(protocols);
    if (options.format == "json") {
        write_stdout(comparison_to_json(protocols, table).dump(2) + "\n");
        return exit_clean;
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{"activity", "days"};
    for (const Compilation* c : protocols) header.push_back(short_name(c->protocol));
    header.push_back("strictest");
    header.push_back("agreement");
    rows.push_back(header);
    for (const ActivityComparison& activity : table) {
        bool first = true;
        for (const ComparisonRow& row : activity.rows) {
            std::vector<std::string> cells{first ? activity_heading(activity) : "", describe_days(row.days)};
            for (const auto& cell : row.cells) cells.push_back(cell_text(cell));
            const auto strictest = row.strictest();
            cells.push_back(strictest ? std::string(keyword_of(*strictest)) : "-");
            cells.push_back(row.agreement());
            rows.push_back(std::move(cells));
            first = false;
        }
    }
    write_stdout(render_table(rows));
    return exit_clean;
}

}  // namespace aftercare::cli
