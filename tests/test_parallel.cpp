// Long protocols are resolved and compared on several threads: the result
// must be exactly what one thread gives.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "core/analysis.hpp"
#include "core/json_output.hpp"
#include "core/parallel.hpp"
#include "support.hpp"

using namespace aftercare;

namespace {

// Enough rules to be worth threads: windows moving through the days, kinds
// under their parents, all five modalities, open ends and limits, so the
// resolved view and every kind of finding have work on each thread.
std::string long_protocol() {
    const char* activities[] = {"wash", "wash.rinse", "wash.shampoo", "touch", "touch.scratch", "shave",
                                "sweat", "sweat.heavy", "exercise", "sun", "swim", "water.hot"};
    const char* modalities[] = {"forbid", "avoid", "allow", "recommend", "require"};
    std::string text = "protocol \"Long\"\nprocedure smp\nsource \"Long\"\nimport \"../protocols/vocabulary.care\"\n";
    std::uint64_t state = 7;
    auto next = [&](std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    };
    for (int line = 0; line < 12'000; ++line) {
        const auto first = static_cast<int>(line / 40 + next(10));
        const char* modality = modalities[next(5)];
        const bool limited = modality[0] == 'a' && modality[1] == 'l' && next(3) == 0;
        text += fmt::format("day {}..{}: {} {}{}; {} {}\n", first, first + static_cast<int>(next(9)), modality,
                            activities[next(12)], limited ? " at most 2 per day" : "", modalities[next(5)],
                            activities[next(12)]);
        if (next(50) == 0) text += fmt::format("day {}..: avoid {}\n", first, activities[next(12)]);
    }
    return text;
}

struct Outcome {
    std::string json;
    std::vector<std::string> findings;
};

Outcome compile_with_threads(const std::string& text, std::size_t threads) {
    thread_limit() = threads;
    const Compilation c = test::compile_text("long.care", text);
    const Analysed one{&c};
    Outcome out{to_json_text(c.protocol, c.resolved), {}};
    for (const Finding& f : analyse(one)) out.findings.push_back(to_diagnostic(f, one).message);
    thread_limit() = 0;
    return out;
}

}  // namespace

TEST_CASE("a long protocol resolves and compares the same on one thread and on several", "[parallel]") {
    test::enter_test_dir();
    const std::string text = long_protocol();
    const Outcome one = compile_with_threads(text, 1);
    const Outcome several = compile_with_threads(text, 4);
    REQUIRE(one.json.size() > 1'000'000);  // the protocol is long enough to be split
    REQUIRE(one.findings.size() > 100);
    CHECK(one.json == several.json);
    CHECK(one.findings == several.findings);
}
