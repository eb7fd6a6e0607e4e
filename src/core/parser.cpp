// Combines the grammar, the actions that build the tree, and error control.
// Actions fire only at commit points (a finished statement, clause or part),
// so nothing built for a statement that later fails is kept.
#include "parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <numeric>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>

#include "../../grammar/aftercare.hpp"
#include "../../grammar/error_messages.hpp"
#include "append.hpp"
#include "keywords.hpp"
#include "parallel.hpp"
#include "suggest.hpp"
#include "tree_arena.hpp"
#include "utf8.hpp"

#include <fmt/format.h>

namespace aftercare {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using namespace syntax;

// What has been read of the statement being parsed. Its vectors are made in
// the tree's arena and moved into the statement whole; starting afresh
// (assigning a Pending{}) keeps them in the arena. A rule line's lists are
// gathered in the Builder's own vectors, which keep their room, and copied
// into the arena at their size when complete.
struct Pending {
    explicit Pending(std::pmr::memory_resource* arena)
        : synonyms(arena),
          topics(arena),
          signs(arena),
          actions(arena) {}
    Pending() = default;
    std::optional<Text> text;
    std::optional<Text> url;
    std::optional<Word> word;
    std::optional<Word> retrieved;
    std::optional<Text> archived;
    Optional<Number> number;
    std::pmr::vector<Word> synonyms;
    std::pmr::vector<std::pmr::vector<Word>> topics;
    Days days;
    bool open_end = false;
    std::optional<Window> window;
    Anchor anchor = Anchor::session;
    Quantity quantity;
    Clause clause;
    std::pmr::vector<Word> signs;
    Optional<Word> target;
    std::pmr::vector<Escalation> actions;
};

struct Builder {
    // `text_size`: how much text this builder will read, to size the arena.
    explicit Builder(std::size_t text_size)
        : arena(make_tree_arena(text_size * tree_bytes_per_text_byte)), pending(arena.get()) {
        document.arenas.push_back(arena);
    }

    // A long protocol's tree takes about four and a half times its text.
    static constexpr std::size_t tree_bytes_per_text_byte = 5;

    const char* base = nullptr;  // start of the whole text; spans are offsets from it
    std::shared_ptr<std::pmr::memory_resource> arena;
    Document document;
    Pending pending;
    // The lists being read: the clause's activities, the rule's clauses, and
    // the attributes of the last statement made.
    std::vector<Word> activities;
    std::vector<Clause> clauses;
    std::vector<Attribute> attributes;
    bool can_attach = false;  // whether a quote/note line has a statement to belong to
    bool after_error = false;
    std::vector<Span> orphan_attributes;

