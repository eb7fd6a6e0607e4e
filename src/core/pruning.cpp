#include "pruning.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "day_sweep.hpp"
#include "parallel.hpp"

namespace aftercare {

namespace {

// Whether two findings say the same thing (class, timeline, days, sides and
// silent protocols), whatever activity each is on.
bool says_the_same(const Finding& a, const Finding& b) {
    if (a.id != b.id || a.anchor != b.anchor || a.across != b.across || a.days != b.days || !std::ranges::equal(a.silent(), b.silent()) ||
        a.sides.size() != b.sides.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.sides.size(); ++i) {
        const FindingSide &x = a.sides[i], &y = b.sides[i];
        if (x.protocol != y.protocol || x.modality != y.modality || x.days != y.days) return false;
    }
    return true;
}

// A finding on a kind that says nothing its parent's finding does not is
// inherited: reported once, on the parent. Findings are found by hashing
// what they say, not by writing it out: a long protocol has hundreds of
// thousands.
void mark_inherited(const std::vector<Finding*>& findings, std::vector<char>& dropped) {
    auto content_hash = [](const Finding& f) {
        std::size_t h = 0xcbf29ce484222325ULL;
        const auto mix = [&](std::size_t v) { h = (h ^ v) * 0x100000001b3ULL; };
        const auto mix_days = [&](const DayRange& d) {
            mix(static_cast<std::size_t>(start_of(d)));
            mix(static_cast<std::size_t>(end_of(d)));
        };
        mix(std::hash<std::string_view>{}(f.id));
        mix(static_cast<std::size_t>(f.anchor) * 2 + f.across);
        for (const DayRange& d : f.days) mix_days(d);
        for (const FindingSide& side : f.sides) {
            mix(side.protocol * 8 + static_cast<std::size_t>(side.modality));
            mix_days(side.days);
        }
        for (const std::size_t p : f.silent()) mix(p);
        return h;
    };
    // What is said is hashed once and then with each activity: a finding
    // across clinics names hundreds.
    auto on = [](std::string_view activity, std::size_t content) {
        return (std::hash<std::string_view>{}(activity) ^ content) * 0x100000001b3ULL;
    };
    // Each finding's hash, on every core: hashing is most of the work, and a
    // long protocol's findings are each in their own part of memory.
    std::vector<std::size_t> content(findings.size()), said(findings.size());
    std::size_t sides = 0;
    for (const Finding* f : findings) sides += f->sides.size();
    for_each_index(findings.size(), sides, [&](std::size_t i) {
        content[i] = content_hash(*findings[i]);
        said[i] = on(findings[i]->activity.view(), content[i]);
    }, 64);

    // The findings by what they say on their activity, open-addressed (at
    // most half full): a node each in an unordered_set was an allocation and
    // a cache miss per finding. Equal entries are all kept; only whether one
    // exists is asked.
    struct Slot {
        std::size_t hash;
        std::uint32_t finding;  // its index + 1; 0 for a free slot
    };
    std::size_t size = 16;
    while (size < 2 * findings.size()) size *= 2;
    const std::size_t mask = size - 1;
    auto first_slot = [&](std::size_t hash) { return (hash * 0x9E3779B97F4A7C15ULL >> 32) & mask; };
    std::vector<Slot> slots(size, Slot{0, 0});
    for (std::size_t i = 0; i < findings.size(); ++i) {
        std::size_t at = first_slot(said[i]);
        while (slots[at].finding) at = (at + 1) & mask;
        slots[at] = Slot{said[i], static_cast<std::uint32_t>(i + 1)};
    }
    for_each_index(findings.size(), sides, [&](std::size_t i) {
        const std::string_view activity = findings[i]->activity;
        const auto dot = activity.rfind('.');
        if (dot == std::string_view::npos) return;
        const std::string_view parent = activity.substr(0, dot);
        const std::size_t hash = on(parent, content[i]);
        for (std::size_t at = first_slot(hash); slots[at].finding; at = (at + 1) & mask) {
            const Finding& other = *findings[slots[at].finding - 1];
            if (slots[at].hash == hash && other.activity.view() == parent && says_the_same(*findings[i], other)) {
                dropped[i] = 1;
                return;
            }
        }
    }, 64);
}

// A duration mismatch whose differing days all lie in a contradiction on the
// same activity says nothing new: one clinic allowing what another forbids
// on day 3 is one disagreement, not three.
void mark_restated(const std::vector<Finding*>& findings, std::vector<char>& dropped) {
    // The contradicted days of each activity, sorted and merged once; found
    // by hashing, since only lookups follow (a map compared names' texts).
    using Topic = std::tuple<Name, Anchor, bool>;
    struct TopicHash {
        std::size_t operator()(const Topic& t) const noexcept {
            return std::hash<Name>{}(std::get<0>(t)) * 31 + static_cast<std::size_t>(std::get<1>(t)) * 2 + std::get<2>(t);
        }
    };
    std::unordered_map<Topic, std::vector<DayRange>, TopicHash> contradicted;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& f = *findings[i];
        if (!dropped[i] && f.id == "contradiction") {
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
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (!dropped[i] && findings[i]->id == "duration-mismatch" && covered(*findings[i])) dropped[i] = 1;
    }
}


// Which of the findings are dropped, by index.
std::vector<char> dropped_of(const std::vector<Finding*>& all) {
    std::vector<char> dropped(all.size(), 0);
    mark_inherited(all, dropped);
    mark_restated(all, dropped);
    return dropped;
}

}  // namespace

// The lists are read where they were made and only what is kept is moved,
// into a list of its size: a long protocol drops half its findings, and
// joining them first held them twice.
std::vector<Finding> pruned(std::vector<std::vector<Finding>> lists) {
    std::vector<Finding*> all;
    for (std::vector<Finding>& list : lists) {
        for (Finding& f : list) all.push_back(&f);
    }
    const std::vector<char> dropped = dropped_of(all);
    std::vector<Finding> kept;
    kept.reserve(static_cast<std::size_t>(std::count(dropped.begin(), dropped.end(), 0)));
    std::size_t i = 0;
    for (std::vector<Finding>& list : lists) {
        for (Finding& f : list) {
            if (!dropped[i++]) kept.push_back(std::move(f));
        }
        list = {};
    }
    return kept;
}

void prune_in_place(std::span<std::vector<Finding>* const> lists) {
    std::vector<Finding*> all;
    for (std::vector<Finding>* list : lists) {
        for (Finding& f : *list) all.push_back(&f);
    }
    const std::vector<char> dropped = dropped_of(all);
    std::size_t i = 0;
    for (std::vector<Finding>* list : lists) {
        auto kept = list->begin();
        for (Finding& f : *list) {
            if (dropped[i++]) continue;
            if (&*kept != &f) *kept = std::move(f);  // moved onto itself, a vector would empty
            ++kept;
        }
        list->erase(kept, list->end());
        list->shrink_to_fit();
    }
}

}  // namespace aftercare
