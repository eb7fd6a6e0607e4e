// Contradictions, strength mismatches and duration mismatches.
#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <iterator>
#include <map>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "analysis.hpp"
#include "pruning.hpp"
#include "append.hpp"
#include "day_sweep.hpp"
#include "parallel.hpp"

namespace aftercare {

namespace {

bool restrictive(Modality m) { return m == Modality::forbid || m == Modality::avoid; }

// A clinic's resolved guidance over some days, compared across files.
struct Stance {
    std::uint32_t protocol;
    Modality modality;
    DayRange days;
    std::span<const RuleIndex> rules;  // into the resolved view, which outlives the analysis
    bool on_self;  // some rule is on the activity itself, not inherited from a parent
};

// A side's guidance over a run of days, for durations.
struct Run {
    std::size_t side;  // rule index within a file, protocol index across files
    std::uint32_t protocol;
    Modality modality;
    DayRange days;
    // Across files, the stances of the adjacent resolved segments the run
    // joins, in the group's own list rather than in their protocols' memory;
    // their rules are merged only if the run is reported, since most runs
    // are not (a thousand clinics make half a million runs). Within a file a
    // run is the one rule `side`, and this is empty.
    std::span<const Stance> segments;
    bool on_self;

    // Its rules, ascending, as the next list of `batch`.
    void add_reported_rules(RuleListBatch& batch) const {
        std::vector<RuleIndex>& rules = batch.rules();
        const auto from = static_cast<std::ptrdiff_t>(batch.open_from());
        if (segments.empty()) rules.push_back(static_cast<RuleIndex>(side));
        for (const Stance& segment : segments) rules.insert(rules.end(), segment.rules.begin(), segment.rules.end());
        if (segments.size() > 1) {  // one segment's are ascending already
            std::sort(rules.begin() + from, rules.end());
            rules.erase(std::unique(rules.begin() + from, rules.end()), rules.end());
        }
        batch.close();
    }
};

// What kind of disagreement the guidance in force on a day is, from how many
// rules (or sides) of each modality speak and how many of them are on the
// activity itself; null when they agree.
const char* classify(const int (&count)[5], int own) {
    const auto n = [&](Modality m) { return count[static_cast<int>(m)]; };
    const int restricts = n(Modality::forbid) + n(Modality::avoid);
    const int permits = n(Modality::allow) + n(Modality::recommend) + n(Modality::require);
    if (own == 0) return nullptr;  // inherited from a parent: reported there
    if (restricts && permits) return "contradiction";
    if ((n(Modality::forbid) && n(Modality::avoid)) || (n(Modality::require) && n(Modality::recommend))) {
        return "strength-mismatch";
    }
    return nullptr;
}

// Sorts `indices`, distinct and below `limit`. Many of them (a stretch of
// days on which hundreds of clinics speak) are marked in a bitmap and read
// back in order, which costs a pass over the bitmap instead of comparisons.
void sort_distinct(std::vector<std::size_t>& indices, std::size_t limit, std::vector<std::uint64_t>& marks) {
    const std::size_t words = (limit + 63) / 64;
    if (indices.size() < 64 || words > indices.size() * 4) {
        std::sort(indices.begin(), indices.end());
        return;
    }
    marks.assign(words, 0);
    for (const std::size_t i : indices) marks[i / 64] |= std::uint64_t{1} << (i % 64);
    std::size_t at = 0;
    for (std::size_t w = 0; w < words; ++w) {
        for (std::uint64_t bits = marks[w]; bits; bits &= bits - 1) {
            indices[at++] = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        }
    }
}

// Contradictions and strength mismatches across clinics on one activity and
// timeline. The sweep keeps counts of the modalities in force, so each day boundary costs
// the same however many sides speak; a maximal stretch of days with the same
// kind of disagreement is one finding, naming every side that speaks during
// it with its own days and rules.
void disagreements_across(const std::vector<Stance>& stances, Name activity, Anchor anchor, std::vector<Finding>& out) {
    // Its thread's lists, kept from group to group (see find_conflicts_across).
    thread_local std::vector<DayRange> intervals;
    thread_local std::vector<DayEvent> events;
    thread_local std::vector<std::size_t> position;
    intervals.clear();
    for (const Stance& s : stances) intervals.push_back(s.days);
    day_events(intervals, events);
    position.resize(stances.size());

    int count[5] = {0, 0, 0, 0, 0};  // by Modality
    int own = 0;                     // stances with a rule on the activity itself
    std::vector<std::size_t> active;
    const char* run_id = nullptr;
    long long run_first = 0, run_last = 0;
    std::vector<std::size_t> run;      // stances that spoke during the open run
    std::vector<std::size_t> started;  // stances that began on the current day
    std::vector<std::size_t> by_modality;
    std::vector<std::uint64_t> marks;  // for sort_distinct
    RuleListBatch batch;               // the sides' lists, in one allocation for each finding

    auto close_run = [&] {
        if (!run_id) return;
        // One side per protocol and modality: its days span its stances', its
        // rules are theirs, merged.
        // Ordered by protocol, modality, then stance. Stances come in protocol
        // order, so sorting the numbers orders the protocols; each protocol's
        // stretch is then put in modality order by counting, which keeps
        // stance order within a modality.
        sort_distinct(run, stances.size(), marks);
        for (std::size_t begin = 0; begin < run.size();) {
            std::size_t end = begin;
            std::size_t counts[6] = {0, 0, 0, 0, 0, 0};
            for (; end < run.size() && stances[run[end]].protocol == stances[run[begin]].protocol; ++end) {
                ++counts[static_cast<int>(stances[run[end]].modality) + 1];
            }
            for (int m = 1; m < 6; ++m) counts[m] += counts[m - 1];
            by_modality.resize(end - begin);
            for (std::size_t i = begin; i < end; ++i) by_modality[counts[static_cast<int>(stances[run[i]].modality)]++] = run[i];
            std::copy(by_modality.begin(), by_modality.end(), run.begin() + static_cast<std::ptrdiff_t>(begin));
            begin = end;
        }
        std::vector<FindingSide> sides;
        batch.clear();
        std::vector<RuleIndex>& merged = batch.rules();
        for (std::size_t i = 0; i < run.size();) {
            const Stance& first = stances[run[i]];
            FindingSide side{first.protocol, first.modality, first.days, {}};
            const auto from = static_cast<std::ptrdiff_t>(batch.open_from());
            for (; i < run.size() && stances[run[i]].protocol == first.protocol && stances[run[i]].modality == first.modality; ++i) {
                // Each stance's rules are in its own protocol's memory: asked for a few stances ahead.
                if (i + 8 < run.size()) __builtin_prefetch(stances[run[i + 8]].rules.data());
                const Stance& s = stances[run[i]];
                side.days = range_of(std::min(start_of(side.days), start_of(s.days)), std::max(end_of(side.days), end_of(s.days)));
                merged.insert(merged.end(), s.rules.begin(), s.rules.end());
            }
            std::sort(merged.begin() + from, merged.end());
            merged.erase(std::unique(merged.begin() + from, merged.end()), merged.end());
            batch.close();
            sides.push_back(std::move(side));
        }
        for (std::size_t k = 0; k < sides.size(); ++k) sides[k].rules = batch.list(k);
        Finding f;
        f.id = run_id;
        f.severity = severity_of(run_id);
        f.across = true;
        f.activity = activity;
        f.anchor = anchor;
        f.days.push_back(range_of(run_first, run_last));
        f.sides = std::move(sides);
        // By protocol, then first rule. The sides come grouped by protocol, in
        // protocol order, so only each protocol's few sides are sorted.
        for (auto begin = f.sides.begin(); begin != f.sides.end();) {
            auto end = begin + 1;
            while (end != f.sides.end() && end->protocol == begin->protocol) ++end;
            stable_sort_few(begin, end, [](const FindingSide& a, const FindingSide& b) { return a.rules.front() < b.rules.front(); });
            begin = end;
        }
        out.push_back(std::move(f));
        run_id = nullptr;
        run.clear();
    };

    for (std::size_t e = 0; e < events.size();) {
        const long long day = events[e].day;
        started.clear();
        for (; e < events.size() && events[e].day == day; ++e) {
            const std::size_t i = events[e].index;
            const int m = static_cast<int>(stances[i].modality);
            if (events[e].starts) {
                position[i] = active.size();
                active.push_back(i);
                started.push_back(i);
                ++count[m];
                own += stances[i].on_self;
            } else {
                // Swap-remove: order in `active` does not matter.
                const std::size_t at = position[i];
                active[at] = active.back();
                position[active[at]] = at;
                active.pop_back();
                --count[m];
                own -= stances[i].on_self;
            }
        }
        if (e == events.size()) break;
        const long long last = events[e].day == open_after ? open_after : events[e].day - 1;
        const char* id = active.empty() ? nullptr : classify(count, own);
        if (id && run_id == id && run_last + 1 == day) {
            run_last = last;
            run.insert(run.end(), started.begin(), started.end());
        } else {
            close_run();
            if (id) {
                run_id = id;
                run_first = day;
                run_last = last;
                run = active;
            }
        }
    }
    close_run();
}

// The same guidance for different lengths. A restriction is a question of
// how long it lasts: restrictions starting on the same day are compared by
// their ends. A permission is a question of when it begins: permissions ending
// on the same day (or both running on) are compared by their starts. "The same
// day" allows one day's difference, since pages disagree on whether "day 1" is
// the session; a group that differs in neither way is not reported.
void durations(const std::vector<Run>& runs, bool restrictions, bool across, Name activity, Anchor anchor,
               std::vector<Finding>& out) {
    // Restrictions are grouped by start, permissions by end: flip days so one
    // loop serves both (a permission's end is its "first" day read backwards).
    auto key = [&](const DayRange& d) { return restrictions ? start_of(d) : -end_of(d); };
    // In order of key, start, end and side. The runs come in side order, so
    // placing them by end, then by start, then (for permissions) by key, each
    // keeping the order before it, sorts them without comparing: a thousand
    // clinics make half a million runs. Only their numbers move.
    thread_local std::vector<std::uint32_t> order;  // its thread's: a protocol has a group for each activity and modality
    order.resize(runs.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    stable_sort_by_day(order, [&](std::uint32_t i) { return end_of(runs[i].days); });
    stable_sort_by_day(order, [&](std::uint32_t i) { return start_of(runs[i].days); });
    if (!restrictions) stable_sort_by_day(order, [&](std::uint32_t i) { return end_of(runs[i].days); }, true);
    auto run = [&](std::size_t k) -> const Run& { return runs[order[k]]; };  // the k-th in that order

    for (std::size_t begin = 0; begin < runs.size();) {
        const long long first = key(run(begin).days);
        const bool open = first == open_before || first == -open_after;
        std::size_t end = begin + 1;
        while (end < runs.size() && key(run(end).days) <= (open ? first : first + 1)) ++end;
        bool own = false, same = true, several = false;  // several: more than one side speaks
        long long first_start = open_after, last_start = open_before, first_end = open_after, last_end = open_before;
        for (std::size_t i = begin; i < end; ++i) {
            several |= run(i).side != run(begin).side;
            own |= run(i).on_self;
            same &= run(i).days == run(begin).days;
            first_start = std::min(first_start, start_of(run(i).days));
            last_start = std::max(last_start, start_of(run(i).days));
            first_end = std::min(first_end, end_of(run(i).days));
            last_end = std::max(last_end, end_of(run(i).days));
        }
        if (several && own && !same) {
            Finding f;
            f.id = "duration-mismatch";
            f.severity = severity_of(f.id);
            f.across = across;
            f.activity = activity;
            f.anchor = anchor;
            if (last_start > first_start) f.days.push_back(range_of(first_start, last_start - 1));
            if (last_end > first_end) f.days.push_back(range_of(first_end + 1, last_end));
            thread_local RuleListBatch batch;  // the sides' lists, in one allocation
            batch.clear();
            for (std::size_t i = begin; i < end; ++i) {
                // Each run's stances, and their rule lists (in their own
                // protocol's memory), are asked for a few sides ahead.
                if (i + 8 < end && !run(i + 8).segments.empty()) __builtin_prefetch(run(i + 8).segments.data());
                if (i + 4 < end && !run(i + 4).segments.empty()) __builtin_prefetch(run(i + 4).segments.front().rules.data());
                run(i).add_reported_rules(batch);
            }
            f.sides.reserve(end - begin);
            for (std::size_t i = begin; i < end; ++i) {
                f.sides.push_back({run(i).protocol, run(i).modality, run(i).days, batch.list(i - begin)});
            }
            out.push_back(std::move(f));
        }
        begin = end;
    }
}

// Contradictions and strength mismatches within one protocol, from its
// resolved view: the segments already hold the rules in force on each
// stretch of days, so one walk over them classifies every stretch. A maximal
// run of adjacent segments with the same kind of disagreement is one
// finding, each rule a side with the days it spoke during the run.
void disagreements_within(const Protocol& p, std::size_t index, const ResolvedActivity& resolved,
                          std::vector<Finding>& out) {
    // The rules that spoke during the open run, each once, with the days it
    // spoke: a rule in force over many segments is met in each, and sorting
    // every meeting was a tenth of the analysis of a long protocol. Each
    // rule's place in `spoke` is kept by rule number, in its thread's list,
    // which is all `none` again after each run.
    struct Spoke {
        RuleIndex rule;
        long long first, last;
    };
    constexpr std::uint32_t none = UINT32_MAX;
    thread_local std::vector<Spoke> spoke;
    thread_local std::vector<std::uint32_t> place;
    for (const Spoke& s : spoke) place[s.rule] = none;  // left by a run an exception cut short
    spoke.clear();
    if (place.size() < p.rules.size()) place.resize(p.rules.size(), none);
    const char* run_id = nullptr;
    long long run_first = 0, run_last = 0;
    auto close_run = [&] {
        if (!run_id) return;
        std::sort(spoke.begin(), spoke.end(), [](const Spoke& a, const Spoke& b) { return a.rule < b.rule; });
        Finding f;
        f.id = run_id;
        f.severity = severity_of(run_id);
        f.activity = resolved.activity;
        f.anchor = resolved.anchor;
        f.days.push_back(range_of(run_first, run_last));
        f.sides.reserve(spoke.size());  // kept to the end of a check: no slack
        for (const Spoke& s : spoke) {
            f.sides.push_back({static_cast<std::uint32_t>(index), p.rules[s.rule].modality, range_of(s.first, s.last), {s.rule}});
            place[s.rule] = none;
        }
        out.push_back(std::move(f));
        run_id = nullptr;
        spoke.clear();
    };
    for (const DaySegment& segment : resolved.days) {
        int count[5];  // which modalities the segment's rules have; their numbers do not matter here
        for (int m = 0; m < 5; ++m) count[m] = (segment.modalities >> m) & 1;
        const char* id = classify(count, segment.on_self);
        const DayRange days{segment.from, segment.to};
        const long long first = start_of(days), last = end_of(days);
        if (!id || id != run_id || run_last + 1 != first) {
            close_run();
            if (!id) continue;
            run_id = id;
            run_first = first;
        }
        run_last = last;
        for (const RuleIndex r : resolved.rules_of(segment)) {
            std::uint32_t& at = place[r];
            if (at == none) {
                at = static_cast<std::uint32_t>(spoke.size());
                spoke.push_back({r, first, last});
            } else {
                spoke[at].first = std::min(spoke[at].first, first);
                spoke[at].last = std::max(spoke[at].last, last);
            }
        }
    }
    close_run();
}

using Key = std::pair<Name, Anchor>;

}  // namespace

std::vector<std::vector<Finding>> find_conflicts_within(const Analysed& protocols, std::size_t index) {
    const Compilation& c = *protocols[index];
    const Protocol& p = c.protocol;
    // Durations compare rules written on the same activity with the same
    // modality: grouped by hashing, then taken in the order of their names.
    using Guidance = std::tuple<Name, Anchor, Modality>;
    struct GuidanceHash {
        std::size_t operator()(const Guidance& g) const noexcept {
            return std::hash<Name>{}(std::get<0>(g)) * 31 + static_cast<std::size_t>(std::get<1>(g)) * 7 +
                   static_cast<std::size_t>(std::get<2>(g));
        }
    };
    // Only each group's rule numbers are kept for all groups at once, placed
    // by counting; a group's runs are made by the task that compares them:
    // the runs of every group, made up front, were 50 MB and more on the
    // 50 MB protocol, alive while its findings were made.
    std::unordered_map<Guidance, std::uint32_t, GuidanceHash> group_of;
    constexpr std::uint32_t no_group = UINT32_MAX;
    std::vector<std::uint32_t> rule_group(p.rules.size(), no_group);
    std::vector<std::uint32_t> group_start;  // counts first, then where each group's rules start
    for (std::size_t r = 0; r < p.rules.size(); ++r) {
        const Rule& rule = p.rules[r];
        if (!rule.conditions().empty() || rule.window->undated()) continue;
        const auto [at, added] = group_of.try_emplace({rule.activity, rule.window->anchor, rule.modality},
                                                     static_cast<std::uint32_t>(group_start.size()));
        if (added) group_start.push_back(0);
        rule_group[r] = at->second;
        ++group_start[at->second];
    }
    std::uint32_t placed_so_far = 0;
    for (std::uint32_t& start : group_start) start = std::exchange(placed_so_far, placed_so_far + start);
    group_start.push_back(placed_so_far);
    std::vector<RuleIndex> grouped(placed_so_far);  // each group's rules, in rule order
    {
        std::vector<std::uint32_t> next(group_start.begin(), group_start.end() - 1);
        for (std::size_t r = 0; r < p.rules.size(); ++r) {
            if (rule_group[r] != no_group) grouped[next[rule_group[r]]++] = static_cast<RuleIndex>(r);
        }
    }
    std::vector<std::uint32_t>().swap(rule_group);
    std::vector<std::pair<Guidance, std::uint32_t>> keys(group_of.begin(), group_of.end());
    std::unordered_map<Guidance, std::uint32_t, GuidanceHash>().swap(group_of);
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    // Each resolved activity's disagreements (the rules the resolved view
    // weighed against each other: one level of the activity tree, so
    // exceptions on kinds are not among them), then each group's durations:
    // independent tasks, on every core for a long protocol, each with its
    // own findings, returned in this order.
    const std::size_t tasks = c.resolved.size() + keys.size();
    std::vector<std::vector<Finding>> found(tasks);
    // A finding only restates another on its own activity or on a parent of
    // it (pruning.hpp), so each activity tree's findings are pruned as soon
    // as the tree's last task ends: what is dropped (on the 50 MB protocol,
    // half of 276,000) gives its memory back to the findings still to come,
    // instead of all of them being held until the end. A short protocol's
    // few findings are pruned at the end, with its gaps: pruning each tree
    // of a thousand short files cost 8% more instructions than it saved.
    const bool prune_trees = p.rules.size() >= parallel_threshold;
    std::vector<std::uint32_t> tree_of(prune_trees ? tasks : 0);
    std::vector<std::vector<std::vector<Finding>*>> tree_lists;
    if (prune_trees) {
        std::unordered_map<std::string_view, std::uint32_t> trees;
        for (std::size_t t = 0; t < tasks; ++t) {
            const std::string_view activity =
                t < c.resolved.size() ? c.resolved[t].activity.view() : std::get<0>(keys[t - c.resolved.size()].first).view();
            const auto [at, added] = trees.emplace(activity.substr(0, activity.find('.')), static_cast<std::uint32_t>(trees.size()));
            tree_of[t] = at->second;
        }
        tree_lists.resize(trees.size());
        for (std::size_t t = 0; t < tasks; ++t) tree_lists[tree_of[t]].push_back(&found[t]);
    }
    std::vector<std::atomic<std::size_t>> unfinished(tree_lists.size());
    for (std::size_t k = 0; k < tree_lists.size(); ++k) unfinished[k].store(tree_lists[k].size(), std::memory_order_relaxed);
    for_each_index(tasks, p.rules.size(), [&](std::size_t t) {
        if (t < c.resolved.size()) {
            disagreements_within(p, index, c.resolved[t], found[t]);
        } else {
            const auto& [key, group] = keys[t - c.resolved.size()];
            std::vector<Run> runs;
            runs.reserve(group_start[group + 1] - group_start[group]);
            for (std::uint32_t i = group_start[group]; i < group_start[group + 1]; ++i) {
                const Rule& rule = p.rules[grouped[i]];
                runs.push_back({grouped[i], static_cast<std::uint32_t>(index), rule.modality,
                                {rule.window->from, rule.window->to}, {}, true});
            }
            durations(runs, restrictive(std::get<2>(key)), false, std::get<0>(key), std::get<1>(key), found[t]);
        }
        // Held until its activity tree's findings are pruned: a list grown
        // by doubling held a third more than its findings (62 MB for 38 MB
        // on the 50 MB protocol).
        found[t].shrink_to_fit();
        if (prune_trees && unfinished[tree_of[t]].fetch_sub(1, std::memory_order_acq_rel) == 1) {
            prune_in_place(tree_lists[tree_of[t]]);
        }
    });
    return found;
}

std::vector<Finding> find_conflicts_across(const Analysed& protocols) {
    // Each protocol's resolved guidance, grouped by procedure, activity and
    // timeline: one pass finds each group's members by hashing; the groups
    // are then taken in the order of their names.
    struct Member {
        std::uint32_t protocol;
        std::span<const DaySegment> days;  // its resolved view's, in that protocol's memory
        const RuleIndex* lists;            // where the segments' rules are (ResolvedActivity::rule_lists)
    };
    struct Group {
        Name activity;
        Anchor anchor;
        std::vector<Member> members;  // in protocol order
        std::size_t segments = 0;     // of all members: counted while their views are at hand
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const noexcept {
            return std::hash<Name>{}(key.first) * 3 + static_cast<std::size_t>(key.second);
        }
    };
    struct Procedure {
        std::vector<Group> groups;
        std::unordered_map<Key, std::size_t, KeyHash> index;
    };
    std::map<std::string_view, Procedure> procedures;
    std::size_t work = 0;
    for (std::size_t index = 0; index < protocols.size(); ++index) {
        const Compilation& c = *protocols[index];
        Procedure& procedure = procedures[c.protocol.procedure];
        for (const ResolvedActivity& resolved : c.resolved) {
            const Key key{resolved.activity, resolved.anchor};
            const auto [at, fresh] = procedure.index.try_emplace(key, procedure.groups.size());
            if (fresh) procedure.groups.push_back(Group{resolved.activity, resolved.anchor, {}, 0});
            Group& group = procedure.groups[at->second];
            group.members.push_back({static_cast<std::uint32_t>(index), resolved.days, resolved.rule_lists.get()});
            group.segments += resolved.days.size();
            work += resolved.days.size();
        }
    }
    std::vector<const Group*> groups;
    for (auto& [name, procedure] : procedures) {
        std::sort(procedure.groups.begin(), procedure.groups.end(), [](const Group& a, const Group& b) {
            return std::tie(a.activity, a.anchor) < std::tie(b.activity, b.anchor);
        });
        for (const Group& group : procedure.groups) groups.push_back(&group);
    }

    // Each group on its own, on every core when there is much to compare:
    // its members' stances (a segment each) and runs (adjacent days on the
    // same side, restrictive or permissive, whatever mix of modalities they
    // have), then its disagreements and its durations. Every group's
    // disagreements come out first, then every group's durations.
    std::vector<std::vector<Finding>> disagreeing(groups.size()), lasting(groups.size());
    for_each_index(groups.size(), work, [&](std::size_t g) {
        const Group& group = *groups[g];
        // Its thread's lists, kept from group to group: a group of a thousand
        // clinics takes a megabyte or two of them, allocated and freed again
        // for each group when they were its own (about 2% of the 1M-rule
        // analysis).
        thread_local std::vector<Stance> stances;
        thread_local std::vector<Run> runs[2];  // permissive, restrictive
        stances.clear();
        stances.reserve(group.segments);  // and so never moves while runs point into it
        for (auto& some : runs) {
            some.clear();
            some.reserve(group.segments);
        }
        for (std::size_t m = 0; m < group.members.size(); ++m) {
            // Each member's segments are in their own protocol's memory: asked
            // for a few members ahead, so the cache misses overlap.
            if (m + 4 < group.members.size()) {
                const std::span<const DaySegment> ahead = group.members[m + 4].days;
                const char* start = reinterpret_cast<const char*>(ahead.data());
                for (std::size_t at = 0; at < std::min<std::size_t>(ahead.size_bytes(), 256); at += 64) {
                    __builtin_prefetch(start + at);
                }
            }
            const auto [index, days, lists] = group.members[m];
            for (const DaySegment& segment : days) {
                stances.push_back({index, segment.modality, {segment.from, segment.to}, segment.rules_in(lists), segment.on_self});
            }
            // This member's stances, just added: `stances` has room for the whole group, so they stay put.
            const Stance* const own = stances.data() + (stances.size() - days.size());
            std::size_t end = 0;
            for (std::size_t first = 0; first < days.size(); first = end) {
                Run run{index, index, days[first].modality, {days[first].from, days[first].to}, {}, days[first].on_self};
                for (end = first + 1; end < days.size(); ++end) {
                    const DaySegment& segment = days[end];
                    const bool adjacent = run.days.to && segment.from && *run.days.to + 1 == *segment.from;
                    if (!adjacent || restrictive(run.modality) != restrictive(segment.modality)) break;
                    run.days.to = segment.to;
                    run.on_self |= segment.on_self;
                    if (strictness(segment.modality) > strictness(run.modality)) run.modality = segment.modality;
                }
                run.segments = std::span<const Stance>(own + first, end - first);
                runs[restrictive(run.modality)].push_back(run);
            }
        }
        disagreements_across(stances, group.activity, group.anchor, disagreeing[g]);
        for (const bool restrictions : {false, true}) {
            durations(runs[restrictions], restrictions, true, group.activity, group.anchor, lasting[g]);
        }
    });
    std::vector<Finding> out;
    append_all_moved(out, disagreeing);
    append_all_moved(out, lasting);
    return out;
}

}  // namespace aftercare
