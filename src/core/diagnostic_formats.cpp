#include "diagnostic_formats.hpp"

#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "rule_catalog.hpp"

namespace aftercare {

using json = nlohmann::ordered_json;

namespace {

// Where the array goes until its elements are written. Dumped, a string
// value cannot hold an unescaped quote, so `"key": "marker"` is found once.
constexpr std::string_view array_marker = "aftercare-array-goes-here";

std::string dump(const json& value) {
    return value.dump(2, ' ', false, json::error_handler_t::replace);
}

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

json json_document(const ReportSummary& summary) {
    auto count = [&](Severity s) {
        const auto it = summary.counts.find(s);
        return it == summary.counts.end() ? std::size_t{0} : it->second;
    };
    return json{{"schema", "aftercare/diagnostics/1"},
                {"files", summary.files},
                {"diagnostics", array_marker},
                {"summary", {{"errors", count(Severity::error)},
                             {"warnings", count(Severity::warning)},
                             {"infos", count(Severity::info)}}}};
}

json sarif_document(const std::vector<std::string>& artifacts, const std::string& version) {
    // Rules: every id the catalog knows, so results can point at them by index.
    json rules = json::array();
    for (const RuleInfo& rule : rule_catalog()) {
        const std::string help = std::string(rule.help) + " See " + std::string(rule.doc) + ".";
        rules.push_back(json{{"id", rule.id},
                             {"name", rule.id},
                             {"shortDescription", {{"text", rule.title}}},
                             {"fullDescription", {{"text", rule.help}}},
                             {"help", {{"text", help}, {"markdown", std::string(rule.help) + " See `" + std::string(rule.doc) + "`."}}},
                             {"defaultConfiguration", {{"level", level_of(rule.severity)}}}});
    }
    json files = json::array();
    for (const std::string& file : artifacts) files.push_back(json{{"location", {{"uri", uri_of(file)}}}});
    json driver{{"name", "aftercare"},
                {"version", version},
                {"semanticVersion", version},
                {"rules", std::move(rules)}};
    json run{{"tool", {{"driver", std::move(driver)}}},
             {"artifacts", std::move(files)},
             {"results", array_marker},
             {"columnKind", "unicodeCodePoints"}};
    return json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({std::move(run)})}};
}

}  // namespace

JsonArrayStream::JsonArrayStream(const json& document, std::string_view key) {
    const std::string text = dump(document);
    const std::string placeholder = fmt::format("\"{}\": \"{}\"", key, array_marker);
    const std::size_t at = text.find(placeholder);
    if (at == std::string::npos) throw std::logic_error("JsonArrayStream: the document has no array marker");
    const std::size_t line_start = text.rfind('\n', at) + 1;  // the marker is never on the first line
    indent_ = text.substr(line_start, at - line_start);
    const std::size_t value_at = at + key.size() + 4;  // after `"key": `
    head_ = text.substr(0, value_at) + "[";
    tail_ = text.substr(value_at + array_marker.size() + 2);
}

std::string JsonArrayStream::element(const json& value, bool first) const {
    const std::string indent = "\n" + indent_ + "  ";
    std::string out(first ? "" : ",");
    out += indent;
    for (const char c : dump(value)) {
        if (c == '\n') out += indent;  // dumped strings escape their line breaks, so these are the layout's
        else out += c;
    }
    return out;
}

std::string JsonArrayStream::tail(bool empty) const {
    return (empty ? "]" : "\n" + indent_ + "]") + tail_;
}

JsonReport::JsonReport(const ReportSummary& summary) : stream_(json_document(summary), "diagnostics") {}

std::string JsonReport::element(const Diagnostic& d, bool first) const {
    json related = json::array();
    for (const RelatedLocation& r : d.related) {
        related.push_back(json{{"location", location_json(r.location)}, {"message", r.message}, {"quotes", r.quotes()}});
    }
    const RuleInfo* rule = find_rule(d.code);
    return stream_.element(json{{"rule", d.code},
                                {"severity", std::string(to_string(d.severity))},
                                {"message", d.message},
                                {"hint", d.hint.empty() ? json(nullptr) : json(d.hint)},
                                {"location", location_json(d.location)},
                                {"related", std::move(related)},
                                {"doc", rule ? json(std::string(rule->doc)) : json(nullptr)}},
                           first);
}

SarifReport::SarifReport(const std::vector<std::string>& artifacts, const std::string& version)
    : stream_(sarif_document(artifacts, version), "results") {
    for (const RuleInfo& rule : rule_catalog()) rule_index_.emplace(std::string(rule.id), rule_index_.size());
    for (const std::string& file : artifacts) artifact_index_.emplace(file, artifact_index_.size());
}

json SarifReport::physical(const Location& l) const {
    json artifact{{"uri", uri_of(l.file)}};
    // Every file a location names is an artifact (see the constructor); a
    // missing one would be the caller's mistake, and is left without index.
    if (const auto it = artifact_index_.find(l.file.str()); it != artifact_index_.end()) artifact["index"] = it->second;
    json p{{"artifactLocation", std::move(artifact)}};
    if (l.line > 0) {
        json region{{"startLine", l.line}, {"startColumn", l.column}};
        if (l.end_line >= l.line && (l.end_line > l.line || l.end_column > l.column)) {
            region["endLine"] = l.end_line;
            region["endColumn"] = l.end_column;
        }
        p["region"] = std::move(region);
    }
    return p;
}

std::string SarifReport::element(const Diagnostic& d, bool first) const {
    json result{{"ruleId", d.code}};
    if (auto it = rule_index_.find(d.code); it != rule_index_.end()) result["ruleIndex"] = it->second;
    result["level"] = level_of(d.severity);
    result["message"] = {{"text", d.hint.empty() ? d.message : d.message + " (" + d.hint + ")"}};
    result["locations"] = json::array({json{{"physicalLocation", physical(d.location)}}});
    if (!d.related.empty()) {
        json related = json::array();
        int id = 1;
        for (const RelatedLocation& r : d.related) {
            std::string text = r.message;
            for (const std::string_view q : r.quotes()) {
                text += " \u201c";
                text += q;
                text += "\u201d";
            }
            related.push_back(json{{"id", id++}, {"physicalLocation", physical(r.location)}, {"message", {{"text", text}}}});
        }
        result["relatedLocations"] = std::move(related);
    }
    return stream_.element(result, first);
}

}  // namespace aftercare
