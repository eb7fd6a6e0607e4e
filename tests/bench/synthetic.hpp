// Deterministic synthetic protocols for the benchmark: realistic rules drawn
// from the vocabulary, with comments, notes and quotes, from a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aftercare::bench {

class Synthetic {
public:
    Synthetic(std::uint64_t seed, std::vector<std::string> activities);

    // A protocol of about `rules` rules (one to three per line) importing `import_path`.
    std::string protocol(std::size_t rules, const std::string& name, const std::string& import_path);
    // Grows a protocol line by line until it is at least `bytes` long.
    std::string protocol_of_size(std::size_t bytes, const std::string& import_path);

private:
    std::uint64_t next();
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    std::string header(const std::string& name, const std::string& import_path);
    std::string statement(std::size_t& rules);
    void begin_span(std::size_t rules);

    std::uint64_t state_;
    double cursor_ = 0;  // the day new windows start near
    double step_ = 1;
    std::size_t standing_ = 0;  // open or day-0 windows so far
    std::vector<std::string> activities_;
};

}  // namespace aftercare::bench
