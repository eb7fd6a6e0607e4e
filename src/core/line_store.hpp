// What a protocol's rules share with the other rules of their line or clause
// and point to: the line's quotes, notes and `when` lines, its window, a
// clause's limit. A 50 MB protocol has 918,000 rules on 410,000 lines; each
// rule held its window (56 bytes) and a shared pointer to its limit, and
// the texts, kept as a shared block of three vectors of strings each, were
// 53 MB, more than the text they came from. Here each is made once, in
// blocks the protocol owns, and the texts are views of the source's own
// text, which the store keeps alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <new>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
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
    friend class LineStore;
    LineTexts(std::uint32_t quotes, std::uint32_t notes, std::uint32_t conditions)
        : quotes_(quotes), notes_(notes), conditions_(conditions) {}
    const std::string_view* views() const;

    std::uint32_t quotes_, notes_, conditions_;
};

class LineStore {
public:
    explicit LineStore(std::shared_ptr<const std::string> source) : source_(std::move(source)) {}
    LineStore(const LineStore&) = delete;
    LineStore& operator=(const LineStore&) = delete;

    // A line's texts, each kind in the order written. A text that is not a
    // view of the source (one with escapes, unescaped by the parser into
    // memory of its own) is copied here first.
    const LineTexts* add(std::span<const std::string_view> quotes, std::span<const std::string_view> notes,
                         std::span<const std::string_view> conditions);
    // A copy of `record` (a window, a limit), here for as long as the store.
    // Never destroyed, so it must need no destructor.
    template <typename Record>
    const Record* keep(const Record& record) {
        static_assert(std::is_trivially_destructible_v<Record> && alignof(Record) <= unit);
        return new (allocate(sizeof(Record))) Record(record);
    }
    // Takes `other`'s blocks: what they hold stays where it is, so the lines
    // that point into them need not change. `other` is left empty.
    void take(LineStore& other);

private:
    // Everything here is placed in multiples of this, which aligns a view.
    static constexpr std::size_t unit = alignof(std::string_view);
    // `bytes` at the end of the last block, which grows a block if need be.
    void* allocate(std::size_t bytes);
    std::string_view keep_text(std::string_view text);

    std::shared_ptr<const std::string> source_;
    std::vector<std::shared_ptr<const std::string>> other_sources_;  // of the stores taken
    std::list<std::string> copies_;  // a list: a view of one stays valid as more are added
    std::vector<std::unique_ptr<std::byte[]>> blocks_;
    std::size_t used_ = 0, capacity_ = 0;  // in the last block, in bytes
};

}  // namespace aftercare
