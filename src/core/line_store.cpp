#include "line_store.hpp"

#include <algorithm>
#include <cassert>
#include <functional>
#include <iterator>
#include <new>

namespace aftercare {

namespace {
// A line's header takes the room of one view, so the views after it are
// aligned as views are.
static_assert(sizeof(LineTexts) <= sizeof(std::string_view));
static_assert(alignof(LineTexts) <= alignof(std::string_view));
constexpr std::size_t slot = sizeof(std::string_view);
// Blocks grow from 2 KiB to 64 KiB: a short protocol's few texts need one
// small block, and a block of 64 KiB for each of a thousand short files
// raised that check's peak from 28.7 to 33.3 MB.
constexpr std::size_t first_block = 2048, largest_block = 65536;
}  // namespace

const std::string_view* LineTexts::views() const {
    return std::launder(reinterpret_cast<const std::string_view*>(reinterpret_cast<const std::byte*>(this) + slot));
}

std::string_view LineStore::keep_text(std::string_view text) {
    if (text.empty()) return {};
    const std::less_equal<const char*> at_most;
    const char* const begin = source_ ? source_->data() : nullptr;
    if (begin && at_most(begin, text.data()) && at_most(text.data() + text.size(), begin + source_->size())) return text;
    return copies_.emplace_back(text);
}

const LineTexts* LineStore::add(std::span<const std::string_view> quotes, std::span<const std::string_view> notes,
                                std::span<const std::string_view> conditions) {
    const std::size_t count = quotes.size() + notes.size() + conditions.size();
    auto* const at = static_cast<std::byte*>(allocate((1 + count) * slot));
    auto* line = new (at) LineTexts(static_cast<std::uint32_t>(quotes.size()), static_cast<std::uint32_t>(notes.size()),
                                    static_cast<std::uint32_t>(conditions.size()));
    std::byte* view = at + slot;
    for (const auto kind : {quotes, notes, conditions}) {
        for (const std::string_view text : kind) {
            new (view) std::string_view(keep_text(text));
            view += slot;
        }
    }
    return line;
}

void* LineStore::allocate(std::size_t bytes) {
    bytes = (bytes + unit - 1) / unit * unit;
    if (used_ + bytes > capacity_) {
        // No block of its own yet (perhaps only blocks taken from others): the first size.
        const std::size_t grown = capacity_ == 0 ? first_block : std::min(2 * capacity_, largest_block);
        capacity_ = std::max(grown, bytes);
        // Aligned as new[] aligns any object of its size (at least max_align_t).
        blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(capacity_));
        used_ = 0;
    }
    std::byte* const at = blocks_.back().get() + used_;
    used_ += bytes;
    return at;
}

void LineStore::take(LineStore& other) {
    assert(&other != this);  // a list spliced into itself
    if (other.source_ && other.source_ != source_) other_sources_.push_back(std::move(other.source_));
    std::move(other.other_sources_.begin(), other.other_sources_.end(), std::back_inserter(other_sources_));
    copies_.splice(copies_.end(), other.copies_);
    // This store's last block keeps taking lines: the blocks taken go before it.
    blocks_.insert(blocks_.begin(), std::make_move_iterator(other.blocks_.begin()),
                   std::make_move_iterator(other.blocks_.end()));
    other.blocks_.clear();
    other.other_sources_.clear();
    other.source_.reset();
    other.used_ = other.capacity_ = 0;
}

}  // namespace aftercare
