#include "resolve.hpp"

#include "day_sweep.hpp"
#include "name_table.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

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

// What the sweep needs of a rule, packed together: the rules themselves are
// large and a long protocol's do not fit in the cache, while each activity's
// sweep visits its rules (and its parents') in index order.
struct RuleFacts {
    DayRange days;
    Modality modality;
    int depth;  // in the activity tree: a kind's rules win over its parent's
    bool decides;  // no `when` condition and no undated end: it decides days
};

// Sweeps one activity's rules into segments. Its buffers are its thread's,
// kept between activities and between protocols; the activity keeps exact
// copies, so it costs three allocations however its lists grew.
class Sweeper {
public:
    explicit Sweeper(const std::vector<RuleFacts>& facts) : facts_(facts) {}

    // Fills `activity`'s segments from `rules` (ascending), those that decide its days.
    void sweep(std::span<const RuleIndex> rules, ResolvedActivity& activity) {
        own_depth_ = Vocabulary::depth(activity.activity.view());  // its own rules are the deepest
        lists_.clear();
        places_.clear();
        segments_.clear();
        windows_.clear();
        // What each segment asks of its rules is copied here once, beside
        // the others: read from the protocol's facts at every segment, each
        // was a cache miss on a long protocol.
        weighed_.clear();
        for (const RuleIndex r : rules) {
            const RuleFacts& facts = facts_[r];
            windows_.push_back(facts.days);
            weighed_.push_back({r, facts.depth, facts.modality});
        }
        day_events(windows_, events_);
        active_.clear();  // places in `rules`, ascending, and so in rule order; few at a time
        for (std::size_t i = 0; i < events_.size();) {
            const long long day = events_[i].day;
            for (; i < events_.size() && events_[i].day == day; ++i) {
                const std::uint32_t place = static_cast<std::uint32_t>(events_[i].index);
                const auto at = std::lower_bound(active_.begin(), active_.end(), place);
                if (events_[i].starts) active_.insert(at, place);
                else active_.erase(at);
            }
            if (active_.empty() || i == events_.size()) continue;
            const long long next = events_[i].day;  // this segment is [day, next)
            decide(day, next);
        }
        // One allocation holds the lists and what counts their users.
        std::shared_ptr<RuleIndex[]> store;
        if (!lists_.empty()) {
            store = std::make_shared<RuleIndex[]>(lists_.size());
            std::copy(lists_.begin(), lists_.end(), store.get());
        }
        activity.days.assign(segments_.begin(), segments_.end());
        for (std::size_t s = 0; s < segments_.size(); ++s) {
            activity.days[s].rules_from = static_cast<std::uint32_t>(places_[s].offset);
            activity.days[s].rules_count = static_cast<std::uint32_t>(places_[s].count);
        }
        activity.rule_lists = std::move(store);
    }

private:
    // The segment [day, next) with the rules now active, joined to the one
    // before when nothing changes at this boundary.
    void decide(long long day, long long next) {
        std::vector<DaySegment>& out = segments_;
        int deepest = -1;
        for (const std::uint32_t place : active_) deepest = std::max(deepest, weighed_[place].depth);
        deciding_.clear();
        Modality modality = Modality::allow;
        RuleIndex decider = 0;
        int strictest = -1;
        std::uint8_t modalities = 0;
        for (const std::uint32_t place : active_) {
            const Weighed& w = weighed_[place];
            if (w.depth != deepest) continue;
            deciding_.push_back(w.rule);
            const Modality m = w.modality;
            modalities |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(m));
            if (strictness(m) > strictest) {  // the first of equals decides
                strictest = strictness(m);
                modality = m;
                decider = w.rule;
            }
        }
        std::optional<int> from, to;
        if (day != open_before) from = static_cast<int>(day);
        if (next != open_after) to = static_cast<int>(next - 1);
        if (!out.empty() && out.back().to && from && *out.back().to + 1 == *from && out.back().modality == modality &&
            std::equal(deciding_.begin(), deciding_.end(), lists_.begin() + static_cast<std::ptrdiff_t>(places_.back().offset),
                       lists_.begin() + static_cast<std::ptrdiff_t>(places_.back().offset + places_.back().count))) {
            out.back().to = to;
            return;
        }
        places_.push_back({lists_.size(), deciding_.size()});
        lists_.insert(lists_.end(), deciding_.begin(), deciding_.end());
        out.push_back(DaySegment{from, to, modality, deepest == own_depth_, modalities, decider, {}});
    }

    // Where a segment's rules are in lists_: its span is set once lists_ is copied.
    struct Place {
        std::size_t offset, count;
    };
    // A rule of the activity being swept, as segments weigh it.
    struct Weighed {
        RuleIndex rule;
        int depth;
        Modality modality;
    };

    const std::vector<RuleFacts>& facts_;
    static inline thread_local std::vector<DaySegment> segments_;
    static inline thread_local std::vector<RuleIndex> lists_;  // every segment's rules, one after another
    static inline thread_local std::vector<Place> places_;
    static inline thread_local std::vector<DayRange> windows_;
    static inline thread_local std::vector<DayEvent> events_;
    static inline thread_local std::vector<Weighed> weighed_;  // by place in the activity's rules
    static inline thread_local std::vector<std::uint32_t> active_;
    static inline thread_local std::vector<RuleIndex> deciding_;
    int own_depth_ = 0;
};

