// Diagnostics as people read them: file:line:col: severity: message, the
// source line, a caret under the span, and the hint.
#pragma once

#include <string>
#include <vector>

#include "core/compiler.hpp"
#include "core/diagnostic.hpp"

namespace aftercare::cli {

std::string render_text(const Diagnostic& diagnostic, const SourceSet& sources, bool color);

}  // namespace aftercare::cli
