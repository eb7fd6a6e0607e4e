// A checked protocol: names resolved to canonical ids, windows to day
// numbers. This is what every output (JSON, resolved view, comparisons) reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "line_store.hpp"
#include "name.hpp"
#include "optional_day.hpp"
#include "source.hpp"
#include "syntax.hpp"

namespace aftercare {

using syntax::Anchor;
using syntax::Modality;

// How a window's days were written, kept as parts: a long protocol has
// hundreds of thousands of windows, so the text (written_text) is made only
// when an output shows it.
struct WrittenDays {
    Name name;                            // the milestone or phase, lower case
    int first = 0, last = 0, amount = 0;  // as written, for the forms that have them
    syntax::Days::Form form = syntax::Days::Form::ongoing;
    syntax::DurationUnit unit = syntax::DurationUnit::day;
    bool present = false;  // false: only a timeline was written ("after final session")
};

// Day 0 is the session; negative days come before it. An absent end is open.
struct DayWindow {
    OptionalDay from;
    OptionalDay to;
    // Set when an end is a milestone the page gives no day for: the window
    // starts or ends then, on a day nobody knows (so `from`/`to` is absent).
    Name starts_at;
    Name ends_at;
    WrittenDays written;  // its canonical text: written_text(window)
    Anchor anchor = Anchor::session;

    bool undated() const { return !starts_at.empty() || !ends_at.empty(); }
};

struct Quantity {
    std::optional<int> min;
    std::optional<int> max;
    Name unit;  // "time", "minute", "hour" or "spf"
    Name per;   // "day", "week", or empty
    Name written;
};

// The canonical text of a window, e.g. "until healed" or "day 4.. after final session".
std::string written_text(const DayWindow& window);
// The same, appended to `out`.
void append_written_text(std::string& out, const DayWindow& window);

// Where a record comes from. Its file is the protocol's (Protocol::file): a
// long protocol has hundreds of thousands of these, so they do not repeat it.
struct Provenance {
    // The line's quotes, notes and `when` lines, shared by the rules of one
    // line; in the protocol's LineStore (Protocol::line_store).
    const LineTexts* texts = nullptr;
    Position position;

    std::span<const std::string_view> quotes() const { return texts ? texts->quotes() : std::span<const std::string_view>(); }
    std::span<const std::string_view> notes() const { return texts ? texts->notes() : std::span<const std::string_view>(); }
    std::span<const std::string_view> conditions() const {
        return texts ? texts->conditions() : std::span<const std::string_view>();
    }
    Location location(Name file) const { return Location::in(file, position); }
};

// A rule's place in Protocol::rules. 32 bits are enough (a source is under
// 4 GiB, as Span's offsets are, and a rule takes more than a byte of it) and
// halve the lists of rules the resolved view and the findings keep.
using RuleIndex = std::uint32_t;

// A checked rule's window and limit are in its protocol's LineStore, made
// once for all the rules of their line or clause.
struct Rule {
    std::uint32_t statement = 0;  // rules from one line share it
    Modality modality = Modality::allow;
    Name activity;  // canonical id
    Name written;   // the word the writer used
    const DayWindow* window = nullptr;  // the line's; never null in a checked protocol
    // The limit ("at most 2 per day"), shared by the rules of one clause;
    // most rules have none.
    const Quantity* quantity = nullptr;
    Provenance provenance;

    // `when` lines: the rule applies only then.
    std::span<const std::string_view> conditions() const { return provenance.conditions(); }
};

struct Escalation {
    std::string action;  // "stop", "contact" or "seek-care"
    std::string target;  // the activity to stop or whom to contact; empty for seek-care
};

struct WarningSign {
    std::vector<std::string> signs;  // canonical ids
    std::vector<Escalation> actions;
    Provenance provenance;
};

struct Milestone {
    std::string name;
    std::optional<int> day;  // absent: the page names the moment, not its day
    Provenance provenance;
};

struct Phase {
    std::string name;
    DayWindow window;
    Provenance provenance;
};

struct Source {
    std::string name;
    std::optional<std::string> url;
    std::optional<std::string> retrieved;
    std::optional<std::string> archived;
    Provenance provenance;
};

struct Import {
    std::string path;
    std::string vocabulary;  // its declared name
    std::string file;        // where it was found
};

struct Protocol {
    Name file;
    // What every Provenance's texts and every rule's window and limit point
    // into, kept with the source text the texts view: shared, so a copy of
    // the protocol, or a diagnostic quoting it, keeps them.
    std::shared_ptr<const LineStore> line_store;
    std::string title;
    std::string procedure;
    Source source;
    std::vector<Import> imports;
    std::vector<Milestone> milestones;
    std::vector<Phase> phases;
    std::vector<Rule> rules;
    std::vector<WarningSign> warnings;
};

}  // namespace aftercare
