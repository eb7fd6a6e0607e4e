#include "findings.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "append.hpp"
#include "keywords.hpp"

namespace aftercare {

namespace {

// Findings are worded by appending to one string: a report of thousands of
// findings, each naming hundreds of clinics, spent most of its wording time
// making and joining small strings.
void append_days(std::string& out, const DayRange& d) {
    if (d.from && d.to && *d.from == *d.to) {
        out += "day ";
        append_number(out, *d.from);
    } else if (d.from || d.to) {
        out += "days ";
        if (d.from) append_number(out, *d.from);
        out += "..";
        if (d.to) append_number(out, *d.to);
    } else {
        out += "every day";
    }
}

// The file's name without folder or extension. A report across a thousand
// clinics names each in many findings, so the slash is found with memrchr.
std::string_view short_view(std::string_view file) {
    if (const void* slash = memrchr(file.data(), '/', file.size())) {
        file.remove_prefix(static_cast<std::size_t>(static_cast<const char*>(slash) - file.data()) + 1);
    }
    constexpr std::string_view extension = ".care";
    if (file.size() > extension.size() && file.ends_with(extension)) file.remove_suffix(extension.size());
    return file;
}

}  // namespace

std::string describe_days(const DayRange& d) {
    std::string out;
    append_days(out, d);
    return out;
}

Severity severity_of(std::string_view id) {
    if (id == "gap-days" || id == "gap-coverage") return Severity::info;
    return Severity::warning;
}

void sort_findings(std::vector<Finding>& findings) {
    // The keys are sorted, and each finding then moved once: a finding is
    // large, and a merge sort of thousands moved each a dozen times.
    struct Key {
        Name activity;
        Anchor anchor;
        int first_day;
        std::string_view id;
        std::size_t index;
    };
    std::vector<Key> keys;
    keys.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& f = findings[i];
        const int first_day = f.days.empty() || !f.days.front().from ? std::numeric_limits<int>::min() : *f.days.front().from;
        keys.push_back({f.activity, f.anchor, first_day, f.id, i});
    }
    std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return std::tie(a.activity, a.anchor, a.first_day, a.id) < std::tie(b.activity, b.anchor, b.first_day, b.id);
    });
    std::vector<Finding> sorted;
    sorted.reserve(findings.size());
    for (const Key& key : keys) sorted.push_back(std::move(findings[key.index]));
    findings = std::move(sorted);
}

