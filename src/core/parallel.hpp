// Work on independent items on this machine's cores. Each item is done by
// exactly one thread and writes only its own result, which the caller then
// takes in item order: the output never depends on scheduling.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace aftercare {

// Below this much work (a count the caller chooses, such as rules or lines
// of output) threads cost more to start than they save: a small protocol is
// checked in well under a millisecond.
inline constexpr std::size_t parallel_threshold = 20'000;

// How many threads large work may use; 0 (the default) means one per core.
// The tests set it to compare one thread with several.
inline std::atomic<std::size_t>& thread_limit() {
    static std::atomic<std::size_t> limit{0};
    return limit;
}

// How many threads `work` is worth: one below parallel_threshold, else up to
// thread_limit() (one per core by default).
inline std::size_t threads_for(std::size_t work) {
    if (work < parallel_threshold) return 1;
    const std::size_t limit = thread_limit().load();
    return limit ? limit : std::max(1u, std::thread::hardware_concurrency());
}

// Calls body(i) for each i in [0, count), on threads_for(work) threads (at
// most `count`). The first exception a body throws is rethrown here. A
// thread takes `grain` consecutive items at a time: for many small items
// whose results lie side by side, one at a time had the cores taking turns
// at the counter and at each other's cache lines.
template <typename Body>
void for_each_index(std::size_t count, std::size_t work, Body body, std::size_t grain = 1) {
    const std::size_t threads = std::min(threads_for(work), count);
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) body(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto drain = [&] {
        try {
            for (std::size_t first; (first = next.fetch_add(grain, std::memory_order_relaxed)) < count;) {
                for (std::size_t i = first; i < std::min(first + grain, count); ++i) body(i);
            }
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next.store(count, std::memory_order_relaxed);  // the others stop at their next item
        }
    };
    std::vector<std::thread> helpers;
    helpers.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) {
        try {
            helpers.emplace_back(drain);
        } catch (const std::system_error&) {
            break;  // no more threads to be had: the ones running, and this one, do all the items
        }
    }
    drain();
    for (std::thread& helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace aftercare
