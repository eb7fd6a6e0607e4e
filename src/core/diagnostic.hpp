// The one diagnostic model every output format renders.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "source.hpp"

namespace aftercare {

enum class Severity { error, warning, info };

std::string_view to_string(Severity severity);

// Another place a finding involves, such as the other side of a conflict.
struct RelatedLocation {
    Location location;
    std::string message;
    // The source's own words, for findings: views of the texts of the rule
    // they come from, since a report can show a hundred thousand of them;
    // `keeps` holds those texts (its protocol's LineStore) alive.
    std::span<const std::string_view> quoted;
    std::shared_ptr<const void> keeps;

    std::span<const std::string_view> quotes() const { return quoted; }
};

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     // stable id, e.g. "syntax" or "unknown-activity"
    std::string message;  // what is wrong, one sentence
    Location location;
    std::string hint;     // how to fix it; may be empty
    std::vector<RelatedLocation> related;
};

Diagnostic make_diagnostic(Severity severity, std::string code, const SourceFile& file, Span span,
                           std::string message, std::string hint = {});

// A problem with the file as a whole (something missing): no line, no caret.
Diagnostic make_file_diagnostic(Severity severity, std::string code, const SourceFile& file, std::string message,
                                std::string hint = {});

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// Sorted by file, line, column, then code: the order people and tools expect.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);
// That order's key, for whatever is put in it before it is a Diagnostic.
inline std::tuple<const std::string&, std::uint32_t, std::uint32_t, std::string_view> print_order(
    const Location& location, std::string_view code) {
    return {location.file, location.line, location.column, code};
}

}  // namespace aftercare
