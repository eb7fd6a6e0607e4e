#include "render_lines.hpp"

#include <fmt/format.h>

#include "core/append.hpp"

namespace aftercare::cli {

void append_where(std::string& out, const Location& l) {
    out += l.file;
    if (!l.line) return;
    out += ':';
    append_number(out, l.line);
    out += ':';
    append_number(out, l.column);
}

namespace {

std::string where(const Location& l) {
    std::string out;
    append_where(out, l);
    return out;
}

// Workflow command data: %, CR and LF are escaped; in properties also : and ,.
std::string escape(const std::string& text, bool property) {
    std::string out;
    for (const char c : text) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

}  // namespace

// Appended piece by piece into one string: a long report has millions of notes.
std::string render_plain(const Diagnostic& d) {
    // Room for all of it at once (a place's numbers take at most 22
    // characters): a finding across clinics can have hundreds of notes, and
    // growing the string as it goes copied it several times.
    constexpr std::size_t place = 22;
    std::size_t size = d.location.file.view().size() + place + d.message.size() + d.code.size() + d.hint.size() + 32;
    for (const RelatedLocation& r : d.related) {
        size += r.location.file.view().size() + place + r.message.size() + 12;
        for (const std::string_view q : r.quotes()) size += q.size() + 14;
    }
    std::string out;
    out.reserve(size);
    append_where(out, d.location);
    out += ": ";
    out += to_string(d.severity);
    out += ": ";
    out += d.message;
    out += " [";
    out += d.code;
    out += "]\n";
    if (!d.hint.empty()) {
        out += "  hint: ";
        out += d.hint;
        out += '\n';
    }
    for (const RelatedLocation& r : d.related) {
        out += "  note: ";
        append_where(out, r.location);
        out += ": ";
        out += r.message;
        out += '\n';
        for (const std::string_view q : r.quotes()) {
            out += "    quote: \"";
            out += q;
            out += "\"\n";
        }
    }
    return out;
}

std::string render_github(const Diagnostic& d) {
    const char* command = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "notice";
    std::string properties = "file=" + escape(d.location.file, true);
    if (d.location.line) {
        properties += fmt::format(",line={},col={}", d.location.line, d.location.column);
        if (d.location.end_line == d.location.line && d.location.end_column > d.location.column) {
            properties += fmt::format(",endLine={},endColumn={}", d.location.end_line, d.location.end_column);
        }
    }
    properties += ",title=" + escape("aftercare " + d.code, true);
    std::string message = d.message;
    if (!d.hint.empty()) message += "\n" + d.hint;
    for (const RelatedLocation& r : d.related) {
        message += '\n';  // appended piece by piece: g++ 12 -O3 warns (-Wrestrict) on "\n" + string
        message += where(r.location);
        message += ": ";
        message += r.message;
        for (const std::string_view q : r.quotes()) {
            message += " \"";
            message += q;
            message += '"';
        }
    }
    return fmt::format("::{} {}::{}\n", command, properties, escape(message, false));
}

}  // namespace aftercare::cli
