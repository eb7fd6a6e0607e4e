#include "diagnostic_formats.hpp"

#include <cctype>
#include <map>

#include "rule_catalog.hpp"

namespace aftercare {

using json = nlohmann::ordered_json;

namespace {

json location_json(const Location& l) {
    if (l.line == 0) return json{{"file", l.file}, {"line", nullptr}, {"column", nullptr}, {"end_line", nullptr},
                                 {"end_column", nullptr}};
    return json{{"file", l.file}, {"line", l.line}, {"column", l.column}, {"end_line", l.end_line},
                {"end_column", l.end_column}};
}

// File paths as SARIF URI references: relative paths stay relative, and
// characters outside the unreserved set are percent-encoded.
std::string uri_of(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string level_of(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "note";
    }
    return "error";
}

}  // namespace

json report_json(const Report& report) {
    json out;
    out["schema"] = "aftercare/diagnostics/1";
    out["files"] = report.files;
    json diagnostics = json::array();
    std::map<Severity, int> counts;
    for (const Diagnostic& d : report.diagnostics) {
        ++counts[d.severity];
        json related = json::array();
        for (const RelatedLocation& r : d.related) {
            related.push_back(json{{"location", location_json(r.location)}, {"message", r.message}, {"quotes", r.quotes}});
        }
        const RuleInfo* rule = find_rule(d.code);
        diagnostics.push_back(json{{"rule", d.code},
                                   {"severity", std::string(to_string(d.severity))},
                                   {"message", d.message},
                                   {"hint", d.hint.empty() ? json(nullptr) : json(d.hint)},
                                   {"location", location_json(d.location)},
                                   {"related", std::move(related)},
                                   {"doc", rule ? json(std::string(rule->doc)) : json(nullptr)}});
    }
    out["diagnostics"] = std::move(diagnostics);
    out["summary"] = json{{"errors", counts[Severity::error]},
                          {"warnings", counts[Severity::warning]},
                          {"infos", counts[Severity::info]}};
    return out;
}

json report_sarif(const Report& report, const std::string& version) {
    // Rules: every id the catalog knows, so results can point at them by index.
    json rules = json::array();
    std::map<std::string, std::size_t, std::less<>> rule_index;
    for (const RuleInfo& rule : rule_catalog()) {
        rule_index.emplace(std::string(rule.id), rules.size());
        const std::string help = std::string(rule.help) + " See " + std::string(rule.doc) + ".";
        rules.push_back(json{{"id", rule.id},
                             {"name", rule.id},
                             {"shortDescription", {{"text", rule.title}}},
                             {"fullDescription", {{"text", rule.help}}},
                             {"help", {{"text", help}, {"markdown", std::string(rule.help) + " See `" + std::string(rule.doc) + "`."}}},
                             {"defaultConfiguration", {{"level", level_of(rule.severity)}}}});
    }
    std::map<std::string, std::size_t> artifact_index;
    json artifacts = json::array();
    auto artifact = [&](const std::string& file) {
        if (auto it = artifact_index.find(file); it != artifact_index.end()) return it->second;
        artifact_index.emplace(file, artifacts.size());
        artifacts.push_back(json{{"location", {{"uri", uri_of(file)}}}});
        return artifacts.size() - 1;
    };
    for (const std::string& file : report.files) artifact(file);

    auto physical = [&](const Location& l) {
        json p{{"artifactLocation", {{"uri", uri_of(l.file)}, {"index", artifact(l.file)}}}};
        if (l.line > 0) {
            json region{{"startLine", l.line}, {"startColumn", l.column}};
            if (l.end_line >= l.line && (l.end_line > l.line || l.end_column > l.column)) {
                region["endLine"] = l.end_line;
                region["endColumn"] = l.end_column;
            }
            p["region"] = std::move(region);
        }
        return p;
    };

    json results = json::array();
    for (const Diagnostic& d : report.diagnostics) {
        json result{{"ruleId", d.code}};
        if (auto it = rule_index.find(d.code); it != rule_index.end()) result["ruleIndex"] = it->second;
        result["level"] = level_of(d.severity);
        result["message"] = {{"text", d.hint.empty() ? d.message : d.message + " (" + d.hint + ")"}};
        result["locations"] = json::array({json{{"physicalLocation", physical(d.location)}}});
        if (!d.related.empty()) {
            json related = json::array();
            int id = 1;
            for (const RelatedLocation& r : d.related) {
                std::string text = r.message;
                for (const std::string& q : r.quotes) text += " \u201c" + q + "\u201d";
                related.push_back(json{{"id", id++}, {"physicalLocation", physical(r.location)}, {"message", {{"text", text}}}});
            }
            result["relatedLocations"] = std::move(related);
        }
        results.push_back(std::move(result));
    }

    json driver{{"name", "aftercare"},
                {"version", version},
                {"semanticVersion", version},
                {"rules", std::move(rules)}};
    json run{{"tool", {{"driver", std::move(driver)}}},
             {"artifacts", std::move(artifacts)},
             {"results", std::move(results)},
             {"columnKind", "unicodeCodePoints"}};
    return json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({std::move(run)})}};
}

}  // namespace aftercare
