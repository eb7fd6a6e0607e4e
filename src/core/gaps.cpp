// Gaps: unsaid days inside a protocol, expected topics it never mentions, and
// topics one clinic covers that another does not.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "analysis.hpp"
#include "day_sweep.hpp"
#include "name_table.hpp"
#include "parallel.hpp"
#include "vocabulary.hpp"

namespace aftercare {

namespace {
std::string_view topic_of(std::string_view activity) { return activity.substr(0, activity.find('.')); }
}  // namespace

std::vector<Finding> find_gaps_within(const Analysed& protocols, std::size_t index) {
    const Compilation& c = *protocols[index];
    const Protocol& p = c.protocol;
    std::vector<Finding> out;
    NameTable named;  // the activities rules name (the numbers mean nothing)
    for (const Rule& rule : p.rules) named.try_emplace(rule.activity, 0);
    for (const ResolvedActivity& resolved : c.resolved) {
        if (!named.find(resolved.activity)) continue;  // kinds only implied by a parent
        for (std::size_t i = 1; i < resolved.days.size(); ++i) {
            const DaySegment& before = resolved.days[i - 1];
            const DaySegment& after = resolved.days[i];
            if (!before.to || !after.from || *before.to + 1 >= *after.from) continue;
            Finding f;
            f.id = "gap-days";
            f.severity = severity_of(f.id);
            f.activity = resolved.activity;
            f.anchor = resolved.anchor;
            f.days.push_back({*before.to + 1, *after.from - 1});
            f.sides.reserve(2);
            for (const DaySegment* side : {&before, &after}) {
                const auto rules = resolved.rules_of(*side);
                f.sides.push_back({static_cast<std::uint32_t>(index), side->modality, {side->from, side->to}, {rules.begin(), rules.end()}});
            }
            out.push_back(std::move(f));
        }
    }
    if (c.vocabulary) {
        const auto expected = c.vocabulary->expected.find(p.procedure);
        if (expected != c.vocabulary->expected.end()) {
            for (const auto& alternatives : expected->second) {
                const bool mentioned = std::any_of(p.rules.begin(), p.rules.end(), [&](const Rule& rule) {
                    return std::any_of(alternatives.begin(), alternatives.end(), [&](const std::string& topic) {
                        return Vocabulary::covers(topic, rule.activity) || Vocabulary::covers(rule.activity, topic);
                    });
                });
                if (mentioned) continue;
                Finding f;
                f.id = "gap-expected";
                f.severity = severity_of(f.id);
                f.activity = Name(alternatives.front());
                f.gap = std::make_shared<const GapParts>(
                    GapParts{{index}, std::vector<std::string>(alternatives.begin() + 1, alternatives.end())});
                out.push_back(std::move(f));
            }
        }
    }
    return out;
}

std::vector<Finding> find_coverage_gaps(const Analysed& protocols) {
    // Topics by number, each activity's worked out once. The resolved views
    // name every activity a rule names (resolve.hpp), so this visits each
    // protocol's few activities rather than its rules.
    NameTable topic_of_activity;  // -> its topic's number
    NameTable number_of_topic;
    std::vector<Name> topics;
    std::size_t entries = 0;
    for (const Compilation* c : protocols) {
        entries += c->resolved.size();
        for (const ResolvedActivity& resolved : c->resolved) {
            if (topic_of_activity.find(resolved.activity)) continue;
            const Name topic(topic_of(resolved.activity));
            const auto [number, added] = number_of_topic.try_emplace(topic, static_cast<std::uint32_t>(topics.size()));
            if (added) topics.push_back(topic);
            topic_of_activity.try_emplace(resolved.activity, number);
        }
    }
    // Each protocol's first rule on each topic it covers, by topic number:
    // the first of its resolved activities' first rules, since every rule is
    // weighed in its own activity's view (and a parent's, on the same topic).
    // Independent of the other protocols, so on every core for many of them.
    constexpr RuleIndex none = std::numeric_limits<RuleIndex>::max();
    std::vector<std::vector<RuleIndex>> first(protocols.size());
    for_each_index(protocols.size(), entries, [&](std::size_t index) {
        std::vector<RuleIndex>& found = first[index];
        found.assign(topics.size(), none);
        for (const ResolvedActivity& resolved : protocols[index]->resolved) {
            RuleIndex& at = found[*topic_of_activity.find(resolved.activity)];  // numbered above
            at = std::min(at, resolved.first_rule);
        }
    });
    // By procedure, then topic in name order: the protocols covering it, in
    // protocol order, and those that do not.
    std::vector<std::uint32_t> by_name(topics.size());
    for (std::uint32_t t = 0; t < by_name.size(); ++t) by_name[t] = t;
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) { return topics[a] < topics[b]; });
    struct Procedure {
        std::vector<std::size_t> members;
        std::vector<std::vector<std::pair<std::size_t, RuleIndex>>> covering;  // by topic number: (protocol, rule)
    };
    std::map<std::string_view, Procedure> procedures;
    for (std::size_t index = 0; index < protocols.size(); ++index) {
        Procedure& procedure = procedures[protocols[index]->protocol.procedure];
        procedure.members.push_back(index);
        procedure.covering.resize(topics.size());
        for (std::uint32_t t = 0; t < topics.size(); ++t) {
            if (first[index][t] != none) procedure.covering[t].emplace_back(index, first[index][t]);
        }
    }
    std::vector<Finding> out;
    for (const auto& [name, procedure] : procedures) {
        for (const std::uint32_t t : by_name) {
            const auto& covering = procedure.covering[t];
            if (covering.empty() || covering.size() == procedure.members.size()) continue;
            Finding f;
            f.id = "gap-coverage";
            f.severity = severity_of(f.id);
            f.across = true;
            f.activity = topics[t];
            for (const auto& [index, rule] : covering) {
                f.sides.push_back({static_cast<std::uint32_t>(index), protocols[index]->protocol.rules[rule].modality, {}, {rule}});
            }
            // Both lists are in protocol order: the members not covering are silent.
            GapParts gap;
            auto next = covering.begin();
            for (const std::size_t index : procedure.members) {
                if (next != covering.end() && next->first == index) ++next;
                else gap.silent.push_back(index);
            }
            f.gap = std::make_shared<const GapParts>(std::move(gap));
            out.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace aftercare
