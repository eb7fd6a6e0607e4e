// Plain-text tables for people: columns padded to their widest cell.
#pragma once

#include <string>
#include <vector>

#include "core/comparison.hpp"

namespace aftercare::cli {

// Rows of cells, the first row being the header; returns the lines.
std::string render_table(const std::vector<std::vector<std::string>>& rows);

// "forbid", "recommend 2..4 per day", or "-" when the protocol says nothing.
std::string cell_text(const std::optional<Cell>& cell);

// "day 3", "days 4..6", "days 31.."; the activity's timeline when not the session's.
std::string activity_heading(const ActivityComparison& activity);

}  // namespace aftercare::cli
