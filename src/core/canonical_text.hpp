// The canonical spelling of the language's pieces, shared by the formatter
// (from a syntax tree) and decompile (from compiled JSON), so both write the
// same text for the same thing.
#pragma once

#include <string>
#include <string_view>

namespace aftercare {

// "text" with " and \ escaped, as the grammar reads them back.
std::string text_literal(std::string_view text);

// How a statement's attribute line is indented under it.
inline constexpr std::string_view attribute_indent = "  ";

}  // namespace aftercare
