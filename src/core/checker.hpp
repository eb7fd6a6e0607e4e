// Syntax tree + vocabulary -> checked protocol, with every semantic problem
// found in one pass (nothing stops at the first).
#pragma once

#include <vector>

#include "diagnostic.hpp"
#include "protocol.hpp"
#include "source.hpp"
#include "syntax.hpp"
#include "vocabulary.hpp"

namespace aftercare {

// What lines that failed to parse may have defined. Their absence is then
// not reported (no "missing title" when the title line has a syntax error),
// so each mistake is reported once.
struct BrokenLines {
    bool header = false;  // a protocol, procedure or source line
    bool names = false;   // a milestone or phase line

    static BrokenLines from(const std::vector<std::string>& failed_statements);
};

struct CheckResult {
    Protocol protocol;
    std::vector<Diagnostic> diagnostics;
};

// `vocabulary` may be null when none could be imported; names are then kept
// as written and not checked (the import problem is reported by the caller).
CheckResult check_protocol(const SourceFile& file, const syntax::Document& document, const Vocabulary* vocabulary,
                           const BrokenLines& broken = {});

// Days larger than this (about a century) are taken as typing mistakes.
inline constexpr int max_day = 36500;
// No limit (minutes, times, SPF) in aftercare care needs more.
inline constexpr int max_limit = 10000;

}  // namespace aftercare
