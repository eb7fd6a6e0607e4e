// One-line-per-fact forms of a diagnostic: plain text for logs and screen
// readers (no colour, no source excerpt, no caret), and GitHub Actions
// workflow commands, which show as annotations on a pull request.
#pragma once

#include <string>

#include "core/diagnostic.hpp"

namespace aftercare::cli {

std::string render_plain(const Diagnostic& diagnostic);
// file:line:col, or the file alone for a place without a line; appended to
// `out` (every text form of a diagnostic starts its lines so).
void append_where(std::string& out, const Location& location);
std::string render_github(const Diagnostic& diagnostic);

}  // namespace aftercare::cli
