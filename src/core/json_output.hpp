// The compiled JSON that integrators read (docs/json.md, docs/aftercare.schema.json).
#pragma once

#include <nlohmann/json.hpp>

#include "protocol.hpp"
#include "resolve.hpp"

namespace aftercare {

// Bumped whenever the JSON's shape changes in a way a reader could notice.
inline constexpr const char* json_schema_id = "aftercare/protocol/1";

// Keys keep a fixed, readable order; the same protocol gives the same bytes.
nlohmann::ordered_json to_json(const Protocol& protocol, const std::vector<ResolvedActivity>& resolved);

// The text `aftercare compile` writes: two-space indent, a final newline.
std::string to_json_text(const Protocol& protocol, const std::vector<ResolvedActivity>& resolved);

}  // namespace aftercare