    template <typename Input>
    Span span_of(const Input& in) const {
        return Span{static_cast<std::uint32_t>(in.begin() - base), static_cast<std::uint32_t>(in.end() - base)};
    }
    template <typename Input>
    Word word(const Input& in) const {
        return Word{in.string_view(), span_of(in)};
    }
    template <typename Input>
    Text text(const Input& in) {
        // The match includes the quotes; only \" and \\ are escapes.
        const std::string_view raw = in.string_view().substr(1, in.size() - 2);
        if (raw.find('\\') == std::string_view::npos) return Text{raw, span_of(in)};
        std::string& value = document.unescaped.emplace_back();
        value.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
            value.push_back(raw[i]);
        }
        return Text{value, span_of(in)};
    }
    template <typename Input>
    Number number(const Input& in) const {
        Number n;
        n.span = span_of(in);
        const auto sv = in.string_view();
        // Too many digits for 64 bits: keep the sign, and the checker calls it too large.
        if (std::from_chars(sv.data(), sv.data() + sv.size(), n.value).ec == std::errc::result_out_of_range) {
            n.value = sv.front() == '-' ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
        }
        return n;
    }
    // `list`, copied into the arena at its size; `list` is left empty.
    template <typename Part>
    std::span<const Part> keep(std::vector<Part>& list) {
        static_assert(std::is_trivially_destructible_v<Part>, "the arena never destroys what it holds");
        if (list.empty()) return {};
        Part* const kept = static_cast<Part*>(arena->allocate(list.size() * sizeof(Part), alignof(Part)));
        std::uninitialized_copy(list.begin(), list.end(), kept);
        const std::span<const Part> out(kept, list.size());
        list.clear();
        return out;
    }
    template <typename Part>
    const Part* keep_one(const Part& part) {
        static_assert(std::is_trivially_destructible_v<Part>, "the arena never destroys what it holds");
        return new (arena->allocate(sizeof(Part), alignof(Part))) Part(part);
    }
    // The last statement's attributes are complete once another statement
    // starts, or the text ends.
    void finish_attributes() {
        if (!attributes.empty()) document.statements.back().attributes = keep(attributes);
    }
    void start_afresh() {
        pending = Pending{};
        activities.clear();
        clauses.clear();
    }
    // The statement's parts are moved out of `pending`, which starts afresh.
    template <typename Input>
    void emit(const Input& in, Node node) {
        finish_attributes();
        document.statements.push_back(Statement{std::move(node), span_of(in), {}});
        start_afresh();
        can_attach = true;
    }
    void abandon_statement() {
        start_afresh();
        can_attach = false;  // its quote and note lines must not land on the statement before
        after_error = true;
    }
    template <typename Input>
    void attach(const Input& in, Attribute::Kind kind) {
        if (can_attach) {
            attributes.push_back(Attribute{kind, std::move(*pending.text), span_of(in)});
        } else if (!after_error) {
            orphan_attributes.push_back(span_of(in));
        }
        pending.text.reset();
    }
    template <typename Input>
    void comment(const Input& in) {
        const Span span = span_of(in);
        // A failed alternative may have matched this comment already.
        if (!document.comments.empty() && document.comments.back().span.begin == span.begin) return;
        std::uint32_t line_start = span.begin;
        while (line_start > 0 && base[line_start - 1] != '\n') --line_start;
        bool own_line = true;
        for (std::uint32_t i = line_start; i < span.begin; ++i) {
            if (base[i] != ' ' && base[i] != '\t') own_line = false;
        }
        document.comments.push_back(Comment{in.string_view(), span, own_line});
    }
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

#define AFTERCARE_ACTION(rule) \
    template <>                \
    struct action<g::rule> {   \
        template <typename Input> \
        static void apply([[maybe_unused]] const Input& in, Builder& b)

// ----------------------------------------------------------------- header and vocabulary
AFTERCARE_ACTION(title) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(source_name) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(source_url) { b.pending.url = b.text(in); } };
AFTERCARE_ACTION(retrieved_date) { b.pending.retrieved = b.word(in); } };
AFTERCARE_ACTION(archived_copy) { b.pending.archived = b.text(in); } };
AFTERCARE_ACTION(import_path) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(vocabulary_name) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(procedure_name) { b.pending.word = b.word(in); } };
AFTERCARE_ACTION(defined_name) { b.pending.word = b.word(in); } };
AFTERCARE_ACTION(description) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(synonym) { b.pending.synonyms.push_back(b.word(in)); } };

AFTERCARE_ACTION(protocol_decl) { b.emit(in, ProtocolDecl{std::move(*b.pending.text)}); } };
AFTERCARE_ACTION(procedure_decl) { b.emit(in, ProcedureDecl{std::move(*b.pending.word)}); } };
AFTERCARE_ACTION(source_decl) {
    b.emit(in, SourceDecl{std::move(*b.pending.text), std::move(b.pending.url), std::move(b.pending.retrieved),
                          std::move(b.pending.archived)});
} };
AFTERCARE_ACTION(import_decl) { b.emit(in, ImportDecl{std::move(*b.pending.text)}); } };
AFTERCARE_ACTION(vocabulary_decl) { b.emit(in, VocabularyDecl{std::move(*b.pending.text)}); } };
AFTERCARE_ACTION(activity_decl) {
    b.emit(in, TermDecl{TermDecl::Kind::activity, std::move(*b.pending.word), std::move(*b.pending.text),
                        std::move(b.pending.synonyms)});
} };
AFTERCARE_ACTION(sign_decl) {
    b.emit(in, TermDecl{TermDecl::Kind::sign, std::move(*b.pending.word), std::move(*b.pending.text),
                        std::move(b.pending.synonyms)});
} };

