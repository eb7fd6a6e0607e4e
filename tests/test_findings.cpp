// Findings (docs/semantics.md): every class, where it must be reported and
// where it must not, within one file and across files, on the small fixtures
// in findings/; the real disagreements between the five clinics in
// protocols/clinics/; and how `aftercare check` prints one across two files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/wait.h>

#include "cli/files.hpp"
#include "core/analysis.hpp"
#include "core/day_sweep.hpp"
#include "core/keywords.hpp"
#include "support.hpp"

namespace Catch {
template <>
struct StringMaker<aftercare::DayRange> {
    static std::string convert(const aftercare::DayRange& d) { return aftercare::describe_days(d); }
};
template <>
struct StringMaker<aftercare::Modality> {
    static std::string convert(aftercare::Modality m) { return std::string(aftercare::keyword_of(m)); }
};
template <>
struct StringMaker<aftercare::Anchor> {
    static std::string convert(aftercare::Anchor a) { return std::string(aftercare::keyword_of(a)); }
};
template <>
struct StringMaker<aftercare::Severity> {
    static std::string convert(aftercare::Severity s) { return std::string(aftercare::to_string(s)); }
};
}  // namespace Catch

using namespace aftercare;
using namespace aftercare::test;

namespace {

// Files compiled together, as `aftercare check FILE…` does, and analysed.
// Not copyable: the analysis points into `compiled`, the compiler into `sources`.
struct Checked {
    SourceSet sources;
    Compiler compiler{sources, cli::file_loader()};
    std::deque<Compilation> compiled;
    Analysed protocols;
    std::vector<Finding> findings;

    explicit Checked(const std::vector<std::string>& paths) {
        enter_test_dir();
        for (const std::string& path : paths) {
            INFO(path);
            compiled.push_back(compiler.compile(sources.add(path, read(path))));
            REQUIRE(compiled.back().ok());
            if (!compiled.back().is_vocabulary) protocols.push_back(&compiled.back());
        }
        findings = analyse(protocols);
    }
    Checked(const Checked&) = delete;
    Checked& operator=(const Checked&) = delete;

    std::string name(std::size_t protocol) const { return short_name(protocols.at(protocol)->protocol); }

    // Every finding as `check` words it, for failure messages.
    std::string listing() const {
        std::string out;
        for (const Finding& f : findings) {
            out += "  [" + std::string(f.id) + "] " + to_diagnostic(f, protocols).message + "\n";
        }
        return out.empty() ? "  (no findings)\n" : out;
    }

    // The line of a side's first rule, to tie a side to the fixture's text.
    std::uint32_t line_of(const FindingSide& side) const {
        return protocols.at(side.protocol)->protocol.rules.at(side.rules.at(0)).provenance.position.line;
    }

    const FindingSide* side(const Finding& f, const std::string& protocol) const {
        for (const FindingSide& s : f.sides) {
            if (name(s.protocol) == protocol) return &s;
        }
        return nullptr;
    }
};

DayRange days(int from, int to) { return {from, to}; }
DayRange days_from(int from) { return {from, std::nullopt}; }

bool restrictive(Modality m) { return m == Modality::forbid || m == Modality::avoid; }

// Does `d` include every day from `first` to `last`?
bool includes(const DayRange& d, int first, int last) {
    return (!d.from || *d.from <= first) && (!d.to || *d.to >= last);
}

std::vector<const Finding*> on(const Checked& c, const std::string& activity) {
    std::vector<const Finding*> out;
    for (const Finding& f : c.findings) {
        if (f.activity == activity) out.push_back(&f);
    }
    return out;
}

// The first finding across files of this class on this activity (session
// timeline) with days including first..last.
const Finding* across(const Checked& c, const std::string& id, const std::string& activity, int first, int last) {
    for (const Finding& f : c.findings) {
        if (f.id != id || f.activity != activity || !f.across || f.anchor != Anchor::session) continue;
        if (std::any_of(f.days.begin(), f.days.end(), [&](const DayRange& d) { return includes(d, first, last); })) return &f;
    }
    return nullptr;
}

bool is_kind_of(const std::string& activity, const std::string& parent) {
    return activity.rfind(parent + ".", 0) == 0;
}

}  // namespace

