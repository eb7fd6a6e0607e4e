// Gaps: unsaid days inside a protocol, expected topics it never mentions, and
// topics one clinic covers that another does not.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analysis.hpp"
#include "day_sweep.hpp"
#include "vocabulary.hpp"

namespace aftercare {

namespace {
std::string_view topic_of(std::string_view activity) { return activity.substr(0, activity.find('.')); }
}  // namespace

std::vector<Finding> find_gaps_within(const Analysed& protocols, std::size_t index) {
    const Compilation& c = *protocols[index];
    const Protocol& p = c.protocol;
    std::vector<Finding> out;
    std::unordered_set<Name> named;
    for (const Rule& rule : p.rules) named.insert(rule.activity);
    for (const ResolvedActivity& resolved : c.resolved) {
        if (!named.count(resolved.activity)) continue;  // kinds only implied by a parent
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
            f.sides.push_back({index, before.modality, {before.from, before.to}, {before.rules.begin(), before.rules.end()}});
            f.sides.push_back({index, after.modality, {after.from, after.to}, {after.rules.begin(), after.rules.end()}});
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
                f.alternatives.assign(alternatives.begin() + 1, alternatives.end());
                f.silent.push_back(index);
                out.push_back(std::move(f));
            }
        }
    }
    return out;
}

std::vector<Finding> find_coverage_gaps(const Analysed& protocols) {
    // By procedure, then topic: the first rule of each protocol on it, in
    // protocol order. Topics are found by hashing interned names (each
    // activity's topic worked out once) and taken in name order.
    struct Procedure {
        std::vector<std::size_t> members;
        std::unordered_map<Name, std::vector<std::pair<std::size_t, std::size_t>>> covering;  // (protocol, rule)
    };
    std::map<std::string_view, Procedure> procedures;
    std::unordered_map<Name, Name> topics;  // activity -> its topic
    std::unordered_map<Name, std::size_t> first;  // within one protocol: topic -> its first rule
    for (std::size_t index = 0; index < protocols.size(); ++index) {
        const Protocol& p = protocols[index]->protocol;
        Procedure& procedure = procedures[p.procedure];
        procedure.members.push_back(index);
        first.clear();
        for (std::size_t r = 0; r < p.rules.size(); ++r) {
            auto topic = topics.find(p.rules[r].activity);
            if (topic == topics.end()) topic = topics.emplace(p.rules[r].activity, Name(topic_of(p.rules[r].activity))).first;
            first.try_emplace(topic->second, r);
        }
        for (const auto& [topic, rule] : first) procedure.covering[topic].emplace_back(index, rule);
    }
    std::vector<Finding> out;
    for (const auto& [name, procedure] : procedures) {
        std::vector<Name> names;
        for (const auto& [topic, covering] : procedure.covering) names.push_back(topic);
        std::sort(names.begin(), names.end());
        for (const Name topic : names) {
            const auto& covering = procedure.covering.at(topic);
            if (covering.size() == procedure.members.size()) continue;
            Finding f;
            f.id = "gap-coverage";
            f.severity = severity_of(f.id);
            f.across = true;
            f.activity = topic;
            for (const auto& [index, rule] : covering) {
                f.sides.push_back({index, protocols[index]->protocol.rules[rule].modality, {}, {static_cast<RuleIndex>(rule)}});
            }
            // Both lists are in protocol order: the members not covering are silent.
            auto next = covering.begin();
            for (const std::size_t index : procedure.members) {
                if (next != covering.end() && next->first == index) ++next;
                else f.silent.push_back(index);
            }
            out.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace aftercare
