// Interned text for the names a protocol repeats: activity ids, words as
// written, milestones and limit texts. A 50 MB protocol says "wash" a hundred
// thousand times; each distinct text is stored once for the life of the
// process and a Name is a pointer to it, so copying one costs nothing and two
// are equal exactly when their pointers are. Order is the texts' order, so
// sorted output never depends on where a text happens to be stored.
//
// The store only grows, by the distinct texts a run has seen; that is bounded
// by the input, and a command line run ends. (Window texts, which are mostly
// distinct in a long protocol, are not interned: see WrittenDays.)
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json_fwd.hpp>

namespace aftercare {

namespace detail {
// The empty text, which a default Name points at. Constant-initialized, so a
// Name made while another file's statics are set up finds it in place; and
// inline, so that making one of the millions of empty Names a long protocol's
// rules hold is a store, not a call.
inline const std::string empty_name_text;
}  // namespace detail

class Name {
public:
    Name() : text_(&detail::empty_name_text) {}  // the empty text
    explicit Name(std::string_view text);

    const std::string& str() const { return *text_; }
    operator const std::string&() const { return *text_; }
    operator std::string_view() const { return *text_; }
    std::string_view view() const { return *text_; }
    bool empty() const { return text_->empty(); }
    const void* identity() const { return text_; }

    friend bool operator==(Name a, Name b) { return a.text_ == b.text_; }
    friend std::strong_ordering operator<=>(Name a, Name b) {
        if (a.text_ == b.text_) return std::strong_ordering::equal;
        return *a.text_ <=> *b.text_;
    }
    friend bool operator==(Name a, std::string_view b) { return a.view() == b; }

private:
    const std::string* text_;
};

// Hashes any text alike, so maps keyed by std::string can be searched with a
// string_view without making a string (with std::equal_to<>).
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

void to_json(nlohmann::ordered_json& out, Name name);
void to_json(nlohmann::json& out, Name name);

}  // namespace aftercare

template <>
struct std::hash<aftercare::Name> {
    std::size_t operator()(aftercare::Name name) const noexcept {
        return std::hash<const void*>{}(name.identity());
    }
};

template <>
struct fmt::formatter<aftercare::Name> : fmt::formatter<std::string_view> {
    template <typename Context>
    auto format(aftercare::Name name, Context& context) const {
        return fmt::formatter<std::string_view>::format(name.view(), context);
    }
};
