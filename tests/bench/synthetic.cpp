#include "synthetic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace aftercare::bench {

namespace {
constexpr const char* modalities[] = {"forbid", "avoid", "allow", "recommend", "require"};
constexpr const char* sentences[] = {
    "Do not touch the healing pigmented area with your unclean hands",
    "Avoid swimming, sauna, steam rooms, and tanning for at least 28 days after the treatment.",
    "Now is also a good time to get some water on your head. A light shower will do the trick but avoid shampoo.",
    "Use a spray-on sunscreen or wear protective clothing after the procedure area is healed.",
    "Take quick showers - not above 5 minutes so you do not create too much steam.",
};
constexpr const char* notes[] = {"on the hairline", "spray-on", "gently, with plain water", "read as days 0 to 14"};
}  // namespace

Synthetic::Synthetic(std::uint64_t seed, std::vector<std::string> activities)
    : state_(seed), activities_(std::move(activities)) {}

std::uint64_t Synthetic::next() {  // splitmix64: fast, and the same numbers on every machine
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::string Synthetic::header(const std::string& name, const std::string& import_path) {
    return fmt::format("# Synthetic protocol {}\nprotocol \"{}\"\nprocedure smp\nsource \"{}\" url "
                       "\"https://example.com/{}\" retrieved 2026-11-01\nimport \"{}\"\n\nmilestone healed = day 7\n"
                       "phase healing = for 7 days\n\n",
                       name, name, name, name, import_path);
}

std::string Synthetic::statement(std::size_t& rules) {
    // Real protocols move forward through the days: most windows are short
    // and closed, near the cursor; open windows and ones anchored at day 0
    // are rare, as they are on the clinics' pages.
    const int start = static_cast<int>(cursor_);
    cursor_ += step_ * static_cast<double>(below(2001)) / 1000.0;
    if (cursor_ > 36000) cursor_ = 0;
    std::string line;
    // Windows that run on, or that all start at the session, are the standing
    // advice of a page: a handful per activity, however long the protocol.
    std::size_t form = below(1000);
    if (form >= 880 && form < 890) {
        if (standing_ >= 2 * activities_.size()) form = 0;
        else ++standing_;
    }
    if (form < 700) line = fmt::format("day {}..{}", start, start + below(15));
    else if (form < 850) line = fmt::format("day {}", start);
    else if (form < 870) line = fmt::format("day {}..{} after final session", start, start + below(15));
    else if (form < 880) line = fmt::format("day -{}..-1", 1 + below(3));
    else if (form < 883) line = fmt::format("day {}..", start);
    else if (form < 885) line = fmt::format("for {} days", 1 + below(30));
    else if (form < 887) line = "until healed";
    else if (form < 888) line = "from healed";
    else if (form < 889) line = "during healing";
    else if (form < 890) line = "ongoing";
    else line = fmt::format("day {}..{}", start, start + 1 + below(3));
    line += ":";
    const std::size_t clauses = 1 + below(2);
    std::vector<std::size_t> used;  // a line names each activity once
    // Like a real page, a protocol is mostly consistent: each activity is
    // restricted in some stretches of days and permitted in others, always
    // with its own strength; one clause in a hundred disagrees.
    auto modality_of = [&](std::size_t activity) -> std::size_t {
        const bool restricted = (static_cast<std::size_t>(start) / 30 + activity) % 3 == 0;
        return restricted ? activity % 2 : 2 + activity % 3;
    };
    for (std::size_t c = 0; c < clauses; ++c) {
        std::size_t first = below(activities_.size());
        while (std::find(used.begin(), used.end(), first) != used.end()) first = below(activities_.size());
        const std::size_t modality = below(100) == 0 ? below(5) : modality_of(first);
        line += c ? "; " : " ";
        line += modalities[modality];
        const std::size_t count = 1 + below(2);
        for (std::size_t a = 0; a < count; ++a) {
            std::size_t pick = first;
            for (int tries = 0; a > 0 && tries < 20; ++tries) {
                pick = below(activities_.size());
                if (std::find(used.begin(), used.end(), pick) == used.end() && modality_of(pick) == modality) break;
                pick = first;
            }
            if (a > 0 && pick == first) break;  // no other activity fits this clause
            used.push_back(pick);
            line += (a ? ", " : " ") + activities_[pick];
            ++rules;
        }
        if (modality >= 2 && below(4) == 0) line += below(2) ? " 2..4 per day" : " at most 5 minutes";
    }
    if (below(3) == 0) line += "  # checked with the clinic";
    line += "\n";
    if (below(2) == 0) line += fmt::format("  quote \"{}\"\n", sentences[below(5)]);
    if (below(4) == 0) line += fmt::format("  note \"{}\"\n", notes[below(4)]);
    return line;
}

void Synthetic::begin_span(std::size_t rules) {
    // A protocol spans 60 days, more when it is long (a day carries ~10 rules).
    const double span = std::clamp(static_cast<double>(rules) / 10.0, 60.0, 36000.0);
    cursor_ = 0;
    standing_ = 0;
    step_ = span / (static_cast<double>(rules) / 2.25 + 1.0);
}

std::string Synthetic::protocol(std::size_t rules, const std::string& name, const std::string& import_path) {
    std::string text = header(name, import_path);
    begin_span(rules);
    for (std::size_t made = 0; made < rules;) text += statement(made);
    return text;
}

std::string Synthetic::protocol_of_size(std::size_t bytes, const std::string& import_path) {
    std::string text = header("large", import_path);
    text.reserve(bytes + 256);
    begin_span(bytes / 35);  // about 35 bytes of text per rule
    std::size_t rules = 0;
    while (text.size() < bytes) text += statement(rules);
    return text;
}

}  // namespace aftercare::bench
