// Sweeping day intervals: the one mechanism every comparison uses. Windows'
// starts and ends are sorted and walked once, O(n log n) in the intervals.
#pragma once

#include <climits>
#include <cstddef>
#include <optional>
#include <vector>

#include <algorithm>

namespace aftercare {

// Days from..to, inclusive; an absent end is open.
struct DayRange {
    std::optional<int> from;
    std::optional<int> to;
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

// Every interval's start and end, sorted by day: what each sweep walks.
// Fills `events`, so a caller sweeping many times can reuse its storage.
inline void day_events(const std::vector<DayRange>& intervals, std::vector<DayEvent>& events) {
    events.clear();
    events.resize(intervals.size() * 2);
    // Where each interval starts and ends: on its first day, and the day after its last.
    auto start_day = [](const DayRange& d) { return start_of(d); };
    auto end_day = [](const DayRange& d) { return d.to ? static_cast<long long>(*d.to) + 1 : open_after; };
    // The days of a protocol span a few hundred at most, so the events are
    // counted into a slot per day (and one for each open end) rather than
    // compared: sweeping is most of the analysis across a thousand clinics,
    // and sorting was a third of it. Input order is kept within a day.
    long long low = open_after, high = open_before;
    for (const DayRange& d : intervals) {
        for (const long long day : {start_day(d), end_day(d)}) {
            if (day == open_before || day == open_after) continue;
            low = std::min(low, day);
            high = std::max(high, day);
        }
    }
    const long long span = low <= high ? high - low + 1 : 0;
    if (span > static_cast<long long>(events.size()) + 4096) {  // days far apart: compared after all
        std::size_t at = 0;
        for (std::size_t i = 0; i < intervals.size(); ++i) {
            events[at++] = {start_day(intervals[i]), true, i};
            events[at++] = {end_day(intervals[i]), false, i};
        }
        std::stable_sort(events.begin(), events.end(), [](const DayEvent& a, const DayEvent& b) { return a.day < b.day; });
        return;
    }
    // Slot 0 holds open starts, slots 1..span the days, slot span + 1 open ends.
    auto slot = [&](long long day) {
        if (day == open_before) return std::size_t{0};
        if (day == open_after) return static_cast<std::size_t>(span + 1);
        return static_cast<std::size_t>(day - low + 1);
    };
    thread_local std::vector<std::size_t> first;  // of each slot, in `events`
    first.assign(static_cast<std::size_t>(span + 3), 0);
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