namespace {

std::string_view verb(Modality m) {
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
    // Short, unique among the files of one run, and what the user typed.
    return std::string(short_view(protocol.file));
}

namespace {

std::string_view label(const Analysed& protocols, std::size_t index) { return short_view(protocols[index]->protocol.file); }

std::string_view timeline(Anchor anchor) {
    switch (anchor) {
        case Anchor::session: return "";
        case Anchor::final_session: return " after the final session";
        case Anchor::between_sessions: return " between sessions";
    }
    return "";
}

// Who says what: a clinic's name across files, the line within one.
void append_who(std::string& out, const Finding& f, const FindingSide& side, const Analysed& protocols) {
    if (f.across) {
        out += label(protocols, side.protocol);
        return;
    }
    const Rule& rule = protocols[side.protocol]->protocol.rules.at(side.rules.front());
    out += "line ";
    append_number(out, rule.provenance.position.line);
}

void append_sides(std::string& out, const Finding& f, const Analysed& protocols) {
    for (std::size_t i = 0; i < f.sides.size(); ++i) {
        if (i) out += "; ";
        append_who(out, f, f.sides[i], protocols);
        out += ' ';
        out += verb(f.sides[i].modality);
        out += " it on ";
        append_days(out, f.sides[i].days);
    }
}

void append_days_list(std::string& out, const std::vector<DayRange>& days) {
    for (std::size_t i = 0; i < days.size(); ++i) {
        if (i) out += " and ";
        append_days(out, days[i]);
    }
}

void append_message(std::string& out, const Finding& f, const Analysed& protocols) {
    // About what a side ("p0012 forbids it on days 4..6; ") and a silent
    // clinic's name take: a finding across a thousand clinics is a long
    // sentence, and grown by doubling it was copied a dozen times.
    out.reserve(64 + 40 * f.sides.size() + 8 * f.silent().size());
    auto activity = [&] {
        out += '\'';
        out += f.activity.view();
        out += '\'';
        out += timeline(f.anchor);
    };
    const std::string_view scope = f.across ? "clinics" : "rules in this protocol";
    if (f.id == "contradiction" || f.id == "strength-mismatch") {
        out += scope;
        out += f.id == "contradiction" ? " disagree on " : " give ";
        activity();
        out += f.id == "contradiction" ? ", " : " different strength, ";
        append_days_list(out, f.days);
        out += ": ";
        append_sides(out, f, protocols);
    } else if (f.id == "duration-mismatch") {
        const bool restricts = f.sides.front().modality == Modality::forbid || f.sides.front().modality == Modality::avoid;
        out += scope;
        out += restricts ? " restrict " : " permit ";
        activity();
        out += " over different days: ";
        append_sides(out, f, protocols);
        out += "; they differ on ";
        append_days_list(out, f.days);
    } else if (f.id == "gap-days") {
        out += "no guidance on ";
        activity();
        out += " for ";
        append_days_list(out, f.days);
        out += ", between its other rules";
    } else if (f.id == "gap-expected") {
        out += "this protocol never mentions '";
        out += f.activity.view();
        out += '\'';
        for (std::size_t i = 0; i < f.alternatives().size(); ++i) {
            out += i ? " or '" : " (nor '";
            out += f.alternatives()[i];
            out += '\'';
        }
        if (!f.alternatives().empty()) out += ')';
        out += ", a topic every ";
        out += protocols[f.silent().front()]->protocol.procedure;
        out += " protocol should cover";
    } else {  // gap-coverage
        out += '\'';
        out += f.activity.view();
        out += "' is covered by ";
        for (std::size_t i = 0; i < f.sides.size(); ++i) {
            if (i) out += ", ";
            out += label(protocols, f.sides[i].protocol);
        }
        out += " but never mentioned by ";
        for (std::size_t i = 0; i < f.silent().size(); ++i) {
            if (i) out += ", ";
            out += label(protocols, f.silent()[i]);
        }
    }
}

std::string_view hint(const Finding& f) {
    if (f.id == "gap-expected") return "add rules on it, or say in a note why this protocol leaves it out";
    if (f.across) return "";
    if (f.id == "gap-days") return "say what applies on those days, or end the rule before them on purpose";
    return "settle which applies on those days, and narrow or remove the other rule";
}

void append_rule(std::string& out, const Rule& rule) {
    out += keyword_of(rule.modality);
    out += ' ';
    out += rule.written.view();
    if (rule.quantity) {
        out += ' ';
        out += rule.quantity->written.view();
    }
    out += " (";
    append_written_text(out, *rule.window);
    out += ')';
}

}  // namespace

Location finding_location(const Finding& f, const Analysed& protocols) {
    for (const FindingSide& side : f.sides) {
        if (side.rules.empty()) continue;
        const Protocol& p = protocols[side.protocol]->protocol;
        return p.rules.at(side.rules.front()).provenance.location(p.file);
    }
    Location file_only;
    if (!f.silent().empty()) file_only.file = protocols[f.silent().front()]->protocol.file;
    return file_only;
}

Diagnostic to_diagnostic(const Finding& f, const Analysed& protocols) {
    Diagnostic d;
    to_diagnostic(f, protocols, d);
    return d;
}

void to_diagnostic(const Finding& f, const Analysed& protocols, Diagnostic& d) {
    d.severity = f.severity;
    d.code.assign(f.id);
    d.message.clear();
    append_message(d.message, f, protocols);
    d.hint.assign(hint(f));
    d.location = finding_location(f, protocols);
    struct Named {
        const Rule* rule;
        const Protocol* protocol;
        std::size_t side;
    };
    thread_local std::vector<Named> named;  // every rule the notes name, in order
    named.clear();
    for (std::size_t s = 0; s < f.sides.size(); ++s) {
        const Protocol& p = protocols[f.sides[s].protocol]->protocol;
        for (const RuleIndex r : f.sides[s].rules) named.push_back({p.rules.data() + r, &p, s});
    }
    // The notes already in `d` are written over, keeping their texts' room.
    if (d.related.size() > named.size()) d.related.resize(named.size());
    d.related.reserve(named.size());
    // A finding across clinics names rules in hundreds of protocols, each in
    // its own part of memory, and wording its notes was mostly waiting for
    // them, one cache miss after another: each rule is asked for a few notes
    // ahead, and the texts it points to a few notes after that.
    constexpr std::size_t rule_ahead = 16, texts_ahead = 8;
    for (std::size_t i = 0; i < named.size(); ++i) {
        if (i + rule_ahead < named.size()) {
            const char* const ahead = reinterpret_cast<const char*>(named[i + rule_ahead].rule);
            for (std::size_t line = 0; line < sizeof(Rule); line += 64) __builtin_prefetch(ahead + line);
        }
        if (i + texts_ahead < named.size()) {
            if (const LineTexts* texts = named[i + texts_ahead].rule->provenance.texts) __builtin_prefetch(texts);
        }
        const Rule& rule = *named[i].rule;
        RelatedLocation& note = i < d.related.size() ? d.related[i] : d.related.emplace_back();
        note.location = rule.provenance.location(named[i].protocol->file);
        std::string& text = note.message;
        text.clear();
        text.reserve(64);  // a note's usual length: one allocation, not a few
        if (f.across) {
            text += label(protocols, f.sides[named[i].side].protocol);
            text += ": ";
        }
        append_rule(text, rule);
        // The quotes are views of the protocol's texts, which the note keeps:
        // that pointer is set only when it changes, sparing a count up and
        // down in shared memory.
        note.quoted = rule.provenance.quotes();
        const std::shared_ptr<const LineStore>& store = named[i].protocol->line_store;
        if (!note.quoted.empty() && note.keeps.get() != store.get()) note.keeps = store;
    }
}

}  // namespace aftercare
