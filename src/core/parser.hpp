// Text in, syntax tree and syntax errors out. The only place PEGTL is used.
#pragma once

#include <cstddef>
#include <vector>

#include "diagnostic.hpp"
#include "source.hpp"
#include "syntax.hpp"

namespace aftercare {

struct ParseResult {
    syntax::Document document;
    std::vector<Diagnostic> diagnostics;  // syntax errors; parsing resumes at the next line
    // The first word of each line that failed ("milestone", "day", …), so
    // later stages can tell what a broken line might have defined.
    std::vector<std::string> failed_statements;
};

// Stops reporting after this many syntax errors in one file, so a binary or
// garbage file gives a short answer rather than a screen per line.
inline constexpr std::size_t max_syntax_errors = 50;

ParseResult parse(const SourceFile& file);

// About how many bytes of a protocol make a rule: how much work a text is
// reckoned to be before it is parsed (parallel.hpp counts work in rules).
inline constexpr std::size_t bytes_per_rule = 50;

}  // namespace aftercare