// Every sweep walks these: each interval's start on its first day and its end
// on the day after its last, in day order, whether the days are counted into
// slots (close together) or compared (far apart).
static void check_day_events(const std::vector<aftercare::DayRange>& intervals) {
    using namespace aftercare;
    const std::vector<DayEvent> events = day_events(intervals);
    REQUIRE(events.size() == 2 * intervals.size());
    std::vector<int> starts(intervals.size(), 0), ends(intervals.size(), 0);
    for (std::size_t e = 0; e < events.size(); ++e) {
        if (e) CHECK(events[e - 1].day <= events[e].day);
        const DayRange& d = intervals.at(events[e].index);
        if (events[e].starts) {
            ++starts[events[e].index];
            CHECK(events[e].day == start_of(d));
        } else {
            ++ends[events[e].index];
            CHECK(events[e].day == (d.to ? *d.to + 1LL : open_after));
        }
    }
    CHECK(std::all_of(starts.begin(), starts.end(), [](int n) { return n == 1; }));
    CHECK(std::all_of(ends.begin(), ends.end(), [](int n) { return n == 1; }));
}

TEST_CASE("day events come in day order whether counted or sorted", "[findings]") {
    using aftercare::DayRange;
    const std::vector<DayRange> close{{3, 9}, {std::nullopt, 4}, {0, 0}, {7, std::nullopt}, {-2, 3}, {3, 9}, {}};
    SECTION("a few days close together, open ends at either side") { check_day_events(close); }
    SECTION("many days close together, counted") {
        std::vector<DayRange> many;
        for (int copy = 0; copy < 6; ++copy) many.insert(many.end(), close.begin(), close.end());
        REQUIRE(2 * many.size() > aftercare::few_items);
        check_day_events(many);
    }
    SECTION("days far apart") {
        check_day_events({{0, 36000}, {-36000, 5}, {20000, std::nullopt}, {1, 1}, {std::nullopt, std::nullopt}});
    }
    SECTION("none") { check_day_events({}); }
}

// Durations order their runs with it, one part of the key at a time, so it
// must keep the present order among equal days on each of its paths: a few
// items compared, many counted into slots, days far apart compared.
static void check_sorted_by_day(const std::vector<long long>& days) {
    for (const bool descending : {false, true}) {
        std::vector<std::uint32_t> order(days.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::vector<std::uint32_t> expected = order;
        aftercare::stable_sort_by_day(order, [&](std::uint32_t i) { return days[i]; }, descending);
        std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
            return descending ? days[a] > days[b] : days[a] < days[b];
        });
        CHECK(order == expected);
    }
}

TEST_CASE("indices sorted by day keep their order among equal days, counted or compared", "[findings]") {
    using aftercare::open_after;
    using aftercare::open_before;
    const std::vector<long long> few{4, open_after, -2, 4, open_before, 0, open_after, -2};
    SECTION("a few days") { check_sorted_by_day(few); }
    SECTION("many days close together, open ends at either side") {
        std::vector<long long> many;
        for (int copy = 0; copy < 8; ++copy) many.insert(many.end(), few.begin(), few.end());
        REQUIRE(many.size() > aftercare::few_items);
        check_sorted_by_day(many);
    }
    SECTION("many days far apart") {
        std::vector<long long> apart;
        for (int k = 0; k < 40; ++k) apart.push_back(k % 3 == 0 ? 36000 * (k % 2 ? -1 : 1) : k % 5);
        apart.push_back(open_before);
        apart.push_back(open_after);
        check_sorted_by_day(apart);
    }
    SECTION("none") { check_sorted_by_day({}); }
}

TEST_CASE("a side's rule list holds one rule or many and a list moved from is empty", "[findings]") {
    const RuleList one{7};
    CHECK(one.size() == 1);
    CHECK(one.front() == 7);
    CHECK(one == std::vector<RuleIndex>{7});
    const std::vector<RuleIndex> three{2, 5, 9};
    RuleList many(three.begin(), three.end());
    CHECK(many == three);
    CHECK(many.at(2) == 9);
    CHECK_THROWS_AS(many.at(3), std::out_of_range);
    RuleList copy = many;
    CHECK(copy == many);
    RuleList moved = std::move(many);
    CHECK(moved == three);
    CHECK(many.empty());  // NOLINT(bugprone-use-after-move): what a moved-from list holds is promised
    CHECK(many.begin() == many.end());
    copy = one;
    CHECK(copy == one);
    CHECK(RuleList{}.empty());
}

