#include "analysis.hpp"

#include "append.hpp"
#include "day_sweep.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace aftercare {

namespace {

// A finding on a kind that says nothing its parent's finding does not (same
// class, days and sides) is inherited: reported once, on the parent.
void drop_inherited(std::vector<Finding>& findings) {
    auto signature = [](const Finding& f, std::string_view activity) {
        std::string key = f.id + '|' + std::string(activity) + '|' + std::to_string(static_cast<int>(f.anchor)) + '|' +
                          std::to_string(f.across);
        for (const DayRange& d : f.days) key += '|' + describe_days(d);
        for (const FindingSide& s : f.sides) {
            key += '|' + std::to_string(s.protocol) + ':' + std::to_string(static_cast<int>(s.modality)) + ':' +
                   describe_days(s.days);
        }
        for (const std::size_t p : f.silent) key += "|silent:" + std::to_string(p);
        return key;
    };
    std::map<std::string, bool> seen;
    for (const Finding& f : findings) seen[signature(f, f.activity)] = true;
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [&](const Finding& f) {
                                      const std::string_view activity = f.activity;
                                      const auto dot = activity.rfind('.');
                                      return dot != std::string_view::npos && seen.count(signature(f, activity.substr(0, dot)));
                                  }),
                   findings.end());
}

// A duration mismatch whose differing days all lie in a contradiction on the
// same activity says nothing new: one clinic allowing what another forbids
// on day 3 is one disagreement, not three.
void drop_restated(std::vector<Finding>& findings) {
    // The contradicted days of each activity, sorted and merged once.
    std::map<std::tuple<std::string, Anchor, bool>, std::vector<DayRange>> contradicted;
    for (const Finding& f : findings) {
        if (f.id == "contradiction") {
            auto& days = contradicted[{f.activity, f.anchor, f.across}];
            days.insert(days.end(), f.days.begin(), f.days.end());
        }
    }
    for (auto& [key, days] : contradicted) {
        std::sort(days.begin(), days.end(), [](const DayRange& a, const DayRange& b) { return start_of(a) < start_of(b); });
        std::vector<DayRange> merged;
        for (const DayRange& d : days) {
            if (!merged.empty() && end_of(merged.back()) != open_after && start_of(d) <= end_of(merged.back()) + 1) {
                merged.back() = range_of(start_of(merged.back()), std::max(end_of(merged.back()), end_of(d)));
            } else {
                merged.push_back(d);
            }
        }
        days = std::move(merged);
    }
    auto covered = [&](const Finding& f) {
        const auto it = contradicted.find({f.activity, f.anchor, f.across});
        if (it == contradicted.end()) return false;
        const auto& ranges = it->second;
        return std::all_of(f.days.begin(), f.days.end(), [&](const DayRange& d) {
            // The merged stretch starting at or before d must reach its end.
            auto after = std::upper_bound(ranges.begin(), ranges.end(), start_of(d),
                                          [](long long day, const DayRange& r) { return day < start_of(r); });
            return after != ranges.begin() && end_of(*std::prev(after)) >= end_of(d);
        });
    };
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [&](const Finding& f) { return f.id == "duration-mismatch" && covered(f); }),
                   findings.end());
}

}  // namespace

std::vector<Finding> analyse(const Analysed& protocols) {
    // Findings are pruned in groups that can only restate each other: each
    // protocol's own, then those across protocols. A contradiction in one
    // file says nothing about a duration in another, and what is dropped is
    // never held beside the rest of a long protocol's findings.
    std::vector<Finding> out;
    auto add = [&](std::vector<Finding> group, std::vector<Finding> more) {
        append_moved(group, more);
        drop_inherited(group);
        drop_restated(group);
        append_moved(out, group);
    };
    for (std::size_t index = 0; index < protocols.size(); ++index) {
        add(find_conflicts_within(protocols, index), find_gaps_within(protocols, index));
    }
    if (protocols.size() > 1) add(find_conflicts_across(protocols), find_coverage_gaps(protocols));
    sort_findings(out);
    return out;
}

}  // namespace aftercare
