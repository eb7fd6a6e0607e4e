#include "source.hpp"

#include <algorithm>
#include <cstring>

namespace aftercare {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(name), text_(std::make_shared<const std::string>(std::move(text))) {
    line_starts_.push_back(0);
    const char* const begin = text_->data();
    const char* const end = begin + text_->size();
    for (const char* p = begin; p < end;) {
        const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        if (!nl) break;
        p = static_cast<const char*>(nl) + 1;
        line_starts_.push_back(static_cast<std::uint32_t>(p - begin));
    }
}

SourceFile::LineColumn SourceFile::line_column(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_->size()));
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return column_in_line(offset, static_cast<std::uint32_t>(it - line_starts_.begin()) - 1);
}

SourceFile::LineColumn SourceFile::line_column(std::uint32_t offset, LineHint& hint) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_->size()));
    std::uint32_t index = hint.index < line_starts_.size() ? hint.index : 0;
    if (line_starts_[index] > offset) return line_column(offset);  // behind the walk: search
    const auto last = static_cast<std::uint32_t>(line_starts_.size()) - 1;
    for (int step = 0; index < last && line_starts_[index + 1] <= offset; ++index) {
        if (++step == 8) {  // far ahead: search
            const LineColumn found = line_column(offset);
            hint.index = found.line - 1;
            return found;
        }
    }
    hint.index = index;
    return column_in_line(offset, index);
}

SourceFile::LineColumn SourceFile::column_in_line(std::uint32_t offset, std::uint32_t index) const {
    std::uint32_t column = 1;
    for (std::uint32_t i = line_starts_[index]; i < offset; ++i) {
        // Count code points: skip UTF-8 continuation bytes.
        if ((static_cast<unsigned char>((*text_)[i]) & 0xC0) != 0x80) ++column;
    }
    return {index + 1, column};
}

Position SourceFile::position(Span span) const {
    const auto start = line_column(span.begin);
    const auto stop = line_column(std::max(span.begin, span.end));
    return Position{start.line, start.column, stop.line, stop.column};
}

Position SourceFile::position(Span span, LineHint& hint) const {
    const auto start = line_column(span.begin, hint);
    const auto stop = line_column(std::max(span.begin, span.end), hint);
    return Position{start.line, start.column, stop.line, stop.column};
}

Location SourceFile::locate(Span span) const { return Location::in(name_, position(span)); }

std::string_view SourceFile::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    const std::uint32_t begin = line_starts_[line - 1];
    std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_->size());
    while (end > begin && ((*text_)[end - 1] == '\n' || (*text_)[end - 1] == '\r')) --end;
    return std::string_view(*text_).substr(begin, end - begin);
}

std::string_view SourceFile::slice(Span span) const {
    return std::string_view(*text_).substr(span.begin, span.end - span.begin);
}

}  // namespace aftercare
