#include "table_text.hpp"

#include "core/keywords.hpp"

namespace aftercare::cli {

namespace {
// Display width: UTF-8 continuation bytes take no column.
std::size_t width(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}
}  // namespace

std::string render_table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        if (widths.size() < row.size()) widths.resize(row.size(), 0);
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

std::string cell_text(const std::optional<Cell>& cell) {
    if (!cell) return "-";
    std::string text(keyword_of(cell->modality));
    if (cell->quantity) text += " " + cell->quantity->written.str();
    return text;
}

std::string activity_heading(const ActivityComparison& activity) {
    switch (activity.anchor) {
        case Anchor::session: return activity.activity;
        case Anchor::final_session: return activity.activity + " (after final session)";
        case Anchor::between_sessions: return activity.activity + " (between sessions)";
    }
    return activity.activity;
}

}  // namespace aftercare::cli
