// One-line-per-fact forms of a diagnostic: plain text for logs and screen
// readers (no colour, no source excerpt, no caret), and GitHub Actions
// workflow commands, which show as annotations on a pull request.
#pragma once

#include <string>

#include "core/diagnostic.hpp"

namespace aftercare::cli {

std::string render_plain(const Diagnostic& diagnostic);
std::string render_github(const Diagnostic& diagnostic);

}  // namespace aftercare::cli
