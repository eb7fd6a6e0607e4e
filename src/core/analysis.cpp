#include "analysis.hpp"

#include "append.hpp"
#include "day_sweep.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_set>

namespace aftercare {

namespace {

// Whether two findings say the same thing (class, timeline, days, sides and
// silent protocols), whatever activity each is on.
bool says_the_same(const Finding& a, const Finding& b) {
    if (a.id != b.id || a.anchor != b.anchor || a.across != b.across || a.days != b.days || a.silent != b.silent ||
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
    // What a finding says on an activity, and its hash, worked out once: the
    // set rehashes its entries as it walks them. What it says is hashed once
    // and then with each activity: a finding across clinics names hundreds.
    struct Said {
        const Finding* finding;
        std::string_view activity;
        std::size_t hash;
    };
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
        for (const std::size_t p : f.silent) mix(p);
        return h;
    };
    auto on = [](std::string_view activity, std::size_t content) {
        return (std::hash<std::string_view>{}(activity) ^ content) * 0x100000001b3ULL;
    };
    struct SaidHash {
        std::size_t operator()(const Said& s) const noexcept { return s.hash; }
    };
    struct SaidEqual {
        bool operator()(const Said& a, const Said& b) const {
            return a.hash == b.hash && a.activity == b.activity && says_the_same(*a.finding, *b.finding);
        }
    };
    std::unordered_set<Said, SaidHash, SaidEqual> said;
    said.reserve(findings.size());
    std::vector<std::size_t> content(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        content[i] = content_hash(*findings[i]);
        said.insert({findings[i], findings[i]->activity.view(), on(findings[i]->activity.view(), content[i])});
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const std::string_view activity = findings[i]->activity;
        const auto dot = activity.rfind('.');
        if (dot == std::string_view::npos) continue;
        const std::string_view parent = activity.substr(0, dot);
        if (said.count({findings[i], parent, on(parent, content[i])}) > 0) dropped[i] = 1;
    }
}

// A duration mismatch whose differing days all lie in a contradiction on the
// same activity says nothing new: one clinic allowing what another forbids
// on day 3 is one disagreement, not three.
void mark_restated(const std::vector<Finding*>& findings, std::vector<char>& dropped) {
    // The contradicted days of each activity, sorted and merged once.
    std::map<std::tuple<Name, Anchor, bool>, std::vector<DayRange>> contradicted;
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

// Findings are pruned in groups that can only restate each other: each
// protocol's own, then those across protocols. A contradiction in one file
// says nothing about a duration in another, and what is dropped is never held
// beside the rest of a long protocol's findings. The lists are read where
// they were made and only what is kept is moved, into a list of its size: a
// long protocol drops half its findings, and joining them first held them
// twice.
std::vector<Finding> pruned(std::vector<std::vector<Finding>> lists) {
    std::vector<Finding*> all;
    for (std::vector<Finding>& list : lists) {
        for (Finding& f : list) all.push_back(&f);
    }
    std::vector<char> dropped(all.size(), 0);
    mark_inherited(all, dropped);
    mark_restated(all, dropped);
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

std::vector<std::vector<Finding>> lists_of(std::vector<Finding> findings) {
    std::vector<std::vector<Finding>> lists;
    lists.push_back(std::move(findings));
    return lists;
}

}  // namespace

FindingsByProtocol analyse_by_protocol(const Analysed& protocols) {
    // Each protocol's own findings are independent of the others', and of
    // those across protocols: one list of work, on every core for many
    // protocols, each item into its own slot. The two analyses across
    // protocols are the longest items, so they come first: one core compares
    // the files while the others work through them. Each is pruned on its
    // own, which drops what pruning them together would: a gap in coverage
    // restates only another gap, and a duration only a contradiction, both of
    // which are found with it.
    const std::size_t firsts = protocols.size() > 1 ? 2 : 0;
    FindingsByProtocol out;
    out.within.resize(protocols.size());
    std::vector<Finding> conflicts_across, coverage_across;
    std::size_t rules = 0;
    for (const Compilation* c : protocols) rules += c->protocol.rules.size();
    for_each_index(firsts + protocols.size(), rules, [&](std::size_t item) {
        if (item == 0 && firsts) {
            conflicts_across = pruned(lists_of(find_conflicts_across(protocols)));
        } else if (item == 1 && firsts) {
            coverage_across = pruned(lists_of(find_coverage_gaps(protocols)));
        } else {
            std::vector<Finding>& own = out.within[item - firsts];
            std::vector<std::vector<Finding>> lists = find_conflicts_within(protocols, item - firsts);
            lists.push_back(find_gaps_within(protocols, item - firsts));
            own = pruned(std::move(lists));
            sort_findings(own);
        }
    });
    out.across = std::move(conflicts_across);
    append_moved(out.across, coverage_across);
    sort_findings(out.across);
    return out;
}

std::vector<Finding> analyse(const Analysed& protocols) {
    // Each list is sorted already, and the sort keeps the order of equals:
    // sorting them together gives what sorting them unsorted would.
    FindingsByProtocol parts = analyse_by_protocol(protocols);
    std::vector<Finding> out;
    append_all_moved(out, parts.within);
    append_moved(out, parts.across);
    sort_findings(out);
    return out;
}

}  // namespace aftercare
