// The rules one side of a finding names, ascending. Most sides name one rule
// (within a file each rule of a contradiction is a side of its own, and a
// long protocol's findings have a million sides), so one is kept in place.
// Longer lists are shared, never changed: a copy costs no allocation, and
// the sides of one finding across clinics (a thousand of them, each naming
// a few rules) can be made in one allocation with a RuleListBatch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "protocol.hpp"

namespace aftercare {

class RuleList {
public:
    RuleList() = default;
    RuleList(std::initializer_list<RuleIndex> rules) { assign(rules.begin(), rules.end()); }
    template <typename Iterator>
    RuleList(Iterator first, Iterator last) {
        assign(first, last);
    }
    // `count` rules from `first` on, in `store`, which the list keeps alive.
    RuleList(const std::shared_ptr<const RuleIndex[]>& store, std::size_t first, std::size_t count)
        : size_(static_cast<std::uint32_t>(count)) {
        if (size_ == 1) one_ = store[first];
        else if (size_ > 1) many_ = std::shared_ptr<const RuleIndex[]>(store, store.get() + first);
    }
    RuleList(const RuleList& other) = default;
    // A list moved from is left empty.
    RuleList(RuleList&& other) noexcept
        : size_(std::exchange(other.size_, 0)), one_(other.one_), many_(std::move(other.many_)) {}
    RuleList& operator=(const RuleList& other) = default;
    RuleList& operator=(RuleList&& other) noexcept {
        size_ = std::exchange(other.size_, 0);
        one_ = other.one_;
        many_ = std::move(other.many_);
        return *this;
    }

    const RuleIndex* begin() const { return many_ ? many_.get() : &one_; }
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
    template <typename Iterator>
    void assign(Iterator first, Iterator last) {
        size_ = static_cast<std::uint32_t>(std::distance(first, last));
        if (size_ <= 1) {
            if (size_ == 1) one_ = static_cast<RuleIndex>(*first);
            return;
        }
        std::shared_ptr<RuleIndex[]> own = std::make_shared_for_overwrite<RuleIndex[]>(size_);
        std::copy(first, last, own.get());
        many_ = std::move(own);
    }

    std::uint32_t size_ = 0;
    RuleIndex one_ = 0;                          // the rule, when there is one
    std::shared_ptr<const RuleIndex[]> many_;  // the rules, when there are more
};

// Lists made one after another, then handed out sharing one allocation:
// the sides of a finding across a thousand clinics took a thousand
// allocations, most of the time of making it. Kept by a caller between
// findings, its working list keeps its room.
class RuleListBatch {
public:
    void clear() {
        rules_.clear();
        ends_.clear();
        store_.reset();
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
            std::shared_ptr<RuleIndex[]> store = std::make_shared_for_overwrite<RuleIndex[]>(rules_.size());
            std::copy(rules_.begin(), rules_.end(), store.get());
            store_ = std::move(store);
        }
        return RuleList(store_, first, count);
    }

private:
    std::vector<RuleIndex> rules_;
    std::vector<std::size_t> ends_;
    std::shared_ptr<const RuleIndex[]> store_;
};

}  // namespace aftercare