AFTERCARE_ACTION(expected_procedure) { b.pending.word = b.word(in); } };
AFTERCARE_ACTION(topic_alternative) { b.pending.synonyms.push_back(b.word(in)); } };
template <>
struct action<g::next_topic_alternative> : action<g::topic_alternative> {};
AFTERCARE_ACTION(expected_topic) {
    b.pending.topics.push_back(std::move(b.pending.synonyms));
    b.pending.synonyms.clear();
} };
template <>
struct action<g::next_expected_topic> : action<g::expected_topic> {};
AFTERCARE_ACTION(expect_decl) { b.emit(in, ExpectDecl{std::move(*b.pending.word), std::move(b.pending.topics)}); } };

// ----------------------------------------------------------------- windows
AFTERCARE_ACTION(range_start) { b.pending.days.first = b.number(in); } };
AFTERCARE_ACTION(range_end) { b.pending.days.last = b.number(in); } };
AFTERCARE_ACTION(open_end) { b.pending.open_end = true; } };
AFTERCARE_ACTION(day_window) {
    auto& d = b.pending.days;
    if (d.first && d.last) d.form = Days::Form::range;
    else if (d.first && b.pending.open_end) d.form = Days::Form::open_end;
    else if (d.first) d.form = Days::Form::day;
    else d.form = Days::Form::open_start;
    d.span = b.span_of(in);
} };
AFTERCARE_ACTION(duration_amount) { b.pending.days.amount = b.number(in); } };
AFTERCARE_ACTION(duration_unit) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(in.peek_char())));
    b.pending.days.unit = c == 'w' ? DurationUnit::week : c == 'm' ? DurationUnit::month
                        : c == 'y' ? DurationUnit::year : DurationUnit::day;
} };
AFTERCARE_ACTION(for_window) {
    b.pending.days.form = Days::Form::duration;
    b.pending.days.span = b.span_of(in);
} };
AFTERCARE_ACTION(milestone_ref) { b.pending.days.name = b.word(in); } };
AFTERCARE_ACTION(phase_ref) { b.pending.days.name = b.word(in); } };
AFTERCARE_ACTION(until_window) {
    b.pending.days.form = Days::Form::until;
    b.pending.days.span = b.span_of(in);
} };
AFTERCARE_ACTION(from_window) {
    b.pending.days.form = Days::Form::from;
    b.pending.days.span = b.span_of(in);
} };
AFTERCARE_ACTION(during_window) {
    b.pending.days.form = Days::Form::during;
    b.pending.days.span = b.span_of(in);
} };
AFTERCARE_ACTION(ongoing_window) {
    b.pending.days.form = Days::Form::ongoing;
    b.pending.days.span = b.span_of(in);
} };
AFTERCARE_ACTION(after_final_session) { b.pending.anchor = Anchor::final_session; } };
AFTERCARE_ACTION(between_sessions) { b.pending.anchor = Anchor::between_sessions; } };
AFTERCARE_ACTION(window) {
    Window w;
    // A window written as only an anchor has no days part (span stays empty).
    if (b.pending.days.span.end != 0) w.days = b.pending.days;
    w.anchor = b.pending.anchor;
    w.span = b.span_of(in);
    b.pending.window = std::move(w);
} };

// ----------------------------------------------------------------- milestones and phases
AFTERCARE_ACTION(milestone_name) { b.pending.word = b.word(in); } };
AFTERCARE_ACTION(milestone_day) { b.pending.number = b.number(in); } };
AFTERCARE_ACTION(milestone_decl) { b.emit(in, MilestoneDecl{std::move(*b.pending.word), std::move(b.pending.number)}); } };
AFTERCARE_ACTION(phase_name) { b.pending.word = b.word(in); } };
AFTERCARE_ACTION(phase_decl) { b.emit(in, PhaseDecl{std::move(*b.pending.word), std::move(b.pending.days)}); } };

