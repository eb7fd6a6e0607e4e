// Numbers by Name, looked up by the Name's identity (names are interned, so
// equal texts are one pointer): open addressing, at most half full. For the
// hot loops that map each of a protocol's rules, or a million rules, to a
// number; an unordered_map's node per entry was a cache miss per lookup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "name.hpp"

namespace aftercare {

class NameTable {
public:
    NameTable() { clear(); }
    // Empty again; a table kept between uses keeps nothing but its first slots.
    void clear() {
        slots_.assign(16, Slot{nullptr, 0});
        used_ = 0;
    }
    // The number of `name`, given `next` if it has none yet; and whether it is new.
    std::pair<std::uint32_t, bool> try_emplace(Name name, std::uint32_t next) {
        Slot& slot = slots_[slot_of(name.identity())];
        if (slot.name) return {slot.number, false};
        slot = Slot{name.identity(), next};
        if (2 * ++used_ > slots_.size()) grow();
        return {next, true};
    }
    // The number of `name`, or null when it has none.
    const std::uint32_t* find(Name name) const {
        const Slot& slot = slots_[slot_of(name.identity())];
        return slot.name ? &slot.number : nullptr;
    }
    std::size_t size() const { return used_; }

private:
    struct Slot {
        const void* name;
        std::uint32_t number;
    };
    // Where `name` is, or the free slot where it would go.
    std::size_t slot_of(const void* name) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = (std::hash<const void*>{}(name) * 0x9E3779B97F4A7C15ULL >> 32) & mask;; i = (i + 1) & mask) {
            if (slots_[i].name == name || !slots_[i].name) return i;
        }
    }
    void grow() {
        std::vector<Slot> old(slots_.size() * 2, Slot{nullptr, 0});
        old.swap(slots_);
        for (const Slot& slot : old) {
            if (slot.name) slots_[slot_of(slot.name)] = slot;
        }
    }
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

}  // namespace aftercare
