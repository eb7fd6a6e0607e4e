#include "render_text.hpp"

#include <fmt/format.h>

namespace aftercare::cli {

namespace {

struct Style {
    bool on;
    std::string paint(std::string_view code, std::string_view text) const {
        return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
    }
};

std::string_view severity_color(Severity severity) {
    switch (severity) {
        case Severity::error: return "1;31";
        case Severity::warning: return "1;35";
        case Severity::info: return "1;36";
    }
    return "1";
}

std::string location_text(const Location& l) {
    return l.line ? fmt::format("{}:{}:{}", l.file, l.line, l.column) : l.file;
}

// The line, then spaces (tabs where the line has tabs) and ^~~~ under the span.
void show_source(std::string& out, const Location& l, const SourceSet& sources, const Style& style) {
    const SourceFile* file = sources.find(l.file);
    if (!file || l.line == 0) return;
    const std::string_view line = file->line_text(l.line);
    const std::string number = std::to_string(l.line);
    const std::string gutter(number.size(), ' ');
    out += fmt::format(" {} | {}\n", number, line);

    std::string pad;
    std::uint32_t column = 1;
    std::size_t byte = 0;
    for (; byte < line.size() && column < l.column; ++byte) {
        const unsigned char c = static_cast<unsigned char>(line[byte]);
        if ((c & 0xC0) == 0x80) continue;
        pad += c == '\t' ? '\t' : ' ';
        ++column;
    }
    std::uint32_t width = 1;
    if (l.end_line == l.line && l.end_column > l.column) width = l.end_column - l.column;
    else if (l.end_line > l.line) {
        std::uint32_t rest = 0;
        for (; byte < line.size(); ++byte) {
            if ((static_cast<unsigned char>(line[byte]) & 0xC0) != 0x80) ++rest;
        }
        width = std::max<std::uint32_t>(rest, 1);
    }
    std::string caret(width, '~');  // "^~~~"; made in place, as g++ 12 -O3 warns on "^" + string
    caret.front() = '^';
    out += fmt::format(" {} | {}{}\n", gutter, pad, style.paint("1;32", caret));
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceSet& sources, bool color) {
    const Style style{color};
    std::string out;
    out += style.paint("1", location_text(d.location) + ":");
    out += " ";
    out += style.paint(severity_color(d.severity), std::string(to_string(d.severity)) + ":");
    out += " ";
    out += style.paint("1", d.message);
    if (!d.code.empty()) out += " [" + d.code + "]";
    out += "\n";
    show_source(out, d.location, sources, style);
    if (!d.hint.empty()) out += "  " + style.paint("1;36", "hint:") + " " + d.hint + "\n";
    for (const RelatedLocation& related : d.related) {
        out += style.paint("1", location_text(related.location) + ":") + " " + style.paint("1;30", "note:") + " " +
               related.message + "\n";
        show_source(out, related.location, sources, style);
        for (const std::string& quote : related.quotes()) out += "  quote: \"" + quote + "\"\n";
    }
    return out;
}

}  // namespace aftercare::cli
