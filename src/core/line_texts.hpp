// The quotes, notes and `when` lines of a protocol's lines, kept as views.
// A 50 MB protocol has a quarter of a million lines with texts: kept as a
// shared block of three vectors of strings each, they were 53 MB, more than
// the text they came from. Here a line's texts are a header and a run of
// views, in blocks a protocol owns, and the views are of the source's own
// text, which the store keeps alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftercare {

// One line's texts: this header, then its quotes, notes and conditions, in
// that order, as views in the same block.
class LineTexts {
public:
    std::span<const std::string_view> quotes() const { return {views(), quotes_}; }
    std::span<const std::string_view> notes() const { return {views() + quotes_, notes_}; }
    std::span<const std::string_view> conditions() const { return {views() + quotes_ + notes_, conditions_}; }

private:
    friend class TextStore;
    LineTexts(std::uint32_t quotes, std::uint32_t notes, std::uint32_t conditions)
        : quotes_(quotes), notes_(notes), conditions_(conditions) {}
    const std::string_view* views() const;

    std::uint32_t quotes_, notes_, conditions_;
};

class TextStore {
public:
    explicit TextStore(std::shared_ptr<const std::string> source) : source_(std::move(source)) {}
    TextStore(const TextStore&) = delete;
    TextStore& operator=(const TextStore&) = delete;

    // A line's texts, each kind in the order written. A text that is not a
    // view of the source (one with escapes, unescaped by the parser into
    // memory of its own) is copied here first.
    const LineTexts* add(std::span<const std::string_view> quotes, std::span<const std::string_view> notes,
                         std::span<const std::string_view> conditions);
    // Takes `other`'s blocks: what they hold stays where it is, so the lines
    // that point into them need not change. `other` is left empty.
    void take(TextStore& other);

private:
    std::string_view keep(std::string_view text);

    std::shared_ptr<const std::string> source_;
    std::vector<std::shared_ptr<const std::string>> other_sources_;  // of the stores taken
    std::list<std::string> copies_;  // a list: a view of one stays valid as more are added
    std::vector<std::unique_ptr<std::byte[]>> blocks_;
    std::size_t used_ = 0, capacity_ = 0;  // in the last block, in bytes
};

}  // namespace aftercare
