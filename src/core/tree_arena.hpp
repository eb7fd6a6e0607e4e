// Where a syntax tree's lists live: an arena of its own per parse, which
// hands out memory by moving a pointer and gives it all back at once when
// the tree goes. A long protocol's tree is millions of small lists; made and
// freed one by one through malloc, they took a tenth of checking it, and the
// holes they left behind stayed in the process's resident memory while the
// rules, the resolved view and the findings were made.
#pragma once

#include <cstddef>
#include <memory>
#include <memory_resource>

namespace aftercare::syntax {

// An arena that expects about `expected_bytes` of lists. Its first block is
// that large (a block the size of a long protocol's tree is mapped from the
// system, so only what is used becomes resident) and further blocks grow.
std::shared_ptr<std::pmr::memory_resource> make_tree_arena(std::size_t expected_bytes);

// What the arenas take their blocks from: one of a megabyte or more is
// mapped from the system and unmapped when given back, so it never stays
// behind as a hole in the heap; a smaller one comes from operator new.
// Holds nothing, so any thread may use it.
std::pmr::memory_resource& mapped_blocks();

}  // namespace aftercare::syntax
