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
    events.reserve(intervals.size() * 2);
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        events.push_back({start_of(intervals[i]), true, i});
        const long long end = end_of(intervals[i]);
        events.push_back({end == open_after ? open_after : end + 1, false, i});
    }
    std::sort(events.begin(), events.end(), [](const DayEvent& a, const DayEvent& b) { return a.day < b.day; });
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
