// Machine-readable forms of the diagnostic model: aftercare's own JSON and
// SARIF 2.1.0 (docs/ci.md). Text forms live with the command line.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostic.hpp"

namespace aftercare {

// What one run reported: the files it read (in order) and every diagnostic.
struct Report {
    std::vector<std::string> files;
    std::vector<Diagnostic> diagnostics;
};

nlohmann::ordered_json report_json(const Report& report);
nlohmann::ordered_json report_sarif(const Report& report, const std::string& version);

}  // namespace aftercare
