#include "json_output.hpp"

#include "keywords.hpp"

namespace aftercare {

using json = nlohmann::ordered_json;

namespace {

json optional_int(const std::optional<int>& value) { return value ? json(*value) : json(nullptr); }
json optional_text(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }
json optional_text(Name value) { return value.empty() ? json(nullptr) : json(value); }

void add_provenance(json& out, const Provenance& p, const std::string& file) {
    out["quotes"] = p.quotes();
    out["notes"] = p.notes();
    out["location"] = json{{"file", file}, {"line", p.position.line}, {"column", p.position.column}};
}

json window(const DayWindow& w) {
    return json{{"from", optional_int(w.from)},
                {"to", optional_int(w.to)},
                {"anchor", keyword_of(w.anchor)},
                {"starts_at", optional_text(w.starts_at)},
                {"ends_at", optional_text(w.ends_at)},
                {"written", written_text(w)}};
}

json quantity(const Quantity* q) {
    if (!q) return nullptr;
    return json{{"min", optional_int(q->min)},
                {"max", optional_int(q->max)},
                {"unit", q->unit},
                {"per", optional_text(q->per)},
                {"written", q->written}};
}

}  // namespace

json to_json(const Protocol& protocol, const std::vector<ResolvedActivity>& resolved) {
    json out;
    out["schema"] = json_schema_id;
    out["file"] = protocol.file;
    out["title"] = protocol.title;
    out["procedure"] = protocol.procedure;

    json source{{"name", protocol.source.name},
                {"url", optional_text(protocol.source.url)},
                {"retrieved", optional_text(protocol.source.retrieved)},
                {"archived", optional_text(protocol.source.archived)}};
    add_provenance(source, protocol.source.provenance, protocol.file);
    out["source"] = std::move(source);

    json imports = json::array();
    for (const Import& i : protocol.imports) {
        imports.push_back(json{{"path", i.path}, {"vocabulary", i.vocabulary}, {"file", i.file}});
    }
    out["imports"] = std::move(imports);

    json milestones = json::array();
    for (const Milestone& m : protocol.milestones) {
        json item{{"name", m.name}, {"day", optional_int(m.day)}};
        add_provenance(item, m.provenance, protocol.file);
        milestones.push_back(std::move(item));
    }
    out["milestones"] = std::move(milestones);

    json phases = json::array();
    for (const Phase& p : protocol.phases) {
        json item{{"name", p.name}, {"window", window(p.window)}};
        add_provenance(item, p.provenance, protocol.file);
        phases.push_back(std::move(item));
    }
    out["phases"] = std::move(phases);

    json rules = json::array();
    for (std::size_t i = 0; i < protocol.rules.size(); ++i) {
        const Rule& r = protocol.rules[i];
        json item{{"index", i},
                  {"statement", r.statement},
                  {"activity", r.activity},
                  {"written", r.written},
                  {"modality", keyword_of(r.modality)},
                  {"strength", strength_of(r.modality)},
                  {"window", window(*r.window)},
                  {"quantity", quantity(r.quantity)},
                  {"conditions", r.conditions()}};
        add_provenance(item, r.provenance, protocol.file);
        rules.push_back(std::move(item));
    }
    out["rules"] = std::move(rules);

    json warnings = json::array();
    for (const WarningSign& w : protocol.warnings) {
        json actions = json::array();
        for (const Escalation& e : w.actions) {
            actions.push_back(json{{"action", e.action},
                                   {"target", e.target.empty() ? json(nullptr) : json(e.target)}});
        }
        json item{{"signs", w.signs}, {"actions", std::move(actions)}};
        add_provenance(item, w.provenance, protocol.file);
        warnings.push_back(std::move(item));
    }
    out["warnings"] = std::move(warnings);

    json days = json::array();
    for (const ResolvedActivity& a : resolved) {
        json segments = json::array();
        for (const DaySegment& s : a.days) {
            segments.push_back(json{{"from", optional_int(s.from)},
                                    {"to", optional_int(s.to)},
                                    {"modality", keyword_of(s.modality)},
                                    {"strength", strength_of(s.modality)},
                                    {"quantity", quantity(protocol.rules[s.decider].quantity)},
                                    {"rules", std::vector<std::size_t>(a.rules_of(s).begin(), a.rules_of(s).end())}});
        }
        days.push_back(json{{"activity", a.activity},
                            {"anchor", keyword_of(a.anchor)},
                            {"days", std::move(segments)},
                            {"conditional", a.conditional}});
    }
    out["resolved"] = std::move(days);
    return out;
}

std::string to_json_text(const Protocol& protocol, const std::vector<ResolvedActivity>& resolved) {
    // The parser rejects text that is not UTF-8; replacing keeps a slip from ever aborting output.
    return to_json(protocol, resolved).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace aftercare