// ----------------------------------------------------------------- rules
AFTERCARE_ACTION(modality) {
    b.pending.clause.modality = *modality_from_keyword(to_lower(in.string_view()));
    b.pending.clause.modality_span = b.span_of(in);
} };
AFTERCARE_ACTION(activity_ref) { b.activities.push_back(b.word(in)); } };
template <>
struct action<g::next_activity_ref> : action<g::activity_ref> {};
AFTERCARE_ACTION(at_most) { b.pending.quantity.bound = Quantity::Bound::at_most; } };
AFTERCARE_ACTION(at_least) { b.pending.quantity.bound = Quantity::Bound::at_least; } };
AFTERCARE_ACTION(count_low) { b.pending.quantity.low = b.number(in); } };
AFTERCARE_ACTION(count_high) { b.pending.quantity.high = b.number(in); } };
AFTERCARE_ACTION(unit) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(in.peek_char())));
    b.pending.quantity.unit = c == 'm' ? Quantity::Unit::minute : c == 'h' ? Quantity::Unit::hour
                            : Quantity::Unit::count;
} };
AFTERCARE_ACTION(period) { b.pending.quantity.per = b.word(in); } };
AFTERCARE_ACTION(spf_quantity) { b.pending.quantity.unit = Quantity::Unit::spf; } };
AFTERCARE_ACTION(quantity) {
    b.pending.quantity.span = b.span_of(in);
    b.pending.clause.quantity = b.keep_one(b.pending.quantity);
    b.pending.quantity = Quantity{};
} };
AFTERCARE_ACTION(clause) {
    b.pending.clause.span = b.span_of(in);
    b.pending.clause.activities = b.keep(b.activities);
    b.clauses.push_back(b.pending.clause);
    b.pending.clause = Clause{};
} };
template <>
struct action<g::next_clause> : action<g::clause> {};
AFTERCARE_ACTION(rule_decl) { b.emit(in, RuleDecl{std::move(*b.pending.window), b.keep(b.clauses)}); } };

// ----------------------------------------------------------------- warnings
AFTERCARE_ACTION(sign_ref) { b.pending.signs.push_back(b.word(in)); } };
template <>
struct action<g::next_sign_ref> : action<g::sign_ref> {};
AFTERCARE_ACTION(stopped_activity) { b.pending.target = b.word(in); } };
AFTERCARE_ACTION(contact_role) { b.pending.target = b.word(in); } };
AFTERCARE_ACTION(stop_action) {
    b.pending.actions.push_back(Escalation{Escalation::Kind::stop, b.pending.target, b.span_of(in)});
    b.pending.target.reset();
} };
AFTERCARE_ACTION(contact_action) {
    b.pending.actions.push_back(Escalation{Escalation::Kind::contact, b.pending.target, b.span_of(in)});
    b.pending.target.reset();
} };
AFTERCARE_ACTION(seek_care_action) {
    b.pending.actions.push_back(Escalation{Escalation::Kind::seek_care, std::nullopt, b.span_of(in)});
} };
AFTERCARE_ACTION(warning_decl) { b.emit(in, WarningDecl{std::move(b.pending.signs), std::move(b.pending.actions)}); } };

// ----------------------------------------------------------------- attributes and comments
AFTERCARE_ACTION(quote_text) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(note_text) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(quote_attribute) { b.attach(in, Attribute::Kind::quote); } };
AFTERCARE_ACTION(note_attribute) { b.attach(in, Attribute::Kind::note); } };
AFTERCARE_ACTION(condition_text) { b.pending.text = b.text(in); } };
AFTERCARE_ACTION(when_attribute) { b.attach(in, Attribute::Kind::condition); } };
AFTERCARE_ACTION(comment) { b.comment(in); } };
#undef AFTERCARE_ACTION

template <typename Rule>
using control = pegtl::must_if<g::error_table, pegtl::normal, false>::control<Rule>;

std::string_view word_at(const std::string& text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n' && text[end] != '\r' &&
           text[end] != ':' && text[end] != ',' && text[end] != ';')
        ++end;
    return std::string_view(text).substr(at, end - at);
}

// Where the text of the line holding `at` starts, after its blanks.
std::size_t line_text_start(const std::string& text, std::size_t at) {
    std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
    start = (start == std::string::npos || at == 0) ? 0 : start + 1;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
    return start;
}

std::string_view first_word_of_line(const std::string& text, std::size_t at) {
    return word_at(text, line_text_start(text, at));
}

