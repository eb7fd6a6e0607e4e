// Findings: where guidance disagrees or is missing, within one protocol or
// across several (docs/semantics.md). Each becomes a Diagnostic for output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler.hpp"
#include "day_sweep.hpp"
#include "diagnostic.hpp"
#include "protocol.hpp"
#include "rule_list.hpp"

namespace aftercare {

// "day 3", "days 4..6", "days 31 onwards", "the days up to day -1", "every day".
std::string describe_days(const DayRange& days);

struct FindingSide {
    // Index into the analysed protocols. 32 bits: a report across a thousand
    // clinics has near a million sides, and this keeps each to 48 bytes.
    std::uint32_t protocol = 0;
    Modality modality = Modality::allow;
    DayRange days;   // the side's own days (for a duration, its restriction)
    RuleList rules;  // indices into that protocol's rules, ascending
};

// What only some gaps say, kept apart from the findings that have none: a
// long protocol has a hundred thousand disagreements.
struct GapParts {
    std::vector<std::size_t> silent;  // protocols that say nothing (gap-coverage; gap-expected: the protocol)
    std::vector<std::string> alternatives;  // gap-expected: other activities that would have covered the topic
};

struct Finding {
    // contradiction, strength-mismatch, duration-mismatch, gap-days, gap-expected or gap-coverage: always
    // one of these literals, so a finding carries no text of its own until it is worded.
    std::string_view id;
    Severity severity = Severity::warning;
    bool across = false;  // between protocols, or within one
    Anchor anchor = Anchor::session;
    Name activity;
    std::vector<DayRange> days;  // the days concerned (several for a duration mismatch)
    std::vector<FindingSide> sides;
    std::shared_ptr<const GapParts> gap;  // a gap-coverage's or gap-expected's

    std::span<const std::size_t> silent() const {
        return gap ? std::span<const std::size_t>(gap->silent) : std::span<const std::size_t>();
    }
    std::span<const std::string> alternatives() const {
        return gap ? std::span<const std::string>(gap->alternatives) : std::span<const std::string>();
    }
};

// The protocols one analysis looks at, as compiled; only those without errors.
using Analysed = std::vector<const Compilation*>;

// Sorted by activity, timeline, first day and id, so output never depends on
// the order of discovery.
void sort_findings(std::vector<Finding>& findings);

Severity severity_of(std::string_view id);

// How findings and tables name a protocol: its file name without folder or ".care".
std::string short_name(const Protocol& protocol);

Diagnostic to_diagnostic(const Finding& finding, const Analysed& protocols);
// The same, written over `into`, whose strings and notes keep their room: a
// report words thousands of findings one after another.
void to_diagnostic(const Finding& finding, const Analysed& protocols, Diagnostic& into);
// Where to_diagnostic puts it, without wording it: the first rule it names,
// or the silent protocol's file.
Location finding_location(const Finding& finding, const Analysed& protocols);

}  // namespace aftercare
