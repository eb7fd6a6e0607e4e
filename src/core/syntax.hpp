// The syntax tree: what a file says, as written, with a span for every part.
// Names are not resolved here; that is the checker's job. Its lists are in
// the parser's arena (tree_arena.hpp): the few that vocabularies and
// warnings have as std::pmr vectors, and the many of a rule line (its
// clauses, their activities, the line's attributes) as spans of arrays the
// parser makes at their exact size once each list is read. As vectors grown
// one item at a time they took 32 bytes each, and their outgrown room
// stayed in the arena: the 50 MB protocol's tree was 48 MB larger.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "source.hpp"

namespace aftercare::syntax {

// A name as written. Its text is a view of the source's: a syntax tree is
// read while its SourceFile is alive, and a long protocol has millions of
// words, which are then never copied.
struct Word {
    std::string_view text;
    Span span;
};

// A string literal, unescaped. Its value is a view: of the source when the
// literal has no escapes (nearly always), else of the unescaped copy its
// Document keeps.
struct Text {
    std::string_view value;
    Span span;
};

struct Number {
    std::int64_t value = 0;
    Span span;
};

// An optional part of a line (a Word, a Number, a Days), absent when its
// span is one no text has (it begins after it ends). As std::optional reads,
// without its flag and padding: the 50 MB protocol's tree is 400,000 lines,
// each with a window of several of these.
template <typename Part>
class Optional {
public:
    Optional() noexcept { part_.span = absent; }
    Optional(std::nullopt_t) noexcept : Optional() {}
    Optional(Part part) noexcept : part_(std::move(part)) {}
    Optional& operator=(std::nullopt_t) noexcept { return *this = Optional(); }
    void reset() noexcept { *this = Optional(); }

    bool has_value() const noexcept { return part_.span.begin <= part_.span.end; }
    explicit operator bool() const noexcept { return has_value(); }
    const Part& operator*() const noexcept { return part_; }
    Part& operator*() noexcept { return part_; }
    const Part* operator->() const noexcept { return &part_; }
    Part* operator->() noexcept { return &part_; }

private:
    static constexpr Span absent{1, 0};
    Part part_;
};

// One byte each: a long protocol has a million rules that hold them.
enum class Modality : std::uint8_t { forbid, avoid, allow, recommend, require };

enum class Anchor : std::uint8_t { session, final_session, between_sessions };

enum class DurationUnit : std::uint8_t { day, week, month, year };

// The days part of a window, as written.
struct Days {
    enum class Form : std::uint8_t { day, range, open_end, open_start, duration, until, from, during, ongoing };
    Optional<Number> first;   // day N, N..M, N..
    Optional<Number> last;    // N..M, ..M
    Optional<Number> amount;  // for N units
    Optional<Word> name;      // until/from milestone, during phase
    Span span;
    Form form = Form::day;
    DurationUnit unit = DurationUnit::day;
};

struct Window {
    Optional<Days> days;  // absent when only an anchor is written
    Span span;
    Anchor anchor = Anchor::session;
};

struct Quantity {
    enum class Bound { exactly, at_most, at_least };
    enum class Unit { count, minute, hour, spf };
    Bound bound = Bound::exactly;
    Number low;
    Optional<Number> high;  // for ranges such as 2..4
    Unit unit = Unit::count;
    Optional<Word> per;  // "day" or "week"
    Span span;
};

struct Clause {
    Span modality_span;
    Span span;
    std::span<const Word> activities;  // in the Document's arenas
    const Quantity* quantity = nullptr;  // in the Document's arenas; most clauses have none
    Modality modality = Modality::allow;
};

struct Escalation {
    enum class Kind { stop, contact, seek_care };
    Kind kind = Kind::stop;
    Optional<Word> target;  // the activity to stop, or whom to contact
    Span span;
};

struct Attribute {
    enum class Kind { quote, note, condition };
    Kind kind = Kind::quote;
    Text text;
    Span span;
};

struct ProtocolDecl { Text title; };
struct ProcedureDecl { Word name; };
struct SourceDecl {
    Text name;
    std::optional<Text> url;
    std::optional<Word> retrieved;  // YYYY-MM-DD as written
    std::optional<Text> archived;   // file name of a saved copy of the page
};
struct ImportDecl { Text path; };
struct VocabularyDecl { Text name; };
struct TermDecl {  // an activity or a warning sign in a vocabulary
    enum class Kind { activity, sign };
    Kind kind = Kind::activity;
    Word name;
    Text description;
    std::pmr::vector<Word> synonyms;
};
struct ExpectDecl {  // topics every protocol of a procedure should cover
    Word procedure;
    std::pmr::vector<std::pmr::vector<Word>> topics;  // each topic: activities any one of which covers it
};
struct MilestoneDecl {
    Word name;
    Optional<Number> day;  // absent when the page names the moment but not its day
};
struct PhaseDecl {
    Word name;
    Days days;
};
struct RuleDecl {
    Window window;
    std::span<const Clause> clauses;  // in the Document's arenas
};
struct WarningDecl {
    std::pmr::vector<Word> signs;
    std::pmr::vector<Escalation> actions;
};

using Node = std::variant<ProtocolDecl, ProcedureDecl, SourceDecl, ImportDecl, VocabularyDecl, TermDecl,
                          ExpectDecl, MilestoneDecl, PhaseDecl, RuleDecl, WarningDecl>;

struct Statement {
    Node node;
    Span span;  // the statement's line, without attributes
    std::span<const Attribute> attributes;  // in the Document's arenas
};

struct Comment {
    std::string_view text;  // from '#' to the end of the line; a view of the source, as Word's
    Span span;
    bool own_line = false;  // alone on its line, rather than after a statement
};

struct Document {
    // The arenas the statements' lists were made in (one per piece parsed).
    // Declared first, so they are released after the lists in them.
    std::vector<std::shared_ptr<std::pmr::memory_resource>> arenas;
    std::vector<Statement> statements;
    std::vector<Comment> comments;
    // The unescaped values of literals with escapes, which Text views: a
    // list, so they stay where they are when documents are joined.
    std::list<std::string> unescaped;

    Document() = default;
    Document(Document&&) noexcept = default;
    // Not copied: a copy's escaped literals would still view this one's
    // unescaped strings, and nothing needs a copy.
    Document(const Document&) = delete;
    // The lists go before the arenas they are in.
    Document& operator=(Document&& other) noexcept {
        statements = std::move(other.statements);
        comments = std::move(other.comments);
        unescaped = std::move(other.unescaped);
        arenas = std::move(other.arenas);
        return *this;
    }
    Document& operator=(const Document&) = delete;
};

}  // namespace aftercare::syntax
