#include "diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace aftercare {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
    }
    return "error";
}

Diagnostic make_diagnostic(Severity severity, std::string code, const SourceFile& file, Span span,
                           std::string message, std::string hint) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::move(code);
    d.message = std::move(message);
    d.location = file.locate(span);
    d.hint = std::move(hint);
    return d;
}

Diagnostic make_file_diagnostic(Severity severity, std::string code, const SourceFile& file, std::string message,
                                std::string hint) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::move(code);
    d.message = std::move(message);
    d.location.file = file.name();
    d.hint = std::move(hint);
    return d;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return print_order(a.location, a.code) < print_order(b.location, b.code);
    });
}

}  // namespace aftercare
