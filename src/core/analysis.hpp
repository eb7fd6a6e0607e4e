// Finding disagreements and gaps (docs/semantics.md): within each protocol,
// and across protocols of the same procedure.
#pragma once

#include <vector>

#include "findings.hpp"

namespace aftercare {

// Everything: within each protocol, then across them. Sorted.
std::vector<Finding> analyse(const Analysed& protocols);

// The same findings, kept apart as a report shows them: each protocol's own
// (by index into `protocols`), then those across protocols, each list in
// the order analyse() gives its findings. Sorting each list on its own, in
// parallel, spares a report of a thousand files a sort of all of them.
struct FindingsByProtocol {
    std::vector<std::vector<Finding>> within;
    std::vector<Finding> across;
};
FindingsByProtocol analyse_by_protocol(const Analysed& protocols);

// The parts, for tests and for commands that need only some. A protocol's
// own conflicts come as the lists of their tasks (in order; one list each),
// so pruning never holds them joined as well; a long protocol's lists are
// pruned already, each tree of activities as its last task ends
// (pruning.hpp), and pruning them again drops nothing more.
std::vector<std::vector<Finding>> find_conflicts_within(const Analysed& protocols, std::size_t index);
std::vector<Finding> find_conflicts_across(const Analysed& protocols);
std::vector<Finding> find_gaps_within(const Analysed& protocols, std::size_t index);
std::vector<Finding> find_coverage_gaps(const Analysed& protocols);

}  // namespace aftercare
