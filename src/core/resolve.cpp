#include "resolve.hpp"

#include "day_sweep.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace aftercare {

int strictness(Modality modality) {
    switch (modality) {
        case Modality::forbid: return 4;
        case Modality::avoid: return 3;
        case Modality::require: return 2;
        case Modality::recommend: return 1;
        case Modality::allow: return 0;
    }
    return 0;
}

namespace {

// `depth` holds each rule's depth in the activity tree, computed once.
std::vector<DaySegment> sweep(const Protocol& protocol, const std::vector<int>& depth,
                              const std::vector<std::size_t>& rules) {
    std::vector<DayRange> windows;
    windows.reserve(rules.size());
    for (const std::size_t r : rules) windows.push_back({protocol.rules[r].window.from, protocol.rules[r].window.to});
    const std::vector<DayEvent> events = day_events(windows);

    std::vector<DaySegment> out;
    std::vector<std::size_t> active;  // ascending rule indices; few at a time
    for (std::size_t i = 0; i < events.size();) {
        const long long day = events[i].day;
        for (; i < events.size() && events[i].day == day; ++i) {
            const std::size_t rule = rules[events[i].index];
            const auto at = std::lower_bound(active.begin(), active.end(), rule);
            if (events[i].starts) active.insert(at, rule);
            else active.erase(at);
        }
        if (active.empty() || i == events.size()) continue;
        const long long next = events[i].day;  // this segment is [day, next)

        int deepest = -1;
        for (const std::size_t r : active) deepest = std::max(deepest, depth[r]);
        DaySegment segment;
        int strictest = -1;
        for (const std::size_t r : active) {
            if (depth[r] != deepest) continue;
            segment.rules.push_back(r);
            const Modality modality = protocol.rules[r].modality;
            if (strictness(modality) > strictest) {  // the first of equals decides
                strictest = strictness(modality);
                segment.modality = modality;
                segment.decider = r;
            }
        }
        if (day != open_before) segment.from = static_cast<int>(day);
        if (next != open_after) segment.to = static_cast<int>(next - 1);

        // Join with the previous segment when nothing changes at this boundary.
        if (!out.empty() && out.back().to && segment.from && *out.back().to + 1 == *segment.from &&
            out.back().modality == segment.modality && out.back().rules == segment.rules) {
            out.back().to = segment.to;
        } else {
            out.push_back(std::move(segment));
        }
    }
    return out;
}

}  // namespace

std::vector<ResolvedActivity> resolve(const Protocol& protocol, const Vocabulary* vocabulary) {
    // Which activities to resolve: those named, and the kinds below them.
    std::set<std::string_view> named;  // views of the rules' own ids
    for (const Rule& rule : protocol.rules) named.insert(rule.activity);
    std::set<std::string> activities(named.begin(), named.end());
    if (vocabulary) {
        for (const std::string_view activity : named) {
            for (const auto& kind : vocabulary->with_kinds(std::string(activity))) activities.insert(kind);
        }
    }
    std::vector<int> depth(protocol.rules.size());
    // Rules by (timeline, activity), so each activity collects its ancestors' rules.
    std::map<std::pair<Anchor, std::string>, std::vector<std::size_t>> by_key;
    for (std::size_t r = 0; r < protocol.rules.size(); ++r) {
        depth[r] = Vocabulary::depth(protocol.rules[r].activity);
        by_key[{protocol.rules[r].window.anchor, protocol.rules[r].activity}].push_back(r);
    }
    std::vector<ResolvedActivity> out;
    for (const std::string& activity : activities) {
        for (const Anchor anchor : {Anchor::session, Anchor::final_session, Anchor::between_sessions}) {
            std::vector<std::size_t> rules;
            // The activity itself and each parent: "wash.rinse", "wash".
            for (std::string id = activity;;) {
                if (const auto it = by_key.find({anchor, id}); it != by_key.end()) {
                    rules.insert(rules.end(), it->second.begin(), it->second.end());
                }
                const auto dot = id.rfind('.');
                if (dot == std::string::npos) break;
                id.resize(dot);
            }
            if (rules.empty()) continue;
            std::sort(rules.begin(), rules.end());
            std::vector<std::size_t> always, conditional;
            for (const std::size_t r : rules) {
                const Rule& rule = protocol.rules[r];
                (rule.conditions().empty() && !rule.window.undated() ? always : conditional).push_back(r);
            }
            out.push_back({activity, anchor, sweep(protocol, depth, always), std::move(conditional)});
        }
    }
    return out;
}

}  // namespace aftercare
