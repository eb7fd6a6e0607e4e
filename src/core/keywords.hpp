// The language's fixed words, for messages and for turning keywords into values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax.hpp"

namespace aftercare {

std::optional<syntax::Modality> modality_from_keyword(std::string_view word);
std::string_view keyword_of(syntax::Modality modality);
// -2 forbid, -1 avoid, 0 allow, 1 recommend, 2 require.
int strength_of(syntax::Modality modality);

std::string_view keyword_of(syntax::Anchor anchor);

// Words that may start a statement, sorted.
const std::vector<std::string>& statement_keywords();

}  // namespace aftercare
