// Joining results that were made apart (per file, per piece, per task) into
// one list, in order, without copying them; and writing a number onto text.
#pragma once

#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace aftercare {

// Moves every element of `from` to the end of `into`; `from` is left empty.
template <typename T>
void append_moved(std::vector<T>& into, std::vector<T>& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from = {};
}

// Appends a whole number's digits to `out`: reports write millions of line
// numbers and days, and formatting each through fmt's output iterator cost
// several times the digits.
inline void append_number(std::string& out, long long number) {
    const fmt::format_int digits(number);
    out.append(digits.data(), digits.size());
}

}  // namespace aftercare
