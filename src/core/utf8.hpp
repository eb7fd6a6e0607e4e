// Protocols are UTF-8 text; anything else is reported, never passed on to
// JSON (which must be valid UTF-8).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace aftercare {

// The offset of the first byte that does not begin a well-formed UTF-8
// sequence (overlong forms and surrogates included), or nothing.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace aftercare
