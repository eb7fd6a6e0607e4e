// Joining results that were made apart (per file, per piece, per task) into
// one list, in order, without copying them.
#pragma once

#include <iterator>
#include <vector>

namespace aftercare {

// Moves every element of `from` to the end of `into`; `from` is left empty.
template <typename T>
void append_moved(std::vector<T>& into, std::vector<T>& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from = {};
}

}  // namespace aftercare
