// The rules one side of a finding names, ascending. Most sides name one rule
// (within a file each rule of a contradiction is a side of its own, and a
// long protocol's findings have a million sides), so one is kept in place.
// Longer lists are shared, never changed: a copy costs no allocation, and
// the sides of one finding across clinics (a thousand of them, each naming
// a few rules) can be made in one allocation with a RuleListBatch.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

#include "protocol.hpp"

namespace aftercare {

// Rule numbers shared by the lists that view them, with a count of those
// lists kept by hand: a std::shared_ptr is two pointers, and a list is in
// each of the million sides of a long protocol's findings. The numbers
// follow this header in one allocation.
class RuleStore {
public:
    // Room for `count` numbers, held once (by the caller).
    static RuleStore* make(std::size_t count) {
        void* at = ::operator new(sizeof(RuleStore) + count * sizeof(RuleIndex));
        return new (at) RuleStore;
    }
    RuleIndex* rules() {
        return std::launder(reinterpret_cast<RuleIndex*>(reinterpret_cast<std::byte*>(this) + sizeof(RuleStore)));
    }
    void hold() { holders_.fetch_add(1, std::memory_order_relaxed); }
    void release() {
        if (holders_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            this->~RuleStore();
            ::operator delete(this);
        }
    }

private:
    RuleStore() = default;
    std::atomic<std::uint32_t> holders_{1};
};
static_assert(alignof(RuleStore) >= alignof(RuleIndex) && sizeof(RuleStore) % alignof(RuleIndex) == 0);

class RuleList {
public:
    RuleList() = default;
    RuleList(std::initializer_list<RuleIndex> rules) { assign(rules.begin(), rules.end()); }
    template <typename Iterator>
    RuleList(Iterator first, Iterator last) {
        assign(first, last);
    }
    // `count` rules from `first` on, in `store`, which the list then holds too.
    RuleList(RuleStore* store, std::size_t first, std::size_t count) : size_(static_cast<std::uint32_t>(count)) {
        if (size_ == 1) {
            one_ = store->rules()[first];
        } else if (size_ > 1) {
            store->hold();
            store_ = store;
            one_ = static_cast<std::uint32_t>(first);
        }
    }
    RuleList(const RuleList& other) : store_(other.store_), size_(other.size_), one_(other.one_) {
        if (store_) store_->hold();
    }
    // A list moved from is left empty.
    RuleList(RuleList&& other) noexcept
        : store_(std::exchange(other.store_, nullptr)), size_(std::exchange(other.size_, 0)), one_(other.one_) {}
    RuleList& operator=(const RuleList& other) {
        RuleList copy(other);
        swap(copy);
        return *this;
    }
    RuleList& operator=(RuleList&& other) noexcept {
        RuleList taken(std::move(other));
        swap(taken);
        return *this;
    }
    ~RuleList() {
        if (store_) store_->release();
    }

    const RuleIndex* begin() const { return store_ ? store_->rules() + one_ : &one_; }
    const RuleIndex* end() const { return begin() + size_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    RuleIndex front() const { return at(0); }
    RuleIndex operator[](std::size_t i) const { return begin()[i]; }
    RuleIndex at(std::size_t i) const {
        if (i >= size_) throw std::out_of_range("RuleList::at");
        return begin()[i];
    }

    friend bool operator==(const RuleList& a, const RuleList& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    friend bool operator==(const RuleList& a, const std::vector<RuleIndex>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    void swap(RuleList& other) noexcept {
        std::swap(store_, other.store_);
        std::swap(size_, other.size_);
        std::swap(one_, other.one_);
    }
    template <typename Iterator>
    void assign(Iterator first, Iterator last) {
        size_ = static_cast<std::uint32_t>(std::distance(first, last));
        if (size_ <= 1) {
            if (size_ == 1) one_ = static_cast<RuleIndex>(*first);
            return;
        }
        store_ = RuleStore::make(size_);
        std::copy(first, last, store_->rules());
    }

    RuleStore* store_ = nullptr;  // the rules, when there are more than one
    std::uint32_t size_ = 0;
    RuleIndex one_ = 0;  // the rule, when there is one; else where the rules start in the store
};

// Lists made one after another, then handed out sharing one allocation:
// the sides of a finding across a thousand clinics took a thousand
// allocations, most of the time of making it. Kept by a caller between
// findings, its working list keeps its room.
class RuleListBatch {
public:
    RuleListBatch() = default;
    RuleListBatch(const RuleListBatch&) = delete;
    RuleListBatch& operator=(const RuleListBatch&) = delete;
    ~RuleListBatch() { clear(); }

    void clear() {
        rules_.clear();
        ends_.clear();
        if (store_) store_->release();
        store_ = nullptr;
    }
    // The list being made is what was appended here since the last close();
    // a caller may sort or shorten that part.
    std::vector<RuleIndex>& rules() { return rules_; }
    std::size_t open_from() const { return ends_.empty() ? 0 : ends_.back(); }
    void close() { ends_.push_back(rules_.size()); }

    std::size_t size() const { return ends_.size(); }
    // The k-th list closed. The first call makes the shared store, so close
    // every list before taking any.
    RuleList list(std::size_t k) {
        const std::size_t first = k == 0 ? 0 : ends_[k - 1], count = ends_[k] - first;
        const auto begin = rules_.begin() + static_cast<std::ptrdiff_t>(first);
        if (count <= 1) return RuleList(begin, begin + static_cast<std::ptrdiff_t>(count));  // in place: no store needed
        if (!store_) {
            store_ = RuleStore::make(rules_.size());
            std::copy(rules_.begin(), rules_.end(), store_->rules());
        }
        return RuleList(store_, first, count);
    }

private:
    std::vector<RuleIndex> rules_;
    std::vector<std::size_t> ends_;
    RuleStore* store_ = nullptr;  // held by the batch too, until clear()
};

}  // namespace aftercare
