// The rules one side of a finding names, ascending. Most sides name one rule
// (within a file each rule of a contradiction is a side of its own, and a
// long protocol's findings have a million sides), so one is kept in place
// and only longer lists take memory of their own.
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
    RuleList(const RuleList& other) { assign(other.begin(), other.end()); }
    // A list moved from is left empty.
    RuleList(RuleList&& other) noexcept
        : size_(std::exchange(other.size_, 0)), one_(other.one_), many_(std::move(other.many_)) {}
    RuleList& operator=(const RuleList& other) {
        if (this != &other) {
            RuleList copy(other);
            *this = std::move(copy);
        }
        return *this;
    }
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
        many_ = std::make_unique<RuleIndex[]>(size_);
        std::copy(first, last, many_.get());
    }

    std::uint32_t size_ = 0;
    RuleIndex one_ = 0;                    // the rule, when there is one
    std::unique_ptr<RuleIndex[]> many_;  // the rules, when there are more
};

}  // namespace aftercare
