#include "findings.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "keywords.hpp"

namespace aftercare {

std::string describe_days(const DayRange& d) {
    if (d.from && d.to) return *d.from == *d.to ? fmt::format("day {}", *d.from) : fmt::format("days {}..{}", *d.from, *d.to);
    if (d.from) return fmt::format("days {}..", *d.from);
    if (d.to) return fmt::format("days ..{}", *d.to);
    return "every day";
}

Severity severity_of(const std::string& id) {
    if (id == "gap-days" || id == "gap-coverage") return Severity::info;
    return Severity::warning;
}

void sort_findings(std::vector<Finding>& findings) {
    auto first_day = [](const Finding& f) {
        return f.days.empty() || !f.days.front().from ? std::numeric_limits<int>::min() : *f.days.front().from;
    };
    std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
        const int first_a = first_day(a), first_b = first_day(b);
        return std::tie(a.activity, a.anchor, first_a, a.id) < std::tie(b.activity, b.anchor, first_b, b.id);
    });
}

namespace {

std::string verb(Modality m) {
    switch (m) {
        case Modality::forbid: return "forbids";
        case Modality::avoid: return "avoids";
        case Modality::allow: return "allows";
        case Modality::recommend: return "recommends";
        case Modality::require: return "requires";
    }
    return "allows";
}

}  // namespace

std::string short_name(const Protocol& protocol) {
    // The file's name without folder or extension: short, unique among the
    // files of one run, and what the user typed.
    std::string name = protocol.file;
    if (const auto slash = name.find_last_of('/'); slash != std::string::npos) name.erase(0, slash + 1);
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".care") == 0) name.resize(name.size() - 5);
    return name;
}

namespace {

std::string label(const Analysed& protocols, std::size_t index) { return short_name(protocols[index]->protocol); }

std::string timeline(Anchor anchor) {
    switch (anchor) {
        case Anchor::session: return "";
        case Anchor::final_session: return " after the final session";
        case Anchor::between_sessions: return " between sessions";
    }
    return "";
}

// Who says what: a clinic's name across files, the line within one.
std::string who(const Finding& f, const FindingSide& side, const Analysed& protocols) {
    if (f.across) return label(protocols, side.protocol);
    const Rule& rule = protocols[side.protocol]->protocol.rules.at(side.rules.front());
    return "line " + std::to_string(rule.provenance.position.line);
}

std::string sides_text(const Finding& f, const Analysed& protocols, bool with_days) {
    std::vector<std::string> parts;
    for (const FindingSide& side : f.sides) {
        std::string part = who(f, side, protocols) + " " + verb(side.modality) + " it";
        if (with_days) part += " on " + describe_days(side.days);
        parts.push_back(std::move(part));
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out;
}

std::string days_list(const std::vector<DayRange>& days) {
    std::string out;
    for (std::size_t i = 0; i < days.size(); ++i) out += (i ? " and " : "") + describe_days(days[i]);
    return out;
}

std::string message(const Finding& f, const Analysed& protocols) {
    const std::string activity = "'" + f.activity.str() + "'" + timeline(f.anchor);
    const std::string scope = f.across ? "clinics" : "rules in this protocol";
    if (f.id == "contradiction") {
        return fmt::format("{} disagree on {}, {}: {}", scope, activity, days_list(f.days), sides_text(f, protocols, true));
    }
    if (f.id == "strength-mismatch") {
        return fmt::format("{} give {} different strength, {}: {}", scope, activity, days_list(f.days),
                           sides_text(f, protocols, true));
    }
    if (f.id == "duration-mismatch") {
        const bool restricts = f.sides.front().modality == Modality::forbid || f.sides.front().modality == Modality::avoid;
        return fmt::format("{} {} {} over different days: {}; they differ on {}", scope,
                           restricts ? "restrict" : "permit", activity, sides_text(f, protocols, true), days_list(f.days));
    }
    if (f.id == "gap-days") {
        return fmt::format("no guidance on {} for {}, between its other rules", activity, days_list(f.days));
    }
    if (f.id == "gap-expected") {
        std::string also;
        for (const std::string& a : f.alternatives) also += (also.empty() ? " (nor " : " or ") + ("'" + a + "'");
        if (!also.empty()) also += ")";
        return fmt::format("this protocol never mentions '{}'{}, a topic every {} protocol should cover", f.activity, also,
                           protocols[f.silent.front()]->protocol.procedure);
    }
    // gap-coverage
    std::vector<std::string> covering, silent;
    for (const FindingSide& side : f.sides) covering.push_back(label(protocols, side.protocol));
    for (const std::size_t p : f.silent) silent.push_back(label(protocols, p));
    auto list = [](const std::vector<std::string>& names) {
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
        return out;
    };
    return fmt::format("'{}' is covered by {} but never mentioned by {}", f.activity, list(covering), list(silent));
}

std::string hint(const Finding& f) {
    if (f.id == "gap-expected") return "add rules on it, or say in a note why this protocol leaves it out";
    if (f.across) return "";
    if (f.id == "gap-days") return "say what applies on those days, or end the rule before them on purpose";
    return "settle which applies on those days, and narrow or remove the other rule";
}

std::string rule_text(const Rule& rule) {
    std::string text = std::string(keyword_of(rule.modality)) + " " + rule.written.str();
    if (rule.quantity) text += " " + rule.quantity->written.str();
    text += " (" + written_text(rule.window) + ")";
    return text;
}

}  // namespace

Location finding_location(const Finding& f, const Analysed& protocols) {
    for (const FindingSide& side : f.sides) {
        if (side.rules.empty()) continue;
        const Protocol& p = protocols[side.protocol]->protocol;
        return p.rules.at(side.rules.front()).provenance.location(p.file);
    }
    Location file_only;
    if (!f.silent.empty()) file_only.file = protocols[f.silent.front()]->protocol.file;
    return file_only;
}

Diagnostic to_diagnostic(const Finding& f, const Analysed& protocols) {
    Diagnostic d;
    d.severity = f.severity;
    d.code = f.id;
    d.message = message(f, protocols);
    d.hint = hint(f);
    d.location = finding_location(f, protocols);
    for (const FindingSide& side : f.sides) {
        const Protocol& p = protocols[side.protocol]->protocol;
        for (const std::size_t r : side.rules) {
            const Rule& rule = p.rules.at(r);
            const std::string text = (f.across ? label(protocols, side.protocol) + ": " : "") + rule_text(rule);
            d.related.push_back({rule.provenance.location(p.file), text, rule.provenance.quotes()});
        }
    }
    return d;
}

}  // namespace aftercare
