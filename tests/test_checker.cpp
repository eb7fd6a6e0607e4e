// Semantic checks and the resolved view, on protocols held in memory.
#include <catch2/catch.hpp>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "cli/files.hpp"
#include "core/resolve.hpp"
#include "support.hpp"

using namespace aftercare;
using namespace aftercare::test;

namespace {
const std::string header =
    "protocol \"Test\"\nprocedure smp\nsource \"Test clinic\"\nimport \"../protocols/vocabulary.care\"\n";

Compilation compile_rules(const std::string& rules) {
    enter_test_dir();
    return compile_text("test.care", header + rules);
}

std::vector<std::string> codes(const Compilation& c) {
    std::vector<std::string> out;
    for (const auto& d : c.diagnostics) out.push_back(d.code);
    return out;
}

const ResolvedActivity* resolved(const Compilation& c, const std::string& activity,
                                 Anchor anchor = Anchor::session) {
    for (const auto& r : c.resolved) {
        if (r.activity == activity && r.anchor == anchor) return &r;
    }
    return nullptr;
}
}  // namespace

TEST_CASE("windows become day numbers", "[checker]") {
    const auto c = compile_rules(
        "milestone healed = day 7\n"
        "phase healing = day 0..6\n"
        "day 4..6: allow rinse\n"
        "day 7..: allow shampoo\n"
        "day ..-1: allow shave\n"
        "for 2 weeks: forbid swim\n"
        "until healed: forbid sauna\n"
        "from healed: recommend sunscreen\n"
        "during healing: avoid sun\n"
        "ongoing: avoid product.exfoliant\n"
        "between sessions: recommend moisturize\n");
    REQUIRE(c.ok());
    const auto& rules = c.protocol.rules;
    REQUIRE(rules.size() == 9);
    auto window = [&](std::size_t i) {
        return std::make_pair(std::optional<int>(rules[i].window->from), std::optional<int>(rules[i].window->to));
    };
    CHECK(window(0) == std::make_pair(std::optional<int>(4), std::optional<int>(6)));
    CHECK(window(1) == std::make_pair(std::optional<int>(7), std::optional<int>()));
    CHECK(window(2) == std::make_pair(std::optional<int>(), std::optional<int>(-1)));
    CHECK(window(3) == std::make_pair(std::optional<int>(0), std::optional<int>(14)));
    CHECK(window(4) == std::make_pair(std::optional<int>(0), std::optional<int>(6)));
    CHECK(window(5) == std::make_pair(std::optional<int>(7), std::optional<int>()));
    CHECK(window(6) == std::make_pair(std::optional<int>(0), std::optional<int>(6)));
    CHECK(window(7) == std::make_pair(std::optional<int>(0), std::optional<int>()));
    CHECK(rules[8].window->anchor == Anchor::between_sessions);
    CHECK(rules[0].activity == "wash.rinse");
    CHECK(rules[3].activity == "swim");
}

TEST_CASE("a line's quotes, notes and conditions outlive the text and the tree they were read from", "[checker]") {
    enter_test_dir();
    const std::string text = header +
                             "day 4..6: allow rinse; forbid shampoo\n"
                             "  quote \"Rinse \\\"gently\\\"\"\n"
                             "  note \"as the page says\"\n"
                             "  when \"the scalp is dry\"\n"
                             "  quote \"No shampoo\"\n"
                             "day 7..: allow shampoo\n"
                             "milestone healed = day 10\n"
                             "  note \"when the scabs are gone\"\n";
    // The source set, and the syntax tree, are gone when the compilation is
    // read: the texts must be the protocol's own, escapes and all.
    std::optional<Compilation> compiled;
    std::weak_ptr<const std::string> source_text;
    {
        SourceSet sources;
        Compiler compiler(sources, cli::file_loader());
        const SourceFile& file = sources.add("test.care", text);
        source_text = file.shared_text();
        compiled = compiler.compile(file);
    }
    const Compilation& c = *compiled;
    REQUIRE(c.ok());
    // Plain texts are views of the source, which the protocol keeps; the one
    // with escapes is a copy of its own.
    const auto source = source_text.lock();
    REQUIRE(source);
    const auto in_source = [&](std::string_view view) {
        return std::less_equal<const char*>{}(source->data(), view.data()) &&
               std::less_equal<const char*>{}(view.data() + view.size(), source->data() + source->size());
    };
    const auto& rules = c.protocol.rules;
    REQUIRE(rules.size() == 3);
    for (const std::size_t i : {0, 1}) {
        const Provenance& p = rules[i].provenance;
        CHECK(std::vector<std::string>(p.quotes().begin(), p.quotes().end()) ==
              std::vector<std::string>{"Rinse \"gently\"", "No shampoo"});
        CHECK(std::vector<std::string>(p.notes().begin(), p.notes().end()) == std::vector<std::string>{"as the page says"});
        CHECK(std::vector<std::string>(rules[i].conditions().begin(), rules[i].conditions().end()) ==
              std::vector<std::string>{"the scalp is dry"});
        CHECK_FALSE(in_source(p.quotes()[0]));
        CHECK(in_source(p.quotes()[1]));
        CHECK(in_source(p.notes()[0]));
    }
    CHECK(rules[0].provenance.texts == rules[1].provenance.texts);  // one line's texts, kept once
    CHECK(rules[2].provenance.texts == nullptr);
    CHECK(rules[2].conditions().empty());
    REQUIRE(c.protocol.milestones.size() == 1);
    CHECK(c.protocol.milestones[0].provenance.notes().front() == "when the scabs are gone");
    CHECK(c.protocol.milestones[0].provenance.quotes().empty());
}

