// A day number, or none (an open end), in four bytes: a window's ends, a
// resolved segment's and a finding's days. std::optional<int> takes eight,
// and a long protocol has a million windows, segments and finding sides.
// Days run from -max_day to max_day (checker.hpp), so the least int is free
// to mean none. It reads as std::optional<int> does, and converts to it.
#pragma once

#include <cassert>
#include <limits>
#include <optional>

namespace aftercare {

class OptionalDay {
public:
    constexpr OptionalDay() noexcept = default;
    constexpr OptionalDay(std::nullopt_t) noexcept {}
    constexpr OptionalDay(int day) noexcept : day_(day) { assert(day != none); }
    constexpr OptionalDay(const std::optional<int>& day) noexcept : day_(day ? *day : none) {
        assert(!day || *day != none);
    }

    constexpr bool has_value() const noexcept { return day_ != none; }
    constexpr explicit operator bool() const noexcept { return has_value(); }
    // Only when has_value(), as std::optional's.
    constexpr int operator*() const noexcept {
        assert(has_value());
        return day_;
    }
    constexpr int value_or(int otherwise) const noexcept { return has_value() ? day_ : otherwise; }
    constexpr operator std::optional<int>() const noexcept {
        return has_value() ? std::optional<int>(day_) : std::nullopt;
    }

    friend constexpr bool operator==(OptionalDay, OptionalDay) noexcept = default;

private:
    static constexpr int none = std::numeric_limits<int>::min();
    int day_ = none;
};

}  // namespace aftercare
