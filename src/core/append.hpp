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

// Moves every element of each list in `parts`, in order, to the end of
// `into`, which grows once to the exact size: grown by doubling, a long
// protocol's findings took twice their size while joined and kept the
// slack to the end.
template <typename T>
void append_all_moved(std::vector<T>& into, std::vector<std::vector<T>>& parts) {
    std::size_t total = into.size();
    for (const std::vector<T>& part : parts) total += part.size();
    into.reserve(total);
    for (std::vector<T>& part : parts) append_moved(into, part);
}

// Appends a whole number's digits to `out`: reports write millions of line
// numbers and days, and formatting each through fmt's output iterator cost
// several times the digits.
inline void append_number(std::string& out, long long number) {
    const fmt::format_int digits(number);
    out.append(digits.data(), digits.size());
}

}  // namespace aftercare