TEST_CASE("the rules of a line share its window, those of a clause its limit, for as long as a copy of the protocol",
          "[checker]") {
    std::optional<Protocol> copy;
    {
        const Compilation c = compile_rules(
            "day 1..3: allow shower, rinse at most 2 times per day; forbid swim\n"
            "day 5: allow shower\n");
        REQUIRE(c.ok());
        copy = c.protocol;
    }
    const auto& rules = copy->rules;
    REQUIRE(rules.size() == 4);
    CHECK(rules[0].window == rules[1].window);
    CHECK(rules[0].window == rules[2].window);
    CHECK(rules[3].window != rules[0].window);
    CHECK(*rules[0].window->from == 1);
    CHECK(*rules[0].window->to == 3);
    CHECK(written_text(*rules[0].window) == "day 1..3");
    CHECK(*rules[3].window->from == 5);
    REQUIRE(rules[0].quantity);
    CHECK(rules[0].quantity == rules[1].quantity);
    CHECK(rules[0].quantity->max == 2);
    CHECK(rules[0].quantity->per == "day");
    CHECK(rules[2].quantity == nullptr);
    CHECK(rules[3].quantity == nullptr);
}

TEST_CASE("synonyms and kind names resolve to canonical ids", "[checker]") {
    const auto c = compile_rules("day 1: forbid swimming, rinse, clippers\n");
    REQUIRE(c.ok());
    REQUIRE(c.protocol.rules.size() == 3);
    CHECK(c.protocol.rules[0].activity == "swim");
    CHECK(c.protocol.rules[0].written == "swimming");
    CHECK(c.protocol.rules[1].activity == "wash.rinse");
    CHECK(c.protocol.rules[2].activity == "shave.machine");
}

TEST_CASE("semantic errors are all reported, each with its code", "[checker]") {
    const auto c = compile_rules(
        "day 6..4: allow rinse\n"
        "day 1: allow shampo\n"
        "until someday: forbid swim\n"
        "day 1: allow shower at most 0 minutes\n"
        "milestone healed = day 7\n"
        "milestone healed = day 8\n"
        "day 1: forbid swim, swimming\n"
        "day 1: allow light\n");
    CHECK(codes(c) == std::vector<std::string>{"empty-range", "unknown-activity", "undefined-name", "invalid-quantity",
                                               "duplicate-definition", "duplicate-activity", "ambiguous-activity"});
    CHECK(c.diagnostics[1].hint == "did you mean 'shampoo' (wash.shampoo)?");
}

TEST_CASE("a kind inherits its parent's rules, and its own rule wins", "[checker][resolve]") {
    const auto c = compile_rules("day 0..6: forbid wash\nday 4..6: allow rinse\n");
    REQUIRE(c.ok());
    const auto* rinse = resolved(c, "wash.rinse");
    REQUIRE(rinse);
    REQUIRE(rinse->days.size() == 2);
    CHECK(rinse->days[0].from == 0);
    CHECK(rinse->days[0].to == 3);
    CHECK(rinse->days[0].modality == Modality::forbid);
    CHECK(rinse->days[1].from == 4);
    CHECK(rinse->days[1].to == 6);
    CHECK(rinse->days[1].modality == Modality::allow);
    const auto* shampoo = resolved(c, "wash.shampoo");
    REQUIRE(shampoo);
    REQUIRE(shampoo->days.size() == 1);
    CHECK(shampoo->days[0].to == 6);
    CHECK(shampoo->days[0].modality == Modality::forbid);
}

TEST_CASE("on the same activity and day the strictest guidance is resolved", "[resolve]") {
    const auto c = compile_rules("day 0..10: allow swim\nday 5..20: avoid swim\n");
    REQUIRE(c.ok());
    const auto* swim = resolved(c, "swim");
    REQUIRE(swim);
    REQUIRE(swim->days.size() == 3);
    CHECK(swim->days[0].modality == Modality::allow);
    CHECK(swim->days[1].from == 5);
    CHECK(swim->days[1].to == 10);
    CHECK(swim->days[1].modality == Modality::avoid);
    const auto rules = swim->rules_of(swim->days[1]);
    CHECK(std::vector<std::size_t>(rules.begin(), rules.end()) == std::vector<std::size_t>{0, 1});
    CHECK(swim->days[2].to == 20);
}

