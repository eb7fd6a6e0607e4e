// "Did you mean …?": the closest known word to a misspelt one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftercare {

// Edit distance counting insertions, deletions, substitutions and swaps of
// neighbours, ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is near enough to be a typo (about
// one edit in three characters). Ties go to the earlier candidate.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace aftercare

namespace aftercare {
// Words are matched without regard to ASCII case.
std::string to_lower(std::string_view word);
// The same, without a copy when `word` is in lower case already; otherwise
// written into `buffer`, which the result then views.
std::string_view lowered(std::string_view word, std::string& buffer);
}  // namespace aftercare
