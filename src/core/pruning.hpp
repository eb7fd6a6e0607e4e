// Pruning findings that only restate another: a kind's that says what its
// parent's does, and a duration mismatch inside a contradiction on the same
// activity (docs/semantics.md). Both compare findings on one activity or on
// a kind and its parent, so any set of findings that holds every finding of
// the activity trees it touches is pruned as all findings together would be.
#pragma once

#include <span>
#include <vector>

#include "findings.hpp"

namespace aftercare {

// The findings of `lists` that are kept, moved into one list of its size,
// in the lists' order; the lists are left empty.
std::vector<Finding> pruned(std::vector<std::vector<Finding>> lists);

// The same, with what is kept left in each list, in its order, and each list
// trimmed to its size: the dropped findings' memory is given back as soon as
// a group is complete, for the findings still to come.
void prune_in_place(std::span<std::vector<Finding>* const> lists);

}  // namespace aftercare
