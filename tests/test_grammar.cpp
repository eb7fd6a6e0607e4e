// The grammar on its own: PEGTL's analysis, and what each rule accepts.
#include <catch2/catch.hpp>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "../grammar/aftercare.hpp"

namespace g = aftercare::grammar;
namespace pegtl = tao::pegtl;

namespace {
// Whether `Rule` matches all of `text`.
template <typename Rule>
bool matches(const std::string& text) {
    pegtl::memory_input in(text, "test");
    try {
        return pegtl::parse<pegtl::seq<Rule, pegtl::eof>>(in);
    } catch (const pegtl::parse_error&) {
        return false;
    }
}
}  // namespace

TEST_CASE("the grammar has no rules that loop without consuming input", "[grammar]") {
    CHECK(pegtl::analyze<g::file>(1) == 0);
}

TEST_CASE("the design card's example is one rule with two clauses", "[grammar]") {
    CHECK(matches<g::rule_decl>("day 4..6: allow rinse; forbid shampoo"));
    CHECK(matches<g::file>("day 4..6: allow rinse; forbid shampoo\n"));
}

TEST_CASE("day windows", "[grammar]") {
    CHECK(matches<g::window>("day 3"));
    CHECK(matches<g::window>("day 1..3"));
    CHECK(matches<g::window>("day 7.."));
    CHECK(matches<g::window>("day ..-1"));
    CHECK(matches<g::window>("day -3..-1"));
    CHECK(matches<g::window>("for 14 days"));
    CHECK(matches<g::window>("for 2 weeks"));
    CHECK(matches<g::window>("for 1 year"));
    CHECK(matches<g::window>("until healed"));
    CHECK(matches<g::window>("from healed"));
    CHECK(matches<g::window>("during healing"));
    CHECK(matches<g::window>("ongoing"));
    CHECK(matches<g::window>("between sessions"));
    CHECK(matches<g::window>("after final session"));
    CHECK(matches<g::window>("day 4.. after final session"));
    CHECK_FALSE(matches<g::window>("day"));
    CHECK_FALSE(matches<g::window>("days 4"));
    CHECK(matches<g::window>("day 1234567890"));  // the checker, not the grammar, says it is too far
}

TEST_CASE("clauses, activities and quantities", "[grammar]") {
    CHECK(matches<g::clause>("forbid swim, sauna, steam-room"));
    CHECK(matches<g::clause>("allow shave.machine"));
    CHECK(matches<g::clause>("recommend moisturize 2..4 per day"));
    CHECK(matches<g::clause>("allow shower at most 5 minutes"));
    CHECK(matches<g::clause>("recommend moisturize at least 1 time per day"));
    CHECK(matches<g::clause>("recommend sunscreen spf 30..50"));
    CHECK(matches<g::clause>("recommend sunscreen spf at least 30"));
    CHECK_FALSE(matches<g::clause>("allowed rinse"));  // keywords end at a word boundary
    CHECK_FALSE(matches<g::clause>("allow-x rinse"));
    CHECK_FALSE(matches<g::clause>("allow rinse,"));
}

TEST_CASE("header, vocabulary and warning statements", "[grammar]") {
    CHECK(matches<g::statement>("protocol \"SMP aftercare\""));
    CHECK(matches<g::statement>("procedure smp"));
    CHECK(matches<g::statement>("source \"Clinic\" url \"https://example.com\" retrieved 2026-11-01"));
    CHECK(matches<g::statement>("source \"Clinic\""));
    CHECK(matches<g::statement>("import \"../vocabulary.care\""));
    CHECK(matches<g::statement>("vocabulary \"smp-shared\""));
    CHECK(matches<g::statement>("activity wash.rinse \"Plain water\" aka rinsing, water-only"));
    CHECK(matches<g::statement>("sign fever \"High temperature\""));
    CHECK(matches<g::statement>("milestone healed = day 7"));
    CHECK(matches<g::statement>("phase healing = for 7 days"));
    CHECK(matches<g::statement>("warning itching, swelling: stop moisturize; contact technician"));
    CHECK(matches<g::statement>("warning fever: seek care"));
}

TEST_CASE("lines: comments, attributes, blank lines and the last line", "[grammar]") {
    CHECK(matches<g::file>(""));
    CHECK(matches<g::file>("# only a comment"));
    CHECK(matches<g::file>("day 1: forbid wash # trailing comment\n  quote \"Don't wash\"\n  note \"a \\\"note\\\"\"\n\n"));
    CHECK(matches<g::file>("day 1: forbid wash\r\n"));
    CHECK_FALSE(matches<g::file>("day 1: forbid wash extra\n"));
    CHECK_FALSE(matches<g::file>("quote \"open\n"));
}
