// Sweeping day intervals: the one mechanism every comparison uses. Windows'
// starts and ends are sorted and walked once, O(n log n) in the intervals.
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <algorithm>

#include "optional_day.hpp"

namespace aftercare {

// Days from..to, inclusive; an absent end is open.
struct DayRange {
    OptionalDay from;
    OptionalDay to;
    bool operator==(const DayRange&) const = default;
};

// Open ends become the extremes, so that all windows sort alike.
inline constexpr long long open_before = LLONG_MIN / 4;
inline constexpr long long open_after = LLONG_MAX / 4;

inline long long start_of(const DayRange& d) { return d.from ? *d.from : open_before; }
inline long long end_of(const DayRange& d) { return d.to ? *d.to : open_after; }  // inclusive

inline DayRange range_of(long long first, long long last) {
    DayRange d;
    if (first != open_before) d.from = static_cast<int>(first);
    if (last != open_after) d.to = static_cast<int>(last);
    return d;
}

// Where an interval starts, or ends (on the day after its last).
struct DayEvent {
    long long day;
    bool starts;
    std::size_t index;  // of the interval
};

// Up to this many items are sorted by comparing, whatever their days: the
// slots below would cost more than the comparisons.
inline constexpr std::size_t few_items = 32;

// Sorts items, keeping the order of equals; a few without the buffer
// std::stable_sort asks for, since most sweeps are of a handful of windows.
template <typename It, typename Less>
void stable_sort_few(It first, It last, Less less) {
    if (last - first > static_cast<std::ptrdiff_t>(few_items)) {
        std::stable_sort(first, last, less);
        return;
    }
    for (It i = first; i != last; ++i) {
        auto item = std::move(*i);
        It j = i;
        for (; j != first && less(item, *(j - 1)); --j) *j = std::move(*(j - 1));
        *j = std::move(item);
    }
}

// Days counted into slots instead of compared: a protocol's days span a few
// hundred at most, so a slot per day (and one for each open end) orders any
// number of them in one pass. Sweeping and grouping by day are most of the
// analysis across a thousand clinics, and sorting was a third of it.
class DaySlots {
public:
    // From every day that will be placed: `for_each_day(f)` calls f(day) for each.
    template <typename ForEachDay>
    explicit DaySlots(ForEachDay for_each_day) {
        for_each_day([&](long long day) {
            if (day == open_before || day == open_after) return;
            low_ = std::min(low_, day);
            high_ = std::max(high_, day);
        });
        span_ = low_ <= high_ ? high_ - low_ + 1 : 0;
    }
    // Whether counting beats comparing for `items` things: not for a few
    // (see few_items), nor for days far apart.
    bool worth_it(std::size_t items) const {
        return items > few_items && span_ <= static_cast<long long>(items) + 4096;
    }
    // Slot 0 holds open starts, slots 1..span the days, slot span + 1 open ends.
    std::size_t count() const { return static_cast<std::size_t>(span_ + 2); }
    std::size_t operator()(long long day) const {
        if (day == open_before) return 0;
        if (day == open_after) return static_cast<std::size_t>(span_ + 1);
        return static_cast<std::size_t>(day - low_ + 1);
    }

private:
    long long low_ = open_after, high_ = open_before, span_ = 0;
};

// Every interval's start and end, sorted by day: what each sweep walks.
// Fills `events`, so a caller sweeping many times can reuse its storage.
// Input order is kept within a day.
inline void day_events(const std::vector<DayRange>& intervals, std::vector<DayEvent>& events) {
    events.clear();
    events.resize(intervals.size() * 2);
    // Where each interval starts and ends: on its first day, and the day after its last.
    auto start_day = [](const DayRange& d) { return start_of(d); };
    auto end_day = [](const DayRange& d) { return d.to ? static_cast<long long>(*d.to) + 1 : open_after; };
    const DaySlots slot([&](auto place) {
        for (const DayRange& d : intervals) {
            place(start_day(d));
            place(end_day(d));
        }
    });
    if (!slot.worth_it(events.size())) {
        std::size_t at = 0;
        for (std::size_t i = 0; i < intervals.size(); ++i) {
            events[at++] = {start_day(intervals[i]), true, i};
            events[at++] = {end_day(intervals[i]), false, i};
        }
        stable_sort_few(events.begin(), events.end(), [](const DayEvent& a, const DayEvent& b) { return a.day < b.day; });
        return;
    }
    thread_local std::vector<std::size_t> first;  // of each slot, in `events`
    first.assign(slot.count() + 1, 0);
    for (const DayRange& d : intervals) {
        ++first[slot(start_day(d)) + 1];
        ++first[slot(end_day(d)) + 1];
    }
    for (std::size_t k = 1; k < first.size(); ++k) first[k] += first[k - 1];
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        const long long begins = start_day(intervals[i]), ends = end_day(intervals[i]);
        events[first[slot(begins)]++] = {begins, true, i};
        events[first[slot(ends)]++] = {ends, false, i};
    }
}

// Reorders `order` (indices of things with a day each, `day_of(index)`, an
// open end or a day) by that day, ascending or descending, keeping the
// present order among equal days. Applied for each part of a key from the
// last to the first, it sorts by the whole key (a radix sort).
template <typename DayOf>
void stable_sort_by_day(std::vector<std::uint32_t>& order, DayOf day_of, bool descending = false) {
    const DaySlots slot([&](auto place) {
        for (const std::uint32_t i : order) place(day_of(i));
    });
    if (!slot.worth_it(order.size())) {
        stable_sort_few(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return descending ? day_of(a) > day_of(b) : day_of(a) < day_of(b);
        });
        return;
    }
    auto rank = [&](std::uint32_t i) {
        const std::size_t s = slot(day_of(i));
        return descending ? slot.count() - 1 - s : s;
    };
    thread_local std::vector<std::size_t> first;  // of each slot, in the new order
    first.assign(slot.count() + 1, 0);
    for (const std::uint32_t i : order) ++first[rank(i) + 1];
    for (std::size_t k = 1; k < first.size(); ++k) first[k] += first[k - 1];
    thread_local std::vector<std::uint32_t> sorted;
    sorted.resize(order.size());
    for (const std::uint32_t i : order) sorted[first[rank(i)]++] = i;
    order.swap(sorted);
}

inline std::vector<DayEvent> day_events(const std::vector<DayRange>& intervals) {
    std::vector<DayEvent> events;
    day_events(intervals, events);
    return events;
}

// Calls visit(first, last, active) for each stretch [first, last] on which the
// set of covering intervals is constant and not empty; `active` holds the
// indices of the covering intervals, ascending.
template <typename Visit>
void sweep_days(const std::vector<DayRange>& intervals, Visit visit) {
    const std::vector<DayEvent> events = day_events(intervals);
    std::vector<std::size_t> active;
    for (std::size_t e = 0; e < events.size();) {
        const long long day = events[e].day;
        for (; e < events.size() && events[e].day == day; ++e) {
            if (events[e].starts) {
                active.insert(std::lower_bound(active.begin(), active.end(), events[e].index), events[e].index);
            } else {
                active.erase(std::lower_bound(active.begin(), active.end(), events[e].index));
            }
        }
        if (active.empty() || e == events.size()) continue;
        const long long next = events[e].day;
        visit(day, next == open_after ? open_after : next - 1, active);
    }
}

}  // namespace aftercare