TEST_CASE("a batch of rule lists hands out each list as it was closed, sharing one store", "[findings]") {
    RuleListBatch batch;
    for (const std::vector<RuleIndex>& list : std::vector<std::vector<RuleIndex>>{{4, 8, 15}, {}, {16}, {23, 42}}) {
        CHECK(batch.open_from() == batch.rules().size());
        batch.rules().insert(batch.rules().end(), list.begin(), list.end());
        batch.close();
    }
    REQUIRE(batch.size() == 4);
    const RuleList first = batch.list(0), empty = batch.list(1), single = batch.list(2), last = batch.list(3);
    CHECK(first == std::vector<RuleIndex>{4, 8, 15});
    CHECK(empty.empty());
    CHECK(single == std::vector<RuleIndex>{16});
    CHECK(last == std::vector<RuleIndex>{23, 42});
    CHECK(last.begin() == first.begin() + 4);  // one store: the single rule is in it too, though kept in place
    // The lists outlive the batch, and what it makes next.
    batch.clear();
    batch.rules().push_back(99);
    batch.rules().push_back(100);
    batch.close();
    const RuleList next = batch.list(0);
    batch.clear();
    CHECK(next == std::vector<RuleIndex>{99, 100});
    CHECK(first == std::vector<RuleIndex>{4, 8, 15});
    CHECK(last == std::vector<RuleIndex>{23, 42});
    const RuleList copy = last;
    CHECK(copy.begin() == last.begin());  // a copy shares: lists never change
}

// ------------------------------------------------------------------ contradiction

