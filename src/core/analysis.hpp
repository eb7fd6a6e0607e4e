// Finding disagreements and gaps (docs/semantics.md): within each protocol,
// and across protocols of the same procedure.
#pragma once

#include <vector>

#include "findings.hpp"

namespace aftercare {

// Everything: within each protocol, then across them. Sorted.
std::vector<Finding> analyse(const Analysed& protocols);

// The parts, for tests and for commands that need only some.
std::vector<Finding> find_conflicts_within(const Analysed& protocols, std::size_t index);
std::vector<Finding> find_conflicts_across(const Analysed& protocols);
std::vector<Finding> find_gaps_within(const Analysed& protocols, std::size_t index);
std::vector<Finding> find_coverage_gaps(const Analysed& protocols);

}  // namespace aftercare
