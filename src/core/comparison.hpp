// Side by side: what each protocol says about each activity, day by day.
// `aftercare diff` (two protocols) and `aftercare compare` (any number) are
// views of this one table.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "findings.hpp"

namespace aftercare {

// One protocol's guidance over a row's days, or nothing.
struct Cell {
    Modality modality = Modality::allow;
    const Quantity* quantity = nullptr;  // the deciding rule's limit, in that protocol's LineStore
    std::vector<std::size_t> rules;  // indices into that protocol's rules
};

struct ComparisonRow {
    DayRange days;
    std::vector<std::optional<Cell>> cells;  // one per protocol; absent: it says nothing

    // "agree": every protocol says the same (modality and limit); "partial":
    // those that speak agree but some say nothing; "differ": two disagree.
    std::string agreement() const;
    // The strictest guidance any protocol gives (forbid, avoid, require, recommend, allow).
    std::optional<Modality> strictest() const;
};

struct ActivityComparison {
    std::string activity;
    Anchor anchor = Anchor::session;
    std::vector<ComparisonRow> rows;  // ascending days; days on which no protocol speaks are absent
};

// Activities that a rule of any protocol names, each with the rows where
// the protocols' resolved guidance changes. Sorted by activity and timeline.
std::vector<ActivityComparison> compare_protocols(const Analysed& protocols);

// Only the rows where two protocols differ, and the activities only one names.
struct ProtocolDiff {
    std::vector<ActivityComparison> activities;  // rows where a and b differ
    std::vector<std::string> only_in_a;          // activities only the first names
    std::vector<std::string> only_in_b;
};
ProtocolDiff diff_protocols(const Compilation& a, const Compilation& b);

nlohmann::ordered_json comparison_to_json(const Analysed& protocols, const std::vector<ActivityComparison>& table);
nlohmann::ordered_json diff_to_json(const Compilation& a, const Compilation& b, const ProtocolDiff& diff);

}  // namespace aftercare