TEST_CASE("contradiction within one file: forbid and allow on the same activity and days", "[findings]") {
    const Checked c({"findings/within-contradiction.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "contradiction");
    CHECK(f.severity == Severity::warning);
    CHECK_FALSE(f.across);
    CHECK(f.activity == "wash");
    CHECK(f.anchor == Anchor::session);
    CHECK(f.days == std::vector<DayRange>{days(2, 3)});
    REQUIRE(f.sides.size() == 2);
    CHECK(f.sides[0].protocol == 0);
    CHECK(f.sides[0].modality == Modality::forbid);
    CHECK(f.sides[0].rules == std::vector<RuleIndex>{0});
    CHECK(c.line_of(f.sides[0]) == 7);
    CHECK(f.sides[1].protocol == 0);
    CHECK(f.sides[1].modality == Modality::allow);
    CHECK(f.sides[1].rules == std::vector<RuleIndex>{1});
    CHECK(c.line_of(f.sides[1]) == 9);
}

TEST_CASE("contradiction within one file: a rule in force over several stretches is one side with all its days",
          "[findings]") {
    // Days 0..2: the allow and the first forbid; 3..5: both forbids too; 6..8: the allow and the second
    // forbid; 9..10: the allow alone. The three stretches are one contradiction.
    const Checked c({"findings/within-contradiction-segments.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "contradiction");
    CHECK(f.days == std::vector<DayRange>{days(0, 8)});
    REQUIRE(f.sides.size() == 3);
    CHECK(f.sides[0].modality == Modality::allow);
    CHECK(f.sides[0].rules == std::vector<RuleIndex>{0});
    CHECK(f.sides[0].days == days(0, 8));
    CHECK(f.sides[1].modality == Modality::forbid);
    CHECK(f.sides[1].rules == std::vector<RuleIndex>{1});
    CHECK(f.sides[1].days == days(0, 5));
    CHECK(f.sides[2].modality == Modality::forbid);
    CHECK(f.sides[2].rules == std::vector<RuleIndex>{2});
    CHECK(f.sides[2].days == days(3, 8));
}

TEST_CASE("contradiction within one file: not for a kind's exception, a 'when' rule or another timeline",
          "[findings]") {
    SECTION("day 0..6: forbid wash with day 4..6: allow rinse is an exception, not a contradiction") {
        const Checked c({"findings/within-kind-exception.care"});
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
    SECTION("a conditional forbid does not contradict an unconditional allow") {
        const Checked c({"findings/within-conditional.care"});
        REQUIRE(c.protocols[0]->protocol.rules.size() == 2);
        REQUIRE(c.protocols[0]->protocol.rules[1].conditions().size() == 1);  // the fixture is what it says
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
    SECTION("a rule after the final session is not compared with one counted from each session") {
        const Checked c({"findings/within-timelines.care"});
        REQUIRE(c.protocols[0]->protocol.rules[1].window->anchor == Anchor::final_session);
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
}

TEST_CASE("contradiction across files: reported once, on the activity the rules are on", "[findings]") {
    const Checked c({"findings/across-contradiction-a.care", "findings/across-contradiction-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "contradiction");
    CHECK(f.severity == Severity::warning);
    CHECK(f.across);
    CHECK(f.activity == "wash");
    CHECK(f.anchor == Anchor::session);
    CHECK(f.days == std::vector<DayRange>{days(2, 3)});
    REQUIRE(f.sides.size() == 2);
    CHECK(c.name(f.sides[0].protocol) == "across-contradiction-a");
    CHECK(f.sides[0].modality == Modality::forbid);
    CHECK(f.sides[0].rules == std::vector<RuleIndex>{0});
    CHECK(c.name(f.sides[1].protocol) == "across-contradiction-b");
    CHECK(f.sides[1].modality == Modality::allow);
    CHECK(f.sides[1].rules == std::vector<RuleIndex>{0});
    // Inherited by every kind of washing, but not reported on any of them.
    for (const Finding& other : c.findings) CHECK_FALSE(is_kind_of(other.activity, "wash"));
    CHECK(on(c, "wash.rinse").empty());
}

TEST_CASE("contradiction across files: on a kind when one side has a rule on the kind itself", "[findings]") {
    const Checked c({"findings/across-kind-a.care", "findings/across-kind-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "contradiction");
    CHECK(f.across);
    CHECK(f.activity == "wash.rinse");
    CHECK(f.days == std::vector<DayRange>{days(0, 3)});
    REQUIRE(f.sides.size() == 2);
    CHECK(c.name(f.sides[0].protocol) == "across-kind-a");
    CHECK(f.sides[0].modality == Modality::forbid);  // through its rule on wash
    CHECK(c.name(f.sides[1].protocol) == "across-kind-b");
    CHECK(f.sides[1].modality == Modality::allow);
    CHECK(on(c, "wash").empty());
}

TEST_CASE("contradiction across files: not with a 'when' rule, nor between timelines", "[findings]") {
    SECTION("a conditional ban in one clinic, a permission in the other") {
        const Checked c({"findings/across-conditional-a.care", "findings/across-conditional-b.care"});
        REQUIRE(c.protocols[0]->protocol.rules[0].conditions().size() == 1);
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
    SECTION("after the final session in one clinic, from each session in the other") {
        const Checked c({"findings/across-timeline-a.care", "findings/across-timeline-b.care"});
        REQUIRE(c.protocols[0]->protocol.rules[0].window->anchor == Anchor::final_session);
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
}

// ------------------------------------------------------------------ strength-mismatch

TEST_CASE("strength-mismatch within one file: forbid against avoid, require against recommend", "[findings]") {
    const Checked c({"findings/within-strength.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 2);
    const Finding& pat = c.findings[0];  // sorted by activity
    CHECK(pat.id == "strength-mismatch");
    CHECK(pat.severity == Severity::warning);
    CHECK_FALSE(pat.across);
    CHECK(pat.activity == "pat-dry");
    CHECK(pat.days == std::vector<DayRange>{days(0, 5)});
    REQUIRE(pat.sides.size() == 2);
    CHECK(pat.sides[0].modality == Modality::require);
    CHECK(pat.sides[0].rules == std::vector<RuleIndex>{2});
    CHECK(pat.sides[1].modality == Modality::recommend);
    CHECK(pat.sides[1].rules == std::vector<RuleIndex>{3});
    const Finding& swim = c.findings[1];
    CHECK(swim.id == "strength-mismatch");
    CHECK(swim.activity == "swim");
    CHECK(swim.days == std::vector<DayRange>{days(0, 5)});
    REQUIRE(swim.sides.size() == 2);
    CHECK(swim.sides[0].modality == Modality::forbid);
    CHECK(swim.sides[0].rules == std::vector<RuleIndex>{0});
    CHECK(swim.sides[1].modality == Modality::avoid);
    CHECK(swim.sides[1].rules == std::vector<RuleIndex>{1});
}

TEST_CASE("strength-mismatch across files: forbid against avoid, require against recommend", "[findings]") {
    const Checked c({"findings/across-strength-a.care", "findings/across-strength-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 2);
    const Finding& moisturize = c.findings[0];
    CHECK(moisturize.id == "strength-mismatch");
    CHECK(moisturize.across);
    CHECK(moisturize.activity == "moisturize");
    CHECK(moisturize.days == std::vector<DayRange>{days(0, 7)});
    REQUIRE(moisturize.sides.size() == 2);
    CHECK(c.name(moisturize.sides[0].protocol) == "across-strength-a");
    CHECK(moisturize.sides[0].modality == Modality::require);
    CHECK(c.name(moisturize.sides[1].protocol) == "across-strength-b");
    CHECK(moisturize.sides[1].modality == Modality::recommend);
    const Finding& swim = c.findings[1];
    CHECK(swim.id == "strength-mismatch");
    CHECK(swim.across);
    CHECK(swim.activity == "swim");
    CHECK(swim.days == std::vector<DayRange>{days(0, 14)});
    REQUIRE(swim.sides.size() == 2);
    CHECK(c.name(swim.sides[0].protocol) == "across-strength-a");
    CHECK(swim.sides[0].modality == Modality::forbid);
    CHECK(c.name(swim.sides[1].protocol) == "across-strength-b");
    CHECK(swim.sides[1].modality == Modality::avoid);
}

TEST_CASE("strength-mismatch: allow against recommend is not one", "[findings]") {
    SECTION("within one file") {
        const Checked c({"findings/within-allow-recommend.care"});
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
    SECTION("across files") {
        const Checked c({"findings/across-allow-recommend-a.care", "findings/across-allow-recommend-b.care"});
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
}

TEST_CASE("strength-mismatch: a contradiction on the same days is reported instead", "[findings]") {
    auto check = [](const Checked& c, bool across_files) {
        INFO(c.listing());
        REQUIRE(c.findings.size() == 2);
        const Finding& contradiction = c.findings[0];
        CHECK(contradiction.id == "contradiction");
        CHECK(contradiction.across == across_files);
        CHECK(contradiction.activity == "swim");
        CHECK(contradiction.days == std::vector<DayRange>{days(0, 5)});
        REQUIRE(contradiction.sides.size() == 3);
        CHECK(contradiction.sides[0].modality == Modality::forbid);
        CHECK(contradiction.sides[1].modality == Modality::avoid);
        CHECK(contradiction.sides[2].modality == Modality::allow);
        const Finding& strength = c.findings[1];
        CHECK(strength.id == "strength-mismatch");
        CHECK(strength.across == across_files);
        CHECK(strength.activity == "swim");
        CHECK(strength.days == std::vector<DayRange>{days(6, 10)});  // not days 0..5
        REQUIRE(strength.sides.size() == 2);
        CHECK(strength.sides[0].modality == Modality::forbid);
        CHECK(strength.sides[1].modality == Modality::avoid);
    };
    SECTION("within one file") {
        const Checked c({"findings/within-contradiction-over-strength.care"});
        check(c, false);
    }
    SECTION("across three files") {
        const Checked c({"findings/across-over-strength-a.care", "findings/across-over-strength-b.care",
                         "findings/across-over-strength-c.care"});
        check(c, true);
        REQUIRE(c.findings.size() == 2);
        CHECK(c.name(c.findings[0].sides[2].protocol) == "across-over-strength-c");
    }
}

// ------------------------------------------------------------------ duration-mismatch

TEST_CASE("duration-mismatch within one file: 28 days and 30 days of the same ban", "[findings]") {
    const Checked c({"findings/within-duration.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "duration-mismatch");
    CHECK(f.severity == Severity::warning);
    CHECK_FALSE(f.across);
    CHECK(f.activity == "swim");
    CHECK(f.days == std::vector<DayRange>{days(29, 30)});
    REQUIRE(f.sides.size() == 2);
    CHECK(f.sides[0].modality == Modality::avoid);
    CHECK(f.sides[0].days == days(0, 28));
    CHECK(f.sides[0].rules == std::vector<RuleIndex>{0});
    CHECK(f.sides[1].modality == Modality::avoid);
    CHECK(f.sides[1].days == days(0, 30));
    CHECK(f.sides[1].rules == std::vector<RuleIndex>{1});
}

TEST_CASE("duration-mismatch within one file: not hidden by another file's contradiction on those days", "[findings]") {
    // A duration mismatch is dropped when a contradiction in the same file
    // covers its days; one in another file says nothing about this file.
    const Checked c({"findings/within-duration.care", "findings/within-contradiction-swim.care"});
    INFO(c.listing());
    const auto own = [&](const std::string& id, const std::string& file) {
        return std::count_if(c.findings.begin(), c.findings.end(), [&](const Finding& f) {
            return f.id == id && !f.across && f.activity == "swim" && c.name(f.sides.at(0).protocol) == file;
        });
    };
    CHECK(own("contradiction", "within-contradiction-swim") == 1);
    CHECK(own("duration-mismatch", "within-duration") == 1);
}

TEST_CASE("duration-mismatch across files: swimming banned for 14 days and for 30", "[findings]") {
    const Checked c({"findings/across-duration-a.care", "findings/across-duration-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "duration-mismatch");
    CHECK(f.across);
    CHECK(f.activity == "swim");
    CHECK(f.anchor == Anchor::session);
    CHECK(f.days == std::vector<DayRange>{days(15, 30)});
    REQUIRE(f.sides.size() == 2);
    CHECK(c.name(f.sides[0].protocol) == "across-duration-a");
    CHECK(f.sides[0].modality == Modality::avoid);
    CHECK(f.sides[0].days == days(0, 14));
    CHECK(c.name(f.sides[1].protocol) == "across-duration-b");
    CHECK(f.sides[1].modality == Modality::avoid);
    CHECK(f.sides[1].days == days(0, 30));
}

TEST_CASE("duration-mismatch across files: a permission from day 3 and from day 7", "[findings]") {
    const Checked c({"findings/across-permission-a.care", "findings/across-permission-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "duration-mismatch");
    CHECK(f.across);
    CHECK(f.activity == "wash");
    CHECK(f.days == std::vector<DayRange>{days(3, 6)});
    REQUIRE(f.sides.size() == 2);
    CHECK(c.name(f.sides[0].protocol) == "across-permission-a");
    CHECK(f.sides[0].modality == Modality::allow);
    CHECK(f.sides[0].days == days_from(3));
    CHECK(c.name(f.sides[1].protocol) == "across-permission-b");
    CHECK(f.sides[1].modality == Modality::allow);
    CHECK(f.sides[1].days == days_from(7));
}

TEST_CASE("duration-mismatch: not for the same window, nor for restrictions far apart", "[findings]") {
    SECTION("for 2 weeks and for 14 days are the same days") {
        const Checked c({"findings/across-same-duration-a.care", "findings/across-same-duration-b.care"});
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
    SECTION("days 0..3 and days 20..30") {
        const Checked c({"findings/across-apart-a.care", "findings/across-apart-b.care"});
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
    SECTION("an identical window in the strength fixtures gives a strength mismatch, no duration mismatch") {
        const Checked c({"findings/across-strength-a.care", "findings/across-strength-b.care"});
        INFO(c.listing());
        for (const Finding& f : c.findings) CHECK(f.id != "duration-mismatch");
    }
}

// ------------------------------------------------------------------ gap-days

TEST_CASE("gap-days: days between a protocol's rules on an activity with no guidance", "[findings]") {
    SECTION("washing forbidden on days 0..3 and allowed from day 7; reported on wash, not on its kinds") {
        const Checked c({"findings/within-gap-days.care"});
        INFO(c.listing());
        REQUIRE(c.findings.size() == 1);
        const Finding& f = c.findings[0];
        CHECK(f.id == "gap-days");
        CHECK(f.severity == Severity::info);
        CHECK_FALSE(f.across);
        CHECK(f.activity == "wash");
        CHECK(f.anchor == Anchor::session);
        CHECK(f.days == std::vector<DayRange>{days(4, 6)});
        REQUIRE(f.sides.size() == 2);
        CHECK(f.sides[0].modality == Modality::forbid);
        CHECK(f.sides[0].days == days(0, 3));
        CHECK(f.sides[0].rules == std::vector<RuleIndex>{0});
        CHECK(f.sides[1].modality == Modality::allow);
        CHECK(f.sides[1].days == days_from(7));
        CHECK(f.sides[1].rules == std::vector<RuleIndex>{1});
        // wash.rinse inherits the same gap, but the protocol never names it.
        CHECK(on(c, "wash.rinse").empty());
    }
    SECTION("a kind the protocol names has the gap through its parent's rule") {
        const Checked c({"findings/within-gap-kind.care"});
        INFO(c.listing());
        REQUIRE(c.findings.size() == 1);
        const Finding& f = c.findings[0];
        CHECK(f.id == "gap-days");
        CHECK(f.activity == "wash.rinse");
        CHECK(f.days == std::vector<DayRange>{days(4, 6)});
        REQUIRE(f.sides.size() == 2);
        CHECK(f.sides[0].modality == Modality::forbid);
        CHECK(f.sides[0].rules == std::vector<RuleIndex>{0});  // the rule on wash
        CHECK(f.sides[1].modality == Modality::allow);
        CHECK(f.sides[1].rules == std::vector<RuleIndex>{1});
        CHECK(on(c, "wash").empty());  // wash itself runs only to day 3: no gap
    }
    SECTION("contiguous windows leave no gap") {
        const Checked c({"findings/within-no-gap.care"});
        INFO(c.listing());
        CHECK(c.findings.empty());
    }
}

// ------------------------------------------------------------------ gap-expected

TEST_CASE("gap-expected: an smp protocol that never mentions an expected topic", "[findings]") {
    const Checked c({"findings/expected-missing.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 2);
    const Finding& sun = c.findings[0];
    CHECK(sun.id == "gap-expected");
    CHECK(sun.severity == Severity::warning);
    CHECK_FALSE(sun.across);
    CHECK(sun.activity == "sun");
    CHECK(sun.sides.empty());
    CHECK(sun.days.empty());
    CHECK(std::ranges::equal(sun.silent(), std::vector<std::size_t>{0}));
    CHECK(std::ranges::equal(sun.alternatives(), std::vector<std::string>{"sunscreen", "sun-protection"}));
    const Finding& swim = c.findings[1];
    CHECK(swim.id == "gap-expected");
    CHECK(swim.activity == "swim");
    CHECK(std::ranges::equal(swim.silent(), std::vector<std::size_t>{0}));
    CHECK(swim.alternatives().empty());
    // Reported at the file.
    CHECK(to_diagnostic(swim, c.protocols).location.file == "findings/expected-missing.care");
}

TEST_CASE("gap-expected: a kind of the topic or an alternative covers it", "[findings]") {
    const Checked c({"findings/expected-covered.care"});
    const auto& rules = c.protocols[0]->protocol.rules;
    REQUIRE(std::any_of(rules.begin(), rules.end(), [](const Rule& r) { return r.activity == "swim.chlorinated"; }));
    REQUIRE(std::none_of(rules.begin(), rules.end(), [](const Rule& r) { return r.activity == "swim"; }));
    INFO(c.listing());
    CHECK(c.findings.empty());
}

// ------------------------------------------------------------------ gap-coverage

TEST_CASE("gap-coverage: a topic one clinic covers and another never mentions, but not via kinds", "[findings]") {
    const Checked c({"findings/across-coverage-a.care", "findings/across-coverage-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);  // none on wash: rinse and shampoo are both washing
    const Finding& f = c.findings[0];
    CHECK(f.id == "gap-coverage");
    CHECK(f.severity == Severity::info);
    CHECK(f.across);
    CHECK(f.activity == "swim");
    REQUIRE(f.sides.size() == 1);
    CHECK(c.name(f.sides[0].protocol) == "across-coverage-a");
    CHECK(f.sides[0].rules == std::vector<RuleIndex>{1});
    REQUIRE(f.silent().size() == 1);
    CHECK(c.name(f.silent()[0]) == "across-coverage-b");
    CHECK(to_diagnostic(f, c.protocols).message ==
          "'swim' is covered by across-coverage-a but never mentioned by across-coverage-b");
}

TEST_CASE("gap-coverage: the side is the clinic's first rule on the topic, whatever its kind or timeline", "[findings]") {
    const Checked c({"findings/across-coverage-first-a.care", "findings/across-coverage-first-b.care"});
    INFO(c.listing());
    REQUIRE(c.findings.size() == 1);
    const Finding& f = c.findings[0];
    CHECK(f.id == "gap-coverage");
    CHECK(f.activity == "swim");
    REQUIRE(f.sides.size() == 1);
    CHECK(c.name(f.sides[0].protocol) == "across-coverage-first-a");
    // Rule 1 is on swim.chlorinated after the final session; rule 2, on swim itself, comes later, and so
    // does rule 3, the kind's other rule.
    CHECK(f.sides[0].rules == std::vector<RuleIndex>{1});
    REQUIRE(f.silent().size() == 1);
    CHECK(c.name(f.silent()[0]) == "across-coverage-first-b");
}

// ------------------------------------------------------------------ the five clinics

namespace {
const std::vector<std::string>& clinics() {
    static const std::vector<std::string> files = [] {
        enter_test_dir();
        return files_in("../protocols/clinics", ".care");
    }();
    return files;
}
}  // namespace

TEST_CASE("clinics: the first wash, allowed on day 3 by one clinic and banned on days 1..3 by others",
          "[findings][clinics]") {
    const Checked c(clinics());
    REQUIRE(c.protocols.size() == 5);
    INFO(c.listing());
    const Finding* f = across(c, "contradiction", "wash", 3, 3);
    REQUIRE(f);
    const FindingSide* allows = c.side(*f, "proper-smp-aftercare");
    REQUIRE(allows);
    CHECK_FALSE(restrictive(allows->modality));
    const FindingSide* before_after = c.side(*f, "before-and-after-care");
    const FindingSide* tips = c.side(*f, "tips-and-advice");
    CHECK(((before_after && restrictive(before_after->modality)) || (tips && restrictive(tips->modality))));
}

TEST_CASE("clinics: clipper shaving on days 4..5", "[findings][clinics]") {
    const Checked c(clinics());
    INFO(c.listing());
    const Finding* f = across(c, "contradiction", "shave.machine", 4, 5);
    REQUIRE(f);
    const FindingSide* before_after = c.side(*f, "before-and-after-care");
    const FindingSide* tips = c.side(*f, "tips-and-advice");
    REQUIRE(before_after);
    REQUIRE(tips);
    CHECK_FALSE(restrictive(before_after->modality));
    CHECK(restrictive(tips->modality));
}

TEST_CASE("clinics: swimming and sauna banned for 14 days in one clinic, for 28 to 30 or more in another",
          "[findings][clinics]") {
    const Checked c(clinics());
    INFO(c.listing());
    for (const std::string activity : {"swim", "sauna"}) {
        INFO(activity);
        const Finding* f = across(c, "duration-mismatch", activity, 15, 28);
        REQUIRE(f);
        const FindingSide* fourteen = c.side(*f, "proper-smp-aftercare");
        const FindingSide* longer = c.side(*f, "tips-and-advice");
        REQUIRE(fourteen);
        REQUIRE(longer);
        CHECK(restrictive(fourteen->modality));
        CHECK(fourteen->days.to == std::optional<int>(14));
        CHECK(restrictive(longer->modality));
        CHECK(includes(longer->days, 0, 28));
    }
}

TEST_CASE("clinics: heavy sweating allowed from day 7 in one clinic, banned for 30 days in another",
          "[findings][clinics]") {
    const Checked c(clinics());
    INFO(c.listing());
    const Finding* f = across(c, "contradiction", "sweat.heavy", 7, 30);
    if (!f) f = across(c, "contradiction", "sweat", 7, 30);
    REQUIRE(f);
    const FindingSide* before_after = c.side(*f, "before-and-after-care");
    const FindingSide* tips = c.side(*f, "tips-and-advice");
    REQUIRE(before_after);
    REQUIRE(tips);
    CHECK_FALSE(restrictive(before_after->modality));
    CHECK(restrictive(tips->modality));
}

TEST_CASE("clinics: a mild exfoliating cleanser recommended against the standing ban on exfoliants",
          "[findings][clinics]") {
    const Checked c(clinics());
    INFO(c.listing());
    const Finding* f = nullptr;
    for (const Finding& candidate : c.findings) {
        if (candidate.id == "contradiction" && candidate.across && candidate.activity == "product.exfoliant") f = &candidate;
    }
    REQUIRE(f);
    const FindingSide* tips = c.side(*f, "tips-and-advice");
    const FindingSide* proper = c.side(*f, "proper-smp-aftercare");
    const FindingSide* recipe = c.side(*f, "recipe-for-long-lasting-results");
    REQUIRE(tips);
    REQUIRE(proper);
    REQUIRE(recipe);
    CHECK(tips->modality == Modality::recommend);
    CHECK(restrictive(proper->modality));
    CHECK(restrictive(recipe->modality));
}

TEST_CASE("clinics: moisturizing on days 1..3", "[findings][clinics]") {
    const Checked c(clinics());
    INFO(c.listing());
    const Finding* found = nullptr;
    for (const Finding& f : c.findings) {
        if (f.activity != "moisturize" || !f.across || f.anchor != Anchor::session) continue;
        if (!std::any_of(f.days.begin(), f.days.end(), [](const DayRange& d) { return includes(d, 1, 3); })) continue;
        if (!c.side(f, "proper-smp-aftercare")) continue;
        if (std::none_of(f.sides.begin(), f.sides.end(),
                         [&](const FindingSide& s) { return c.name(s.protocol) != "proper-smp-aftercare"; }))
            continue;
        found = &f;
    }
    REQUIRE(found);
}

// ------------------------------------------------------------------ the program

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("check: a contradiction between two files, with both files' lines and quotes", "[findings][cli]") {
    const std::string files = "findings/across-contradiction-a.care findings/across-contradiction-b.care";
    const auto result = run_program("check " + files + " --color never");
    INFO(result.out);
    CHECK(result.status == 1);
    CHECK(contains(result.out,
                   "findings/across-contradiction-a.care:7:18: warning: clinics disagree on 'wash', days 2..3: "
                   "across-contradiction-a forbids it on days 0..3; across-contradiction-b allows it on days 2.. "
                   "[contradiction]\n"));
    CHECK(contains(result.out,
                   "findings/across-contradiction-a.care:7:18: note: across-contradiction-a: forbid wash (day 0..3)\n"));
    CHECK(contains(result.out, "  quote: \"Do not wash your head for the first three days.\"\n"));
    CHECK(contains(result.out,
                   "findings/across-contradiction-b.care:7:16: note: across-contradiction-b: allow wash (day 2..)\n"));
    CHECK(contains(result.out, "  quote: \"You can wash your head from the second day.\"\n"));
    CHECK(contains(result.out, " 7 | day 2..: allow wash\n"));
    CHECK(contains(result.out, "checked 2 files: 0 errors, 1 warning, 0 infos\n"));

    const auto lenient = run_program("check " + files + " --fail-on error --color never");
    CHECK(lenient.status == 0);
    CHECK(contains(lenient.out, "[contradiction]"));

    // Each file alone is clean: the finding is between them.
    CHECK(run_program("check findings/across-contradiction-a.care").status == 0);
    CHECK(run_program("check findings/across-contradiction-b.care").status == 0);
}
