// Compiled JSON back to canonical protocol text: `aftercare decompile`.
#pragma once

#include <string>
#include <optional>

#include <nlohmann/json.hpp>

namespace aftercare {

// The protocol's text in the formatter's canonical layout, or a sentence
// saying why the JSON is not a compiled protocol. Comments are not in the
// JSON and do not come back; everything that decides what the protocol
// means does, so compiling the text gives the same rules.
struct DecompileResult {
    std::optional<std::string> text;
    std::string error;
};
DecompileResult decompile(const nlohmann::json& compiled);

}  // namespace aftercare
