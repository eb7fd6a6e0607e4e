// The formatter: one canonical layout for a parsed file, keeping every
// comment, quote and note, and meaning exactly what the original meant.
#pragma once

#include <string>

#include "source.hpp"
#include "syntax.hpp"

namespace aftercare {

// The canonical text of a file that parsed without syntax errors: keywords in
// lower case, single spaces, quote/note/when lines indented under their
// statement, at most one blank line in a row, comments where they were
// (a comment after a statement stays after it).
std::string format_document(const SourceFile& file, const syntax::Document& document);

}  // namespace aftercare
