// The resolved day-by-day view: for each activity and timeline, which
// guidance applies on which days, so integrators never re-implement the
// language's precedence rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "protocol.hpp"
#include "vocabulary.hpp"

namespace aftercare {

struct DaySegment {
    OptionalDay from;  // absent: open towards the days before
    OptionalDay to;    // absent: open onwards
    Modality modality = Modality::allow;
    // What the findings ask of a segment, kept here so they need not visit
    // its rules: whether they are on the activity itself (not inherited from
    // a parent), and which modalities they have (bit 1 << Modality).
    bool on_self = false;
    std::uint8_t modalities = 0;
    RuleIndex decider = 0;  // the rule that decided the modality (its limit is the day's)
    // Its rules, ascending, are these in its activity's store (rules_of):
    // two numbers instead of a span, 8 bytes of a million segments.
    std::uint32_t rules_from = 0, rules_count = 0;

    std::span<const RuleIndex> rules_in(const RuleIndex* store) const { return {store + rules_from, rules_count}; }
};

struct ResolvedActivity {
    Name activity;
    Anchor anchor = Anchor::session;
    std::vector<DaySegment> days;  // ascending, non-overlapping; days without guidance are absent
    // Rules on this activity or a parent that apply only in a circumstance (a
    // `when` condition) or up to or from an undated milestone: no day is
    // certain for them, so they decide no day above.
    std::vector<RuleIndex> conditional;
    // The first of all the rules it weighs, those above and those in
    // `conditional`: where the analysis across clinics finds the first rule
    // each protocol has on a topic without reading every rule.
    RuleIndex first_rule = 0;
    // Where the segments' rule lists are kept: one store for the activity's
    // segments, shared by any copies of it, so a segment costs no allocation
    // of its own.
    std::shared_ptr<const RuleIndex[]> rule_lists;

    std::span<const RuleIndex> rules_of(const DaySegment& segment) const { return segment.rules_in(rule_lists.get()); }
};

// Only rules without a `when` condition or an undated milestone decide days. Precedence, on one day: the rules on the most specific activity (a kind over
// its parent) win; among those, the strictest: forbid, avoid, require,
// recommend, allow. Covers every activity a rule names and every kind below
// it in the vocabulary (which inherits the parent's rules). Sorted by
// activity, then timeline.
std::vector<ResolvedActivity> resolve(const Protocol& protocol, const Vocabulary* vocabulary);

// Higher is stricter; used to pick one modality among rules of equal specificity.
int strictness(Modality modality);

}  // namespace aftercare
