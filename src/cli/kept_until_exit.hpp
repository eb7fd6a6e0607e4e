// What a command's run ends with, left for the end of the process.
//
// A command runs once and the process exits after it. Freeing a large run's
// structures one by one (hundreds of thousands of rules, findings and their
// strings) is work nobody waits for: the system takes the whole memory back
// at exit in one step. So the big objects of a run are made here and never
// destroyed. They stay reachable from a static list, so leak checkers do
// not report them.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace aftercare::cli {

inline std::vector<std::shared_ptr<void>>& objects_kept_until_exit() {
    static auto* const kept = new std::vector<std::shared_ptr<void>>;  // never destroyed, on purpose
    return *kept;
}

// A new T made from `args`, which lives until the process ends.
template <typename T, typename... Args>
T& kept_until_exit(Args&&... args) {
    auto object = std::make_shared<T>(std::forward<Args>(args)...);
    T& kept = *object;
    objects_kept_until_exit().push_back(std::move(object));
    return kept;
}

}  // namespace aftercare::cli
