// Every problem and finding aftercare reports, by its stable id, with the
// help that SARIF, JSON and the docs show for it.
#pragma once

#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace aftercare {

struct RuleInfo {
    std::string_view id;
    Severity severity;
    std::string_view title;  // one line
    std::string_view help;   // what it means and how to fix it
    std::string_view doc;    // where the docs explain it, relative to the repository
};

// Sorted by id.
const std::vector<RuleInfo>& rule_catalog();
const RuleInfo* find_rule(std::string_view id);

}  // namespace aftercare
