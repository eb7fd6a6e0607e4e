// A protocol or vocabulary text held in memory, and positions inside it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "name.hpp"

namespace aftercare {

// Byte offsets [begin, end) into one source's text.
struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// A position people read: 1-based line and column. Columns count characters
// (UTF-8 code points), so a caret lines up under non-ASCII text too.
struct Position {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t end_line = 0;
    std::uint32_t end_column = 0;  // one past the last character
};

// A position and the file it is in.
// The file's name is interned: a report of thousands of findings names a
// file in every note, and a Name is copied without allocating.
struct Location {
    Name file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t end_line = 0;
    std::uint32_t end_column = 0;  // one past the last character

    static Location in(Name file, const Position& p) {
        return Location{file, p.line, p.column, p.end_line, p.end_column};
    }
};

class SourceFile {
public:
    SourceFile(std::string name, std::string text);

    Name name() const { return name_; }
    const std::string& text() const { return *text_; }
    // The text, owned with whatever views it: a protocol's quotes and notes
    // are views of it, and may outlive this SourceFile.
    const std::shared_ptr<const std::string>& shared_text() const { return text_; }

    Location locate(Span span) const;
    Position position(Span span) const;
    // The same, for a walk through the file in order (as the checker makes):
    // the search starts at the line the previous call found, which `hint`
    // keeps, so each call costs a step or two rather than a search.
    struct LineHint {
        std::uint32_t index = 0;
    };
    Position position(Span span, LineHint& hint) const;
    // The text of a 1-based line, without its line break.
    std::string_view line_text(std::uint32_t line) const;
    // Where each line starts, in bytes from the start; the first is 0.
    std::span<const std::uint32_t> line_starts() const { return line_starts_; }
    std::string_view slice(Span span) const;

private:
    struct LineColumn {
        std::uint32_t line;
        std::uint32_t column;
    };
    LineColumn line_column(std::uint32_t offset) const;
    LineColumn line_column(std::uint32_t offset, LineHint& hint) const;
    LineColumn column_in_line(std::uint32_t offset, std::uint32_t index) const;

    Name name_;
    std::shared_ptr<const std::string> text_;
    std::vector<std::uint32_t> line_starts_;
};

}  // namespace aftercare
