#include "render_text.hpp"

#include <fmt/format.h>

#include "render_lines.hpp"

namespace aftercare::cli {

namespace {

// Appended piece by piece into one string, as render_plain is: the default
// format shows every note's source line, and a thousand files' report has
// tens of thousands of them (made with fmt::format and joined strings, the
// source lines took a fifth of the 1,000-file check).
struct Painter {
    std::string& out;
    bool on;

    void start(std::string_view code) const {
        if (!on) return;
        out += "\x1b[";
        out += code;
        out += 'm';
    }
    void stop() const {
        if (on) out += "\x1b[0m";
    }
    void paint(std::string_view code, std::string_view text) const {
        start(code);
        out += text;
        stop();
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

// file:line:col, then a colon, in bold.
void append_place(const Painter& p, const Location& l) {
    p.start("1");
    append_where(p.out, l);
    p.out += ':';
    p.stop();
}

// The line, then spaces (tabs where the line has tabs) and ^~~~ under the span.
void show_source(const Painter& p, const Location& l, const SourceSet& sources) {
    if (l.line == 0) return;
    const SourceFile* file = sources.find(l.file);
    if (!file) return;
    std::string& out = p.out;
    const std::string_view line = file->line_text(l.line);
    const fmt::format_int number(l.line);
    out += ' ';
    out.append(number.data(), number.size());
    out += " | ";
    out += line;
    out += '\n';

    out += ' ';
    out.append(number.size(), ' ');
    out += " | ";
    // The characters before the span: as many spaces as bytes when they are
    // plain ASCII without tabs (a test the compiler does eight bytes at a
    // time), else counted by code point, with the line's tabs kept.
    const std::size_t ascii = std::min<std::size_t>(l.column > 0 ? l.column - 1 : 0, line.size());
    unsigned char odd = 0;
    for (std::size_t i = 0; i < ascii; ++i) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        odd |= static_cast<unsigned char>((c >> 7) | (c == '\t'));
    }
    std::size_t byte = ascii;
    if (!odd) {
        out.append(ascii, ' ');
    } else {
        std::uint32_t column = 1;
        for (byte = 0; byte < line.size() && column < l.column; ++byte) {
            const unsigned char c = static_cast<unsigned char>(line[byte]);
            if ((c & 0xC0) == 0x80) continue;
            out += c == '\t' ? '\t' : ' ';
            ++column;
        }
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
    p.start("1;32");
    out += '^';
    out.append(width - 1, '~');
    p.stop();
    out += '\n';
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceSet& sources, bool color) {
    // Written into this thread's scratch, which keeps its room from one
    // diagnostic to the next, and returned as a copy of its exact size: grown
    // by doubling, each diagnostic's string left its smaller copies behind,
    // memory touched for the first time.
    thread_local std::string scratch;
    std::string& out = scratch;
    out.clear();
    const Painter p{out, color};
    append_place(p, d.location);
    out += ' ';
    p.start(severity_color(d.severity));
    out += to_string(d.severity);
    out += ':';
    p.stop();
    out += ' ';
    p.paint("1", d.message);
    if (!d.code.empty()) {
        out += " [";
        out += d.code;
        out += ']';
    }
    out += '\n';
    show_source(p, d.location, sources);
    if (!d.hint.empty()) {
        out += "  ";
        p.paint("1;36", "hint:");
        out += ' ';
        out += d.hint;
        out += '\n';
    }
    for (const RelatedLocation& related : d.related) {
        append_place(p, related.location);
        out += ' ';
        p.paint("1;30", "note:");
        out += ' ';
        out += related.message;
        out += '\n';
        show_source(p, related.location, sources);
        for (const std::string_view quote : related.quotes()) {
            out += "  quote: \"";
            out += quote;
            out += "\"\n";
        }
    }
    return std::string(out);
}

}  // namespace aftercare::cli
