// A unified diff of two texts, for `aftercare fmt --diff`.
#pragma once

#include <string>

namespace aftercare::cli {

// `--- old_name` / `+++ new_name` and hunks with three lines of context;
// empty when the texts are equal.
std::string unified_diff(const std::string& old_text, const std::string& new_text, const std::string& old_name,
                         const std::string& new_name);

}  // namespace aftercare::cli
