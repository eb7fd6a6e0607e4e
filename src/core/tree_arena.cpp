#include "tree_arena.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <new>

namespace aftercare::syntax {

namespace {

// Below this a block comes from operator new: a short file's tree needs a
// few kilobytes, and a mapping of its own would cost two system calls.
constexpr std::size_t mapped_from = std::size_t{1} << 20;

// The arena's blocks: large ones mapped and unmapped whole, so they never
// become holes in the heap the later stages use.
class Blocks final : public std::pmr::memory_resource {
    void* do_allocate(std::size_t bytes, std::size_t alignment) override {
        if (bytes < mapped_from) return ::operator new(bytes, std::align_val_t(alignment));
        void* block = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (block == MAP_FAILED) throw std::bad_alloc();
        return block;  // page-aligned, which is more than any list asks
    }
    void do_deallocate(void* block, std::size_t bytes, std::size_t alignment) override {
        if (bytes < mapped_from) ::operator delete(block, bytes, std::align_val_t(alignment));
        else munmap(block, bytes);
    }
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

}  // namespace

std::pmr::memory_resource& mapped_blocks() {
    static Blocks instance;  // holds nothing: every arena may share it, on any thread
    return instance;
}

std::shared_ptr<std::pmr::memory_resource> make_tree_arena(std::size_t expected_bytes) {
    return std::make_shared<std::pmr::monotonic_buffer_resource>(std::max<std::size_t>(expected_bytes, 1024), &mapped_blocks());
}

}  // namespace aftercare::syntax