constexpr Anchor timelines[] = {Anchor::session, Anchor::final_session, Anchor::between_sessions};

// What resolve works in, kept by each thread between protocols: a folder of
// a thousand small protocols made and freed a dozen lists for each. A long
// protocol's are given back when it is resolved, so they add nothing to the
// peak of what follows.
struct ResolveBuffers {
    std::vector<RuleFacts> facts;
    NameTable place_of;  // each activity's place among those the protocol names
    std::vector<std::uint32_t> slot_of, slot_begin, next;
    std::vector<RuleIndex> grouped, deciding, rules;
    std::vector<Name> activities;
    std::vector<std::pair<std::uint32_t, Name>> by_order;
    std::vector<std::size_t> deciding_end;
};

}  // namespace

std::vector<ResolvedActivity> resolve(const Protocol& protocol, const Vocabulary* vocabulary) {
    static thread_local ResolveBuffers work;
    const std::vector<Rule>& all = protocol.rules;
    std::vector<RuleFacts>& facts = work.facts;
    facts.clear();
    facts.reserve(all.size());
    for (const Rule& rule : all) {
        facts.push_back({{rule.window->from, rule.window->to}, rule.modality, Vocabulary::depth(rule.activity.view()),
                         rule.conditions().empty() && !rule.window->undated()});
    }
    // Rules by activity and timeline, in rule order, placed in one list by
    // counting: a map of lists cost a small protocol more allocations than
    // all its other resolving, and sorting a long one's rules takes longer.
    struct Named {  // one activity's rules in `grouped`, by timeline
        Name activity;
        std::array<std::span<const RuleIndex>, 3> rules;
        std::uint32_t order = 0;  // its place in the vocabulary's order of ids (see below)
    };
    std::vector<Named> named;
    work.place_of.clear();
    std::vector<std::uint32_t>& slot_of = work.slot_of;  // rule -> its activity's place * 3 + timeline
    slot_of.resize(all.size());
    for (RuleIndex r = 0; r < all.size(); ++r) {
        const auto [place, added] = work.place_of.try_emplace(all[r].activity, static_cast<std::uint32_t>(named.size()));
        if (added) named.push_back(Named{all[r].activity, {}});
        slot_of[r] = place * 3 + static_cast<std::uint32_t>(all[r].window->anchor);
    }
    std::vector<std::uint32_t>& slot_begin = work.slot_begin;
    slot_begin.assign(named.size() * 3 + 1, 0);
    for (const std::uint32_t slot : slot_of) ++slot_begin[slot + 1];
    for (std::size_t k = 1; k < slot_begin.size(); ++k) slot_begin[k] += slot_begin[k - 1];
    std::vector<RuleIndex>& grouped = work.grouped;
    grouped.resize(all.size());
    work.next.assign(slot_begin.begin(), slot_begin.end() - 1);
    for (RuleIndex r = 0; r < all.size(); ++r) grouped[work.next[slot_of[r]]++] = r;
    for (std::size_t n = 0; n < named.size(); ++n) {
        for (std::size_t t = 0; t < 3; ++t) {
            const std::size_t begin = slot_begin[n * 3 + t], end = slot_begin[n * 3 + t + 1];
            named[n].rules[t] = std::span<const RuleIndex>(grouped).subspan(begin, end - begin);
        }
    }
    // By name: through the vocabulary's order of its ids when it knows every
    // activity named (as it does for a protocol without errors), which
    // compares numbers instead of texts; a thousand small protocols spent a
    // tenth of resolving on comparing names.
    bool ordered = vocabulary != nullptr;
    for (Named& n : named) {
        const std::uint32_t* order = ordered ? vocabulary->order_of(n.activity) : nullptr;
        if (!order) ordered = false;
        else n.order = *order;
    }
    if (ordered) std::sort(named.begin(), named.end(), [](const Named& a, const Named& b) { return a.order < b.order; });
    else std::sort(named.begin(), named.end(), [](const Named& a, const Named& b) { return a.activity < b.activity; });
    auto find_named = [&](std::string_view id) -> const Named* {
        const auto it = std::lower_bound(named.begin(), named.end(), id,
                                         [](const Named& n, std::string_view text) { return n.activity.view() < text; });
        return it != named.end() && it->activity.view() == id ? &*it : nullptr;
    };
    // Which activities to resolve: those named, and the kinds below them; by name.
    std::vector<Name>& activities = work.activities;
    activities.clear();
    if (ordered) {
        std::vector<std::pair<std::uint32_t, Name>>& by_order = work.by_order;
        by_order.clear();
        for (const Named& n : named) {
            for (const Name kind : vocabulary->with_kinds(n.activity)) by_order.emplace_back(*vocabulary->order_of(kind), kind);
        }
        std::sort(by_order.begin(), by_order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t i = 0; i < by_order.size(); ++i) {
            if (i == 0 || by_order[i].first != by_order[i - 1].first) activities.push_back(by_order[i].second);
        }
    } else {
        for (const Named& n : named) {
            activities.push_back(n.activity);
            if (!vocabulary) continue;
            const std::vector<Name>& kinds = vocabulary->with_kinds(n.activity);
            activities.insert(activities.end(), kinds.begin(), kinds.end());
        }
        std::sort(activities.begin(), activities.end());
        activities.erase(std::unique(activities.begin(), activities.end()), activities.end());
    }
    // Each activity collects its own rules and its parents' ("wash.rinse", "wash").
    std::vector<ResolvedActivity> out;
    out.reserve(activities.size());
    std::vector<RuleIndex>& deciding = work.deciding;  // the rules that decide days, for each entry of `out` in turn
    deciding.clear();
    std::vector<std::size_t>& deciding_end = work.deciding_end;  // by entry of `out`: where its rules in `deciding` end
    deciding_end.clear();
    std::vector<RuleIndex>& rules = work.rules;
    std::vector<const Named*> lines;
    for (const Name activity : activities) {
        lines.clear();
        for (std::string_view id = activity.view();;) {
            if (const Named* n = find_named(id)) lines.push_back(n);
            const auto dot = id.rfind('.');
            if (dot == std::string_view::npos) break;
            id = id.substr(0, dot);
        }
        for (const Anchor anchor : timelines) {
            rules.clear();
            for (const Named* line : lines) {
                const auto own = line->rules[static_cast<std::size_t>(anchor)];
                rules.insert(rules.end(), own.begin(), own.end());
            }
            if (rules.empty()) continue;
            if (lines.size() > 1) std::sort(rules.begin(), rules.end());
            ResolvedActivity& entry = out.emplace_back(ResolvedActivity{activity, anchor, {}, {}, rules.front(), nullptr});
            for (const RuleIndex r : rules) {
                if (facts[r].decides) deciding.push_back(r);
                else entry.conditional.push_back(r);
            }
            deciding_end.push_back(deciding.size());
        }
    }
    // The sweeps are independent: on every core for a long protocol.
    for_each_index(out.size(), deciding.size(), [&](std::size_t i) {
        const std::size_t begin = i == 0 ? 0 : deciding_end[i - 1];
        Sweeper(facts).sweep(std::span<const RuleIndex>(deciding).subspan(begin, deciding_end[i] - begin), out[i]);
    });
    if (all.size() >= parallel_threshold) work = ResolveBuffers{};
    return out;
}

}  // namespace aftercare
