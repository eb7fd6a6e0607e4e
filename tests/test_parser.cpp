// The tree the parser builds, and how it recovers after an error.
#include <catch2/catch.hpp>

#include "core/parser.hpp"
#include "core/utf8.hpp"

using namespace aftercare;
using namespace aftercare::syntax;

namespace {
ParseResult parse_text(const std::string& text) {
    static std::vector<std::unique_ptr<SourceFile>> keep;  // the tree's spans point into these
    keep.push_back(std::make_unique<SourceFile>("test.care", text));
    return parse(*keep.back());
}
}  // namespace

TEST_CASE("the design card's example builds one rule with two clauses", "[parser]") {
    const auto result = parse_text("day 4..6: allow rinse; forbid shampoo\n");
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.document.statements.size() == 1);
    const auto& rule = std::get<RuleDecl>(result.document.statements[0].node);
    REQUIRE(rule.window.days);
    CHECK(rule.window.days->form == Days::Form::range);
    CHECK(rule.window.days->first->value == 4);
    CHECK(rule.window.days->last->value == 6);
    REQUIRE(rule.clauses.size() == 2);
    CHECK(rule.clauses[0].modality == Modality::allow);
    CHECK(rule.clauses[0].activities[0].text == "rinse");
    CHECK(rule.clauses[1].modality == Modality::forbid);
    CHECK(rule.clauses[1].activities[0].text == "shampoo");
    CHECK(rule.clauses[1].activities[0].span.begin == 30);
    CHECK(rule.clauses[1].activities[0].span.end == 37);
}

TEST_CASE("a window's parts are absent exactly when not written", "[parser]") {
    // Optional parts mark absence with a span no text has (it ends before
    // it begins): a part one character long is still present.
    const auto result = parse_text(
        "day 1: forbid swim\n"
        "day 2..: allow rinse at most 3 times\n"
        "after final session: allow shave\n"
        "until healed: forbid sauna\n"
        "for 2 weeks: avoid sun\n");
    REQUIRE(result.diagnostics.empty());
    const auto& statements = result.document.statements;
    REQUIRE(statements.size() == 5);
    const auto window = [&](std::size_t i) { return std::get<RuleDecl>(statements[i].node).window; };
    REQUIRE(window(0).days);
    CHECK(window(0).days->first->value == 1);
    CHECK(window(0).days->first->span.begin == 4);
    CHECK(window(0).days->first->span.end == 5);
    CHECK_FALSE(window(0).days->last);
    CHECK_FALSE(window(0).days->amount);
    CHECK_FALSE(window(0).days->name);
    CHECK(window(1).days->form == Days::Form::open_end);
    CHECK_FALSE(window(1).days->last);
    const auto& limit = *std::get<RuleDecl>(statements[1].node).clauses[0].quantity;
    CHECK(limit.low.value == 3);
    CHECK_FALSE(limit.high);
    CHECK_FALSE(limit.per);
    CHECK_FALSE(window(2).days);
    CHECK(window(2).anchor == Anchor::final_session);
    CHECK(window(3).days->name->text == "healed");
    CHECK_FALSE(window(3).days->first);
    CHECK(window(4).days->amount->value == 2);
    CHECK(window(4).days->unit == DurationUnit::week);
    CHECK_FALSE(window(4).days->first);
}

TEST_CASE("quote and note lines belong to the statement above them", "[parser]") {
    const auto result = parse_text("day 1: forbid wash\n  quote \"Don't wash.\"\n  note \"a \\\"b\\\" c\"\n");
    REQUIRE(result.diagnostics.empty());
    const auto& attributes = result.document.statements.at(0).attributes;
    REQUIRE(attributes.size() == 2);
    CHECK(attributes[0].kind == Attribute::Kind::quote);
    CHECK(attributes[0].text.value == "Don't wash.");
    CHECK(attributes[1].text.value == "a \"b\" c");
}