TEST_CASE("each segment says whether its rules are on the activity itself and which modalities they have", "[resolve]") {
    const auto c = compile_rules("day 0..6: forbid wash\nday 0..6: avoid wash\nday 4..6: allow rinse\nday 5..6: require rinse\n");
    REQUIRE(c.ok());
    const auto bit = [](Modality m) { return 1u << static_cast<unsigned>(m); };
    const auto* rinse = resolved(c, "wash.rinse");
    REQUIRE(rinse);
    REQUIRE(rinse->days.size() == 3);
    CHECK_FALSE(rinse->days[0].on_self);  // days 0..3: only the parent's rules
    CHECK(rinse->days[0].modalities == (bit(Modality::forbid) | bit(Modality::avoid)));
    CHECK(rinse->days[1].on_self);  // day 4: its own allow
    CHECK(rinse->days[1].modalities == bit(Modality::allow));
    CHECK(rinse->days[2].on_self);  // days 5..6: its own allow and require
    CHECK(rinse->days[2].modalities == (bit(Modality::allow) | bit(Modality::require)));
    const auto* wash = resolved(c, "wash");
    REQUIRE(wash);
    REQUIRE(wash->days.size() == 1);
    CHECK(wash->days[0].on_self);
    CHECK(wash->days[0].modalities == (bit(Modality::forbid) | bit(Modality::avoid)));
}

TEST_CASE("a protocol without a vocabulary import is an error", "[checker]") {
    enter_test_dir();
    const auto c = compile_text("test.care", "protocol \"T\"\nprocedure smp\nsource \"S\"\nday 1: forbid wash\n");
    CHECK(codes(c) == std::vector<std::string>{"missing-import"});
}

TEST_CASE("a missing vocabulary file is reported at the import", "[checker]") {
    enter_test_dir();
    const auto c = compile_text("test.care", "protocol \"T\"\nprocedure smp\nsource \"S\"\nimport \"nowhere.care\"\n");
    REQUIRE(codes(c) == std::vector<std::string>{"import-failed"});
    CHECK(c.diagnostics[0].location.line == 4);
    CHECK(c.diagnostics[0].location.column == 8);
}

TEST_CASE("a word means what the imported vocabulary says, whichever vocabulary was used before on the thread", "[checker]") {
    // The checker remembers words it found, by vocabulary: two vocabularies
    // that give one word two meanings, checked one after the other and back.
    enter_test_dir();
    const std::string first = "vocabulary-words-first.care", second = "vocabulary-words-second.care";
    write(first, "vocabulary \"first\"\nactivity shower \"Taking a shower\" aka rinse-off\n");
    write(second, "vocabulary \"second\"\nactivity bath \"Taking a bath\" aka rinse-off\n");
    auto activity_with = [](const std::string& vocabulary) {
        const auto c = compile_text("test.care", "protocol \"T\"\nprocedure smp\nsource \"S\"\nimport \"" + vocabulary +
                                                     "\"\nday 1: forbid rinse-off\n");
        REQUIRE(c.ok());
        REQUIRE(c.protocol.rules.size() == 1);
        return c.protocol.rules[0].activity.str();
    };
    CHECK(activity_with(first) == "shower");
    CHECK(activity_with(second) == "bath");
    CHECK(activity_with(first) == "shower");
    std::remove(first.c_str());
    std::remove(second.c_str());
}

TEST_CASE("the resolved view is sorted by activity, then timeline, with the kinds below each activity named", "[checker]") {
    // Named out of order, one of them a kind and one after the final session; and an unknown word,
    // whose protocol is resolved by comparing names instead of the vocabulary's order.
    for (const std::string unknown : {"", "day 0..2: avoid juggling\n"}) {
        INFO("with an unknown activity: " << !unknown.empty());
        const Compilation c = compile_rules("day 0..3: forbid touch\n"
                                            "day 0..3 after final session: avoid sun\n"
                                            "day 1..2: forbid rinse\n"
                                            "day 4..7: allow wash\n" + unknown);
        CHECK(c.ok() == unknown.empty());
        std::vector<std::pair<std::string, Anchor>> order;
        for (const ResolvedActivity& r : c.resolved) order.emplace_back(r.activity.str(), r.anchor);
        CHECK(std::is_sorted(order.begin(), order.end()));
        CHECK(std::adjacent_find(order.begin(), order.end()) == order.end());
        CHECK(resolved(c, "wash.rinse"));
        CHECK(resolved(c, "wash.shampoo"));  // a kind of wash that no rule names
        CHECK(resolved(c, "sun", Anchor::final_session));
        CHECK_FALSE(resolved(c, "sun"));
        CHECK(resolved(c, "touch"));
    }
}