// Whether the line holding `at` starts (after blanks) with `words`, ignoring case.
bool starts_line_with(const std::string& text, std::size_t at, std::string_view words) {
    const std::size_t start = line_text_start(text, at);
    return to_lower(std::string_view(text).substr(start, words.size())) == words &&
           (start + words.size() >= text.size() || text[start + words.size()] == ' ' || text[start + words.size()] == '\t');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

const std::vector<std::string>& modality_words() {
    static const std::vector<std::string> words{"allow", "avoid", "forbid", "recommend", "require"};
    return words;
}

// A syntax error as people should read it: where it is, what is wrong, and
// how to fix it. Starts from the grammar's message and the text around it.
struct SyntaxError {
    std::size_t at;
    std::size_t end;
    std::string message;
    std::string hint;
};

SyntaxError explain(const std::string& text, std::size_t at, std::string message) {
    // Point at the offending word, not the blanks before it.
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    const std::string_view word = word_at(text, at);
    const std::string raw = message;  // the grammar's message, to tell which rule failed
    SyntaxError e{at, at + std::max<std::size_t>(word.size(), 1), std::move(message), {}};

    // Messages carry their hint after " | ", or an example after ", e.g. ".
    if (const auto bar = e.message.find(" | "); bar != std::string::npos) {
        e.hint = e.message.substr(bar + 3);
        e.message.resize(bar);
    } else if (const auto eg = e.message.find(", e.g. "); eg != std::string::npos) {
        e.hint = "for example: " + e.message.substr(eg + 7);
        e.message.resize(eg);
    }

    const bool dash_after_number = at > 0 && at + 1 < text.size() && text[at] == '-' && is_digit(text[at - 1]) &&
                                   is_digit(text[at + 1]);
    if (raw == g::error_message<g::end_of_file>) {
        if (modality_from_keyword(to_lower(word))) {
            e.message = "a rule needs its days before '" + std::string(word) + "'";
            e.hint = "for example: day 4..6: " + std::string(word) + " ...";
        } else if (const auto modality = closest(word, modality_words())) {
            e.message = "unknown statement '" + std::string(word) + "'";
            e.hint = "did you mean '" + *modality + "'? A rule starts with its days, e.g. day 4..6: " + *modality + " ...";
        } else if (const auto keyword = closest(word, statement_keywords())) {
            e.message = "unknown statement '" + std::string(word) + "'";
            e.hint = "did you mean '" + *keyword + "'?";
        } else {
            e.hint = "a line is a rule such as 'day 4..6: allow rinse', or starts with one of: " +
                     join(statement_keywords(), ", ");
        }
    } else if (raw.rfind("parse error matching", 0) == 0) {
        e.message = "unexpected text here";  // a rule without its own message; tests keep this from happening
    } else if (raw == g::error_message<g::rule_colon> && (starts_line_with(text, at, "from day") ||
                                                             starts_line_with(text, at, "until day"))) {
        const bool from = starts_line_with(text, at, "from day");
        e.message = std::string("'") + (from ? "from" : "until") + "' takes the name of a milestone, not a day";
        e.hint = from ? "for day " + std::string(word) + " onwards write: day " + std::string(word) + ".."
                      : "for the days up to day " + std::string(word) + " write: day 0.." + std::string(word);
    } else if (raw == g::error_message<g::line_rest> && starts_line_with(text, at, "milestone")) {
        e.message = "expected '=' after the milestone's name";
        e.hint = "for example: milestone healed = day 7 (or milestone healed alone, when the page gives no day)";
    } else if (dash_after_number && raw == g::error_message<g::rule_colon>) {
        std::size_t start = at;
        while (start > 0 && is_digit(text[start - 1])) --start;
        std::size_t end = at + 1;
        while (end < text.size() && is_digit(text[end])) ++end;
        e.at = start;
        e.end = end;
        e.message = "write a range of days with '..', not '-'";
        e.hint = "for example: day " + text.substr(start, at - start) + ".." + text.substr(at + 1, end - at - 1);
    } else if (raw == g::error_message<g::measure>) {
        static const std::vector<std::string> units{"hours", "minutes", "per", "times"};
        if (dash_after_number) {
            e.hint = "write a range with '..': 2..4";
        } else if (const auto unit = closest(word, units)) {
            e.hint = "did you mean '" + *unit + "'?";
        } else if (word.size() >= 3) {  // an abbreviation such as "mins" or "hrs"
            for (const auto& u : units) {
                if (u.compare(0, 1, word.substr(0, 1)) == 0 && u.find(word.substr(word.size() - 1)) != std::string::npos) {
                    e.hint = "did you mean '" + u + "'?";
                    break;
                }
            }
        }
    } else if (raw == g::error_message<g::escaped_char> && at > 0) {
        e.at = at - 1;  // the backslash
        e.end = at + 1;
        e.message = "'\\" + text.substr(at, 1) + "' is not an escape in text";
    } else if (raw == g::error_message<g::clause_list> || raw == g::error_message<g::next_clause>) {
        if (const auto modality = closest(word, modality_words())) e.hint = "did you mean '" + *modality + "'?";
    }
    return e;
}

// Whether a line whose first word is `word` can hold a statement: the word
// starts with a letter and is not an attribute's keyword (in any case).
// It runs for every line of a long file, so it compares in place: setting
// bit 0x20 lowers an ASCII capital and turns nothing else into a small letter.
bool may_start_statement(std::string_view word) {
    if (word.empty() || !((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z'))) return false;
    auto is = [&](std::string_view keyword) {
        return word.size() == keyword.size() &&
               std::equal(word.begin(), word.end(), keyword.begin(), [](char c, char k) { return (c | 0x20) == k; });
    };
    return !is("quote") && !is("note") && !is("when");
}

// Where a long file may be cut so that each piece parses on its own: at the
// start of a line that starts a statement (a letter in the first column, and
// not an attribute's keyword). Every line of the language stands alone, so
// the pieces' trees joined are the whole file's tree. Returns the start of
// each piece after the first; fewer than asked when no such line is found.
std::vector<std::size_t> cut_points(const std::string& text, std::size_t pieces) {
    std::vector<std::size_t> cuts;
    for (std::size_t k = 1; k < pieces; ++k) {
        std::size_t at = std::max(text.size() * k / pieces, cuts.empty() ? 0 : cuts.back() + 1);
        while (true) {
            at = text.find('\n', at);
            if (at == std::string::npos || at + 1 >= text.size()) return cuts;
            ++at;
            const bool first_column = text[at] != ' ' && text[at] != '\t';
            if (first_column && may_start_statement(first_word_of_line(text, at))) break;
        }
        cuts.push_back(at);
    }
    return cuts;
}

// How many statements text [begin, end) can hold: one a line at most, on a
// line whose first word (after blanks) starts with a letter and is not an
// attribute's keyword. Counted on the file's line table, it is room enough
// for a file that parses, and a sparse file's quotes, notes and comments
// take no room (estimated from the text's size, a 30 MB protocol of the
// seeds' kind reserved 145 MB for 30 MB of statements).
std::size_t statement_lines(const SourceFile& file, std::size_t begin, std::size_t end) {
    const std::string& text = file.text();
    const std::span<const std::uint32_t> starts = file.line_starts();
    std::size_t count = 0;
    for (auto at = std::lower_bound(starts.begin(), starts.end(), begin); at != starts.end() && *at < end; ++at) {
        std::size_t c = *at;  // a line's start: its blanks are skipped here, not searched back for
        while (c < end && (text[c] == ' ' || text[c] == '\t')) ++c;
        count += may_start_statement(word_at(text, c));
    }
    return count;
}

// Parses a long file in pieces on several cores. Succeeds only when every
// piece parses cleanly; a file with any syntax error is parsed again as a
// whole, so errors and their recovery are exactly the sequential parser's.
std::optional<Document> parse_in_pieces(const SourceFile& file, std::size_t pieces) {
    const std::string& text = file.text();
    std::vector<std::size_t> bounds = cut_points(text, pieces);
    bounds.insert(bounds.begin(), 0);
    bounds.push_back(text.size());
    // Room for each piece's statements, and in the first piece room for all:
    // the 50 MB protocol's list is 95 MB (409,887 statements), and grown by
    // doubling, then joined, it was copied twice into memory touched for the
    // first time.
    std::vector<std::size_t> room(bounds.size() - 1);
    for_each_index(room.size(), parallel_threshold, [&](std::size_t i) { room[i] = statement_lines(file, bounds[i], bounds[i + 1]); });
    std::vector<Builder> builders;
    builders.reserve(bounds.size() - 1);
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
        Builder& builder = builders.emplace_back(bounds[i + 1] - bounds[i]);
        builder.document.statements.reserve(i == 0 ? std::accumulate(room.begin(), room.end(), std::size_t{0}) : room[i]);
    }
    std::vector<char> clean(builders.size(), 0);
    for_each_index(builders.size(), parallel_threshold, [&](std::size_t i) {
        Builder& builder = builders[i];
        builder.base = text.data();
        pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(
            text.data() + bounds[i], text.data() + bounds[i + 1], "");
        try {
            pegtl::parse<g::file, action, control>(in, builder);
            builder.finish_attributes();
            clean[i] = builder.orphan_attributes.empty();
        } catch (const pegtl::parse_error&) {
            clean[i] = 0;
        }
    });
    if (std::find(clean.begin(), clean.end(), 0) != clean.end()) return std::nullopt;
    // The other pieces join the first's statements, in the room it has;
    // comments are few, and get theirs at once.
    Document document;
    document.statements = std::move(builders.front().document.statements);
    std::size_t statements = document.statements.size(), comments = 0;
    for (std::size_t i = 0; i < builders.size(); ++i) {
        if (i > 0) statements += builders[i].document.statements.size();
        comments += builders[i].document.comments.size();
    }
    document.statements.reserve(statements);
    document.comments.reserve(comments);
    for (std::size_t i = 0; i < builders.size(); ++i) {
        Builder& builder = builders[i];
        if (i > 0) append_moved(document.statements, builder.document.statements);
        append_moved(document.comments, builder.document.comments);
        document.unescaped.splice(document.unescaped.end(), builder.document.unescaped);
        append_moved(document.arenas, builder.document.arenas);
    }
    return document;
}

}  // namespace

ParseResult parse(const SourceFile& file) {
    const std::string& text = file.text();
    ParseResult result;
    const std::optional<std::size_t> bad_byte = first_invalid_utf8(text);
    if (const std::size_t pieces = threads_for(text.size() / bytes_per_rule); pieces > 1 && !bad_byte) {
        if (auto document = parse_in_pieces(file, pieces)) {
            result.document = std::move(*document);
            return result;
        }
    }
    if (const auto bad = bad_byte) {
        const Span span{static_cast<std::uint32_t>(*bad), static_cast<std::uint32_t>(*bad + 1)};
        result.diagnostics.push_back(make_diagnostic(Severity::error, "encoding", file, span,
            fmt::format("this file is not UTF-8 text: byte 0x{:02X} cannot start a character",
                        static_cast<unsigned char>(text[*bad])),
            "save the file as UTF-8"));
    }
    Builder builder(text.size());
    // See parse_in_pieces. A short file's lines are room enough, and cost
    // nothing to count; a long one's (parsed here on one thread, or again
    // for its errors) are counted as the pieces' are.
    builder.document.statements.reserve(text.size() < (std::size_t{1} << 20) ? file.line_starts().size()
                                                                              : statement_lines(file, 0, text.size()));
    builder.base = text.data();
    std::size_t offset = 0;
    while (true) {
        pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(
            text.data() + offset, text.data() + text.size(), file.name());
        try {
            pegtl::parse<g::file, action, control>(in, builder);
            break;
        } catch (const pegtl::parse_error& error) {
            const SyntaxError e = explain(text, offset + error.positions().front().byte, std::string(error.message()));
            const Span span{static_cast<std::uint32_t>(e.at), static_cast<std::uint32_t>(e.end)};
            result.diagnostics.push_back(make_diagnostic(Severity::error, "syntax", file, span, e.message, e.hint));
            result.failed_statements.push_back(to_lower(first_word_of_line(text, e.at)));
            builder.abandon_statement();
            if (result.diagnostics.size() >= max_syntax_errors) {
                result.diagnostics.push_back(make_diagnostic(Severity::error, "too-many-errors", file, span,
                    "too many syntax errors; stopped reading this file", "fix the errors above and check again"));
                break;
            }
            const auto next_line = text.find('\n', e.at);
            if (next_line == std::string::npos) break;
            offset = next_line + 1;
        }
    }
    builder.finish_attributes();
    result.document = std::move(builder.document);
    for (const Span orphan : builder.orphan_attributes) {
        result.diagnostics.push_back(make_diagnostic(Severity::error, "orphan-attribute", file, orphan,
            "a quote, note or when line must follow the statement it belongs to",
            "move it under its rule, or remove it"));
    }
    return result;
}

}  // namespace aftercare