TEST_CASE("quantities keep their bound, numbers, unit and period", "[parser]") {
    const auto result = parse_text("day 1: allow shower at most 5 minutes; recommend moisturize 2..4 per day\n");
    REQUIRE(result.diagnostics.empty());
    const auto& rule = std::get<RuleDecl>(result.document.statements.at(0).node);
    const auto& shower = *rule.clauses[0].quantity;
    CHECK(shower.bound == Quantity::Bound::at_most);
    CHECK(shower.low.value == 5);
    CHECK(shower.unit == Quantity::Unit::minute);
    const auto& moisturize = *rule.clauses[1].quantity;
    CHECK(moisturize.bound == Quantity::Bound::exactly);
    CHECK(moisturize.low.value == 2);
    CHECK(moisturize.high->value == 4);
    CHECK(moisturize.unit == Quantity::Unit::count);
    CHECK(moisturize.per->text == "day");
}

TEST_CASE("after an error the parser goes on at the next line and reports each error", "[parser]") {
    const auto result = parse_text(
        "day 1 forbid wash\n"
        "  quote \"belongs to the broken line\"\n"
        "day 2: allow rinse\n"
        "day 3: allw rinse\n"
        "day 4: forbid shampoo\n");
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].location.line == 1);
    CHECK(result.diagnostics[0].location.column == 7);
    CHECK(result.diagnostics[1].location.line == 4);
    CHECK(result.diagnostics[1].location.column == 8);
    // The quote of the broken line is not attached to anything else.
    REQUIRE(result.document.statements.size() == 2);
    CHECK(result.document.statements[0].attributes.empty());
}

TEST_CASE("comments are kept with whether they stand alone", "[parser]") {
    const auto result = parse_text("# header\nday 1: forbid wash # why\n");
    REQUIRE(result.document.comments.size() == 2);
    CHECK(result.document.comments[0].own_line);
    CHECK(result.document.comments[0].text == "# header");
    CHECK_FALSE(result.document.comments[1].own_line);
}

TEST_CASE("a garbage file stops after a bounded number of errors", "[parser]") {
    std::string garbage;
    for (int i = 0; i < 10000; ++i) garbage += "@@@ not a statement\n";
    const auto result = parse_text(garbage);
    CHECK(result.diagnostics.size() == max_syntax_errors + 1);
    CHECK(result.diagnostics.back().code == "too-many-errors");
}

TEST_CASE("positions found walking through a file agree with a search in any order", "[source]") {
    std::string text;
    for (int line = 0; line < 40; ++line) text += std::string(static_cast<std::size_t>(line % 7), 'x') + "é ü\n";
    text += "last line without a break";
    const SourceFile file("walk.care", text);
    const auto size = static_cast<std::uint32_t>(text.size());
    auto agrees = [&](const std::vector<std::uint32_t>& offsets) {
        SourceFile::LineHint hint;
        for (const std::uint32_t offset : offsets) {
            const Span span{offset, std::min(offset + 3, size)};
            const Position walked = file.position(span, hint);
            const Position searched = file.position(span);
            INFO("offset " << offset);
            CHECK(walked.line == searched.line);
            CHECK(walked.column == searched.column);
            CHECK(walked.end_line == searched.end_line);
            CHECK(walked.end_column == searched.end_column);
        }
    };
    std::vector<std::uint32_t> forward, backward, jumping;
    for (std::uint32_t o = 0; o <= size; ++o) forward.push_back(o);
    backward.assign(forward.rbegin(), forward.rend());
    for (std::uint32_t o = 0; o <= size; o += 97) jumping.push_back(o);
    for (std::uint32_t o = size; o > 131; o -= 131) jumping.push_back(o);
    agrees(forward);
    agrees(backward);
    agrees(jumping);
    CHECK(file.position({size, size}).line == 41);
}

TEST_CASE("first_invalid_utf8 finds the first bad byte wherever it falls among plain ASCII", "[parser][encoding]") {
    for (std::size_t at = 0; at < 20; ++at) {
        INFO(at);
        CHECK(first_invalid_utf8(std::string(at, 'a') + "\xff" + std::string(10, 'b')) == at);
    }
    CHECK_FALSE(first_invalid_utf8(std::string(7, 'a') + "\xc3\xa9" + std::string(10, 'a')).has_value());  // across eight bytes
    CHECK(first_invalid_utf8(std::string(15, 'a') + "\xe2\x82") == 15u);  // cut short at the end
    CHECK(first_invalid_utf8(std::string(9, 'a') + "\xe2\x82\xac" + std::string(8, 'x') + "\xc3(") == 20u);
    CHECK_FALSE(first_invalid_utf8(std::string(64, 'a')).has_value());
}
