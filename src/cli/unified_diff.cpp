#include "unified_diff.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace aftercare::cli {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

struct Edit {
    char kind;  // ' ', '-', '+'
    std::size_t old_line, new_line;  // 0-based positions before this edit
    std::string text;
};

}  // namespace

std::string unified_diff(const std::string& old_text, const std::string& new_text, const std::string& old_name,
                         const std::string& new_name) {
    if (old_text == new_text) return {};
    const auto a = split_lines(old_text), b = split_lines(new_text);
    // Longest common subsequence table: protocol files are small.
    std::vector<std::vector<std::uint32_t>> lcs(a.size() + 1, std::vector<std::uint32_t>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::vector<Edit> edits;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            edits.push_back({' ', i, j, a[i]});
            ++i, ++j;
        } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            edits.push_back({'-', i, j, a[i]});  // removals first, as diff(1) shows them
            ++i;
        } else {
            edits.push_back({'+', i, j, b[j]});
            ++j;
        }
    }
    std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
    constexpr std::size_t context = 3;
    for (std::size_t k = 0; k < edits.size();) {
        if (edits[k].kind == ' ') {
            ++k;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` after the last change near it.
        const std::size_t begin = k >= context ? k - context : 0;
        // Changes closer than twice the context join one hunk.
        std::size_t last = k;
        for (std::size_t t = k + 1; t < edits.size();) {
            if (edits[t].kind != ' ') {
                last = t++;
                continue;
            }
            std::size_t u = t;
            while (u < edits.size() && edits[u].kind == ' ') ++u;
            if (u == edits.size() || u - t > 2 * context) break;
            t = u;
        }
        const std::size_t end = std::min(edits.size(), last + 1 + context);
        std::size_t old_count = 0, new_count = 0;
        for (std::size_t t = begin; t < end; ++t) {
            if (edits[t].kind != '+') ++old_count;
            if (edits[t].kind != '-') ++new_count;
        }
        out += fmt::format("@@ -{},{} +{},{} @@\n", edits[begin].old_line + (old_count ? 1 : 0), old_count,
                           edits[begin].new_line + (new_count ? 1 : 0), new_count);
        for (std::size_t t = begin; t < end; ++t) out += edits[t].kind + edits[t].text + "\n";
        k = end;
    }
    return out;
}

}  // namespace aftercare::cli
