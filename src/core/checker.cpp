#include "checker.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "append.hpp"
#include "keywords.hpp"
#include "parallel.hpp"
#include "suggest.hpp"
#include "tree_arena.hpp"

namespace aftercare {

using namespace syntax;

namespace {

const std::vector<std::string>& contact_roles() {
    static const std::vector<std::string> roles{"clinic", "physician", "technician"};
    return roles;
}

int days_per(DurationUnit unit) {
    switch (unit) {
        case DurationUnit::day: return 1;
        case DurationUnit::week: return 7;
        case DurationUnit::month: return 30;
        case DurationUnit::year: return 365;
    }
    return 1;
}

bool valid_date(std::string_view date) {
    const int year = std::stoi(std::string(date.substr(0, 4)));
    const int month = std::stoi(std::string(date.substr(5, 2)));
    const int day = std::stoi(std::string(date.substr(8, 2)));
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= lengths[month - 1] + (month == 2 && leap ? 1 : 0);
}

// An activity word: its id, and the word as written.
struct KnownWord {
    Name activity;
    Name written;
};

// The activity words found in a vocabulary, by the word as written, kept by
// each thread for the vocabulary it last checked against: a folder of a
// thousand protocols importing one vocabulary asks it the same few dozen
// words in each, and a table of its own cost a small protocol more than its
// lookups. Only words found are kept, so a table holds what the input says.
// Asked for at each lookup, so checkers of two vocabularies on one thread
// never read each other's words.
struct KnownWords {
    using Table = std::unordered_map<std::string, KnownWord, TextHash, std::equal_to<>>;
    std::uint64_t vocabulary = 0;  // its serial()
    Table words;
};

KnownWords::Table& known_words_for(const Vocabulary& vocabulary) {
    thread_local KnownWords known;
    const std::uint64_t serial = vocabulary.serial();
    if (serial != known.vocabulary || serial == 0) {  // 0: not indexed, so nothing to keep
        known.words.clear();
        known.vocabulary = serial;
    }
    return known.words;
}

class Checker {
public:
    Checker(const SourceFile& file, const Vocabulary* vocabulary, const BrokenLines& broken)
        : file_(file), vocabulary_(vocabulary), broken_(broken) {}

    CheckResult run(const Document& document) {
        result_.protocol.file = file_.name();
        store_ = std::make_shared<LineStore>(file_.shared_text());
        collect_header(document);
        collect_milestones(document);
        collect_phases(document);
        // The lines are checked in pieces, on every core for a long protocol:
        // each piece by a copy of this checker (the names collected above are
        // shared), its rules, warnings and problems joined in line order.
        const std::size_t count = document.statements.size();
        const std::size_t threads = std::max<std::size_t>(1, std::min(threads_for(count), count));
        if (threads == 1) {
            check_lines(document, 0, count);
            result_.protocol.line_store = std::move(store_);
            return std::move(result_);
        }
        // A piece joins the first as soon as every piece before it has. Two
        // pieces joined at the end held the second's rules twice, the
        // checker's peak (59 MB more on the 50 MB protocol); in up to eight
        // pieces a thread, taken in order, the few waiting at any time are
        // small. A piece's rules take a megabyte at least, so that their
        // list is mapped (see below).
        const std::size_t bound = rule_bound(document, 0, count);
        const std::size_t pieces =
            std::min(count, std::clamp<std::size_t>(bound * sizeof(Rule) / (std::size_t{1} << 20), threads, threads * 8));
        std::vector<Checker> workers;
        workers.reserve(pieces);
        for (std::size_t k = 0; k < pieces; ++k) {
            workers.push_back(*this);
            workers.back().result_ = {};
            workers.back().store_ = std::make_shared<LineStore>(file_.shared_text());
        }
        // The first piece's rules get room for all, so the others join them without moving it.
        CheckResult& first = workers.front().result_;
        first.protocol.rules.reserve(bound);
        std::mutex joining;
        std::vector<char> done(pieces, 0);
        std::size_t joined = 0;  // pieces [0, joined) are in the first's lists
        // A later piece's rules are in memory of its own, mapped from the
        // system when a megabyte or more (syntax::mapped_blocks), and given
        // back whole when they join the first's: freed into the heap, the
        // pieces' lists stayed resident while the next ones were made.
        for (std::size_t k = 1; k < pieces; ++k) workers[k].piece_rules_.emplace(&syntax::mapped_blocks());
        for_each_index(pieces, parallel_threshold, [&](std::size_t k) {
            workers[k].check_lines(document, count * k / pieces, count * (k + 1) / pieces);
            const std::lock_guard lock(joining);
            done[k] = 1;
            for (; joined < pieces && done[joined]; ++joined) {
                if (joined == 0) continue;
                Checker& piece = workers[joined];
                std::vector<Rule>& rules = first.protocol.rules;
                rules.insert(rules.end(), std::make_move_iterator(piece.piece_rules_->begin()),
                             std::make_move_iterator(piece.piece_rules_->end()));
                piece.piece_rules_.reset();
                append_moved(first.protocol.warnings, piece.result_.protocol.warnings);
                append_moved(first.diagnostics, piece.result_.diagnostics);
            }
        });
        append_moved(result_.diagnostics, first.diagnostics);  // the header's problems come first
        result_.protocol.rules = std::move(first.protocol.rules);
        result_.protocol.warnings = std::move(first.protocol.warnings);
        for (Checker& worker : workers) store_->take(*worker.store_);
        result_.protocol.line_store = std::move(store_);
        return std::move(result_);
    }

private:
    // An upper bound on the rules statements [begin, end) make, so they are
    // never moved while growing: one a word.
    static std::size_t rule_bound(const Document& document, std::size_t begin, std::size_t end) {
        std::size_t words = 0;
        for (std::size_t i = begin; i < end; ++i) {
            if (const auto* rule = std::get_if<RuleDecl>(&document.statements[i].node)) {
                for (const Clause& clause : rule->clauses) words += clause.activities.size();
            }
        }
        return words;
    }

    // Rules, warnings and misplaced lines among statements [begin, end).
    void check_lines(const Document& document, std::size_t begin, std::size_t end) {
        if (piece_rules_) piece_rules_->reserve(rule_bound(document, begin, end));
        else result_.protocol.rules.reserve(rule_bound(document, begin, end));
        for (std::size_t i = begin; i < end; ++i) {
            const Statement& statement = document.statements[i];
            if (const auto* rule = std::get_if<RuleDecl>(&statement.node)) check_rule(i, statement, *rule);
            if (const auto* warning = std::get_if<WarningDecl>(&statement.node)) check_warning(statement, *warning);
            if (std::holds_alternative<TermDecl>(statement.node) ||
                std::holds_alternative<VocabularyDecl>(statement.node) ||
                std::holds_alternative<ExpectDecl>(statement.node)) {
                error("misplaced-definition", statement.span,
                      "activity, sign, expect and vocabulary lines belong in a vocabulary file",
                      "move this line into the vocabulary this protocol imports");
            }
            const bool keeps_attributes = std::holds_alternative<SourceDecl>(statement.node) ||
                                          std::holds_alternative<RuleDecl>(statement.node) ||
                                          std::holds_alternative<WarningDecl>(statement.node) ||
                                          std::holds_alternative<MilestoneDecl>(statement.node) ||
                                          std::holds_alternative<PhaseDecl>(statement.node);
            for (const Attribute& attribute : statement.attributes) {
                if (attribute.kind == Attribute::Kind::condition && !std::holds_alternative<RuleDecl>(statement.node)) {
                    error("misplaced-attribute", attribute.span, "only a rule can have a 'when' condition",
                          "move this line under the rule it limits, or make it a note");
                    continue;
                }
                if (!keeps_attributes) {
                    error("misplaced-attribute", attribute.span,
                          "quotes and notes belong to the source, rules, warnings, milestones and phases",
                          "move this line under the statement it describes, or remove it");
                    continue;
                }
                if (attribute.text.value.empty()) {
                    error("empty-text", attribute.text.span,
                          attribute.kind == Attribute::Kind::quote  ? "the quote is empty"
                          : attribute.kind == Attribute::Kind::note ? "the note is empty"
                                                                    : "the condition is empty",
                          "write the text between the quotes, or remove the line");
                }
            }
        }
    }

    void error(std::string code, Span span, std::string message, std::string hint = {}) {
        result_.diagnostics.push_back(
            make_diagnostic(Severity::error, std::move(code), file_, span, std::move(message), std::move(hint)));
    }
    void duplicate(Span span, const std::string& what, Span first) {
        Diagnostic d = make_diagnostic(Severity::error, "duplicate-definition", file_, span,
                                       what + " is defined twice", "keep one of them");
        d.related.push_back({file_.locate(first), "first defined here", {}, {}});
        result_.diagnostics.push_back(std::move(d));
    }

    // A line's texts, kept once however many rules the line makes.
    const LineTexts* texts_of(const Statement& statement) {
        if (statement.attributes.empty()) return nullptr;
        for (auto& kind : texts_by_kind_) kind.clear();
        for (const Attribute& attribute : statement.attributes) {
            texts_by_kind_[static_cast<std::size_t>(attribute.kind)].push_back(attribute.text.value);
        }
        return store_->add(texts_by_kind_[static_cast<std::size_t>(Attribute::Kind::quote)],
                           texts_by_kind_[static_cast<std::size_t>(Attribute::Kind::note)],
                           texts_by_kind_[static_cast<std::size_t>(Attribute::Kind::condition)]);
    }
    Provenance provenance(const Statement& statement, Span span) {
        return Provenance{texts_of(statement), file_.position(span)};
    }

    // ---------------------------------------------------------------- header
    void collect_header(const Document& document) {
        std::optional<Span> title, procedure, source;
        Protocol& protocol = result_.protocol;
        for (const Statement& statement : document.statements) {
            if (const auto* decl = std::get_if<ProtocolDecl>(&statement.node)) {
                if (title) { duplicate(statement.span, "the protocol's title", *title); continue; }
                title = statement.span;
                protocol.title = decl->title.value;
                if (decl->title.value.empty()) {
                    error("empty-text", decl->title.span, "the protocol's title is empty",
                          "write the title between the quotes, e.g. protocol \"SMP aftercare\"");
                }
            } else if (const auto* decl = std::get_if<ProcedureDecl>(&statement.node)) {
                if (procedure) { duplicate(statement.span, "the procedure", *procedure); continue; }
                procedure = statement.span;
                protocol.procedure = to_lower(decl->name.text);
            } else if (const auto* decl = std::get_if<SourceDecl>(&statement.node)) {
                if (source) { duplicate(statement.span, "the source", *source); continue; }
                source = statement.span;
                check_source(statement, *decl);
            }
        }
        if (broken_.header) return;
        auto missing = [&](const char* message, const char* hint) {
            result_.diagnostics.push_back(make_file_diagnostic(Severity::error, "missing-header", file_, message, hint));
        };
        if (!title) missing("this protocol has no title", "add a line such as: protocol \"SMP aftercare\"");
        if (!procedure) missing("this protocol names no procedure", "add a line such as: procedure smp");
        if (!source) {
            missing("this protocol names no source",
                    "add a line such as: source \"Example Clinic\" url \"https://example.com/aftercare\" retrieved 2026-11-01");
        }
    }

    void check_source(const Statement& statement, const SourceDecl& decl) {
        Source& source = result_.protocol.source;
        source.name = decl.name.value;
        if (decl.name.value.empty()) error("empty-text", decl.name.span, "the source's name is empty");
        if (decl.url) {
            source.url = decl.url->value;
            if (decl.url->value.rfind("https://", 0) != 0 && decl.url->value.rfind("http://", 0) != 0) {
                error("invalid-url", decl.url->span, "the source's address must start with https:// or http://",
                      "did you mean \"https://" + std::string(decl.url->value) + "\"?");
            }
        }
        if (decl.retrieved) {
            source.retrieved = decl.retrieved->text;
            if (!valid_date(decl.retrieved->text)) {
                error("invalid-date", decl.retrieved->span, "'" + std::string(decl.retrieved->text) + "' is not a date",
                      "write the date as YYYY-MM-DD, e.g. 2026-11-01");
            }
        }
        if (decl.archived) {
            source.archived = decl.archived->value;
            if (decl.archived->value.empty()) {
                error("empty-text", decl.archived->span, "the saved copy's file name is empty");
            }
        }
        source.provenance = provenance(statement, statement.span);
    }

    // ---------------------------------------------------------------- milestones and phases
    void collect_milestones(const Document& document) {
        for (const Statement& statement : document.statements) {
            const auto* decl = std::get_if<MilestoneDecl>(&statement.node);
            if (!decl) continue;
            const std::string name = to_lower(decl->name.text);
            if (const auto it = names_.find(name); it != names_.end()) {
                duplicate(decl->name.span, "'" + name + "'", it->second);
                continue;
            }
            names_.emplace(name, decl->name.span);
            if (decl->day && (decl->day->value < 0 || decl->day->value > max_day)) {
                error("invalid-day", decl->day->span, "a milestone's day must be between 0 and " + std::to_string(max_day),
                      "day 0 is the session; a milestone comes on or after it");
                continue;
            }
            const std::optional<int> day =
                decl->day ? std::optional<int>(static_cast<int>(decl->day->value)) : std::nullopt;
            milestones_[name] = day;
            result_.protocol.milestones.push_back(Milestone{name, day, provenance(statement, statement.span)});
        }
    }

    void collect_phases(const Document& document) {
        for (const Statement& statement : document.statements) {
            if (const auto* decl = std::get_if<PhaseDecl>(&statement.node)) all_phases_.insert(to_lower(decl->name.text));
        }
        for (const Statement& statement : document.statements) {
            const auto* decl = std::get_if<PhaseDecl>(&statement.node);
            if (!decl) continue;
            const std::string name = to_lower(decl->name.text);
            if (const auto it = names_.find(name); it != names_.end()) {
                duplicate(decl->name.span, "'" + name + "'", it->second);
                continue;
            }
            names_.emplace(name, decl->name.span);
            auto window = resolve_days(decl->days);
            if (!window) continue;
            window->written = written_days(decl->days);
            phases_[name] = *window;
            result_.protocol.phases.push_back(Phase{name, *window, provenance(statement, statement.span)});
        }
    }

    // ---------------------------------------------------------------- windows
    bool day_in_range(const Number& n) {
        if (n.value < -max_day || n.value > max_day) {
            error("invalid-day", n.span, fmt::format("day {} is too far from the session", n.value),
                  fmt::format("days run from -{0} to {0}", max_day));
            return false;
        }
        return true;
    }

    // How the days were written, for the window's canonical text.
    static WrittenDays written_days(const Days& days) {
        WrittenDays w;
        w.present = true;
        w.form = days.form;
        w.unit = days.unit;
        if (days.first) w.first = static_cast<int>(days.first->value);
        if (days.last) w.last = static_cast<int>(days.last->value);
        if (days.amount) w.amount = static_cast<int>(days.amount->value);
        if (days.name) w.name = Name(to_lower(days.name->text));
        return w;
    }

    // A milestone's day: found (with a day, or undated) or reported.
    struct MilestoneDay {
        bool found = false;
        std::optional<int> day;
    };
    MilestoneDay milestone(const Word& name) {
        const std::string key = to_lower(name.text);
        if (const auto it = milestones_.find(key); it != milestones_.end()) return {true, it->second};
        if (phases_.count(key)) {
            error("wrong-name-kind", name.span, "'" + key + "' is a phase, not a milestone",
                  "write 'during " + key + "' for the phase's days");
        } else if (!names_.count(key) && !broken_.names) {  // a failed definition was reported there
            std::vector<std::string> known;
            for (const auto& [n, d] : milestones_) known.push_back(n);
            const auto suggestion = closest(key, known);
            error("undefined-name", name.span, "no milestone named '" + key + "'",
                  suggestion ? "did you mean '" + *suggestion + "'?"
                             : "define it, e.g. milestone " + key + " = day 7");
        }
        return {};
    }

    std::optional<DayWindow> resolve_days(const Days& days) {
        DayWindow w;
        switch (days.form) {
            case Days::Form::day:
                if (!day_in_range(*days.first)) return std::nullopt;
                w.from = w.to = static_cast<int>(days.first->value);
                break;
            case Days::Form::range:
                if (!day_in_range(*days.first) || !day_in_range(*days.last)) return std::nullopt;
                if (days.last->value < days.first->value) {
                    error("empty-range", days.span,
                          fmt::format("the range {}..{} ends before it starts", days.first->value, days.last->value),
                          fmt::format("did you mean day {}..{}?", days.last->value, days.first->value));
                    return std::nullopt;
                }
                w.from = static_cast<int>(days.first->value);
                w.to = static_cast<int>(days.last->value);
                break;
            case Days::Form::open_end:
                if (!day_in_range(*days.first)) return std::nullopt;
                w.from = static_cast<int>(days.first->value);
                break;
            case Days::Form::open_start:
                if (!day_in_range(*days.last)) return std::nullopt;
                w.to = static_cast<int>(days.last->value);
                break;
            case Days::Form::duration: {
                if (days.amount->value > max_day) {
                    error("invalid-day", days.amount->span, "this duration is longer than a century");
                    return std::nullopt;
                }
                const std::int64_t length = days.amount->value * days_per(days.unit);
                if (days.amount->value < 1) {
                    error("empty-range", days.amount->span, "a duration must be at least 1",
                          "for example: for 14 days");
                    return std::nullopt;
                }
                if (length > max_day) {
                    error("invalid-day", days.amount->span, "this duration is longer than a century");
                    return std::nullopt;
                }
                w.from = 0;
                w.to = static_cast<int>(length);
                break;
            }
            case Days::Form::until: {
                const auto found = milestone(*days.name);
                if (!found.found) return std::nullopt;
                w.from = 0;
                if (!found.day) {  // up to a moment the page does not date
                    w.ends_at = Name(to_lower(days.name->text));
                    break;
                }
                const int day = *found.day;
                if (day == 0) {
                    error("empty-range", days.span, "'until " + to_lower(days.name->text) + "' has no days: the milestone is day 0",
                          "use 'from " + to_lower(days.name->text) + "', or move the milestone later");
                    return std::nullopt;
                }
                w.to = day - 1;
                break;
            }
            case Days::Form::from: {
                const auto found = milestone(*days.name);
                if (!found.found) return std::nullopt;
                if (found.day) w.from = *found.day;
                else w.starts_at = Name(to_lower(days.name->text));
                break;
            }
            case Days::Form::during: {
                const std::string key = to_lower(days.name->text);
                const auto it = phases_.find(key);
                if (it == phases_.end()) {
                    if (milestones_.count(key)) {
                        error("wrong-name-kind", days.name->span, "'" + key + "' is a milestone, not a phase",
                              "write 'until " + key + "' or 'from " + key + "'");
                    } else if (all_phases_.count(key)) {
                        error("undefined-name", days.name->span, "the phase '" + key + "' is defined further down",
                              "define it before the phase that uses it");
                    } else if (!names_.count(key) && !broken_.names) {
                        std::vector<std::string> known;
                        for (const auto& [n, p] : phases_) known.push_back(n);
                        const auto suggestion = closest(key, known);
                        error("undefined-name", days.name->span, "no phase named '" + key + "'",
                              suggestion ? "did you mean '" + *suggestion + "'?"
                                         : "define it, e.g. phase " + key + " = day 0..7");
                    }
                    return std::nullopt;
                }
                w.from = it->second.from;
                w.to = it->second.to;
                w.starts_at = it->second.starts_at;
                w.ends_at = it->second.ends_at;
                break;
            }
            case Days::Form::ongoing:
                w.from = 0;
                break;
        }
        return w;
    }

    std::optional<DayWindow> resolve_window(const Window& window) {
        DayWindow w;
        if (window.days) {
            auto days = resolve_days(*window.days);
            if (!days) return std::nullopt;
            w = *days;
            w.written = written_days(*window.days);
        } else {
            w.from = 0;
        }
        w.anchor = window.anchor;
        return w;
    }

    // ---------------------------------------------------------------- quantities
    std::optional<aftercare::Quantity> check_quantity(const syntax::Quantity& q, Modality modality,
                                                      std::string_view activity) {
        using Bound = syntax::Quantity::Bound;
        using Unit = syntax::Quantity::Unit;
        bool ok = true;
        if (modality == Modality::forbid || modality == Modality::avoid) {
            error("invalid-quantity", q.span, "a limit goes with allow, recommend or require, not " +
                  std::string(keyword_of(modality)),
                  "to limit it, allow it with the limit: allow " + std::string(activity) + " " + std::string(file_.slice(q.span)));
            ok = false;
        }
        if (q.bound != Bound::exactly && q.high) {
            error("invalid-quantity", q.span, "'at most' and 'at least' take one number, not a range",
                  fmt::format("write either '{} {}' or '{}..{}'", q.bound == Bound::at_most ? "at most" : "at least",
                              q.bound == Bound::at_most ? q.high->value : q.low.value, q.low.value, q.high->value));
            ok = false;
        }
        if (q.high && q.high->value < q.low.value) {
            error("invalid-quantity", q.span, fmt::format("the range {}..{} ends before it starts", q.low.value, q.high->value),
                  fmt::format("did you mean {}..{}?", q.high->value, q.low.value));
            ok = false;
        }
        const std::int64_t largest = q.high ? std::max(q.high->value, q.low.value) : q.low.value;
        const std::int64_t smallest = q.high ? std::min(q.high->value, q.low.value) : q.low.value;
        if (largest > max_limit) {
            error("invalid-quantity", q.span, fmt::format("{} is too large for a limit", largest),
                  "check the number");
            return std::nullopt;
        }
        if (smallest <= 0) {
            error("invalid-quantity", q.span, "a limit must be more than 0",
                  "to rule the activity out, use forbid or avoid instead");
            ok = false;
        }
        if (q.unit == Unit::spf && largest > 100) {
            error("invalid-quantity", q.span, fmt::format("SPF {} does not exist; sunscreens go up to about 100", largest));
            ok = false;
        }
        if (q.unit == Unit::minute && largest > 24 * 60) {
            error("invalid-quantity", q.span, fmt::format("{} minutes is more than a day", largest),
                  "check the number; a limit in minutes is at most 1440 (24 hours)");
            ok = false;
        }
        if (q.unit == Unit::hour && largest > 24) {
            error("invalid-quantity", q.span, fmt::format("{} hours is more than a day", largest),
                  "check the number; a limit in hours is at most 24");
            ok = false;
        }
        if (q.unit == Unit::count && q.per && to_lower(q.per->text) == "day" && largest > 24) {
            error("invalid-quantity", q.span, fmt::format("{} times a day is more than once an hour", largest),
                  "check the number; for example: 2..4 per day");
            ok = false;
        }
        if (!ok) return std::nullopt;

        aftercare::Quantity out;
        switch (q.bound) {
            case Bound::exactly:
                out.min = static_cast<int>(q.low.value);
                out.max = static_cast<int>(q.high ? q.high->value : q.low.value);
                break;
            case Bound::at_most: out.max = static_cast<int>(q.low.value); break;
            case Bound::at_least: out.min = static_cast<int>(q.low.value); break;
        }
        out.unit = Name(q.unit == Unit::spf ? "spf" : q.unit == Unit::minute ? "minute" : q.unit == Unit::hour ? "hour" : "time");
        if (q.per) out.per = Name(to_lower(q.per->text));
        out.written = Name(quantity_text(out));
        return out;
    }

    static std::string quantity_text(const aftercare::Quantity& q) {
        std::string amount;
        if (q.min && q.max) amount = *q.min == *q.max ? std::to_string(*q.min) : fmt::format("{}..{}", *q.min, *q.max);
        else if (q.max) amount = fmt::format("at most {}", *q.max);
        else amount = fmt::format("at least {}", *q.min);
        if (q.unit == "spf") return "spf " + amount;
        const bool one = q.min.value_or(1) == 1 && q.max.value_or(1) == 1;
        std::string text = amount;
        // "2..4 per day" counts times; other units are always written.
        if (q.unit != "time" || q.per.empty()) text += " " + q.unit.str() + (one ? "" : "s");
        if (!q.per.empty()) text += " per " + q.per.str();
        return text;
    }

    // ---------------------------------------------------------------- rules and warnings
    std::optional<KnownWord> resolve_activity(const Word& word) {
        if (!vocabulary_) return KnownWord{Name(to_lower(word.text)), Name(word.text)};
        // Protocols repeat the same few dozen words: each is looked up once.
        KnownWords::Table& known = known_words_for(*vocabulary_);
        if (const auto it = known.find(word.text); it != known.end()) return it->second;
        const Lookup found = vocabulary_->find_activity(word.text);
        if (found.term) return remember(word, found.term->name);
        if (!found.ambiguous_between.empty()) {
            error("ambiguous-activity", word.span, "'" + std::string(word.text) + "' could mean " + join(found.ambiguous_between, " or "),
                  "write the full name, e.g. " + found.ambiguous_between.front());
            return std::nullopt;
        }
        unknown_word("unknown-activity", "activity", word, vocabulary_->activity_words(),
                     [&](const std::string& w) { return vocabulary_->canonical_activity(w); });
        return std::nullopt;
    }

    KnownWord remember(const Word& word, Name activity) {
        return known_words_for(*vocabulary_).emplace(word.text, KnownWord{activity, Name(word.text)}).first->second;
    }

    template <typename Canonical>
    void unknown_word(const char* code, const char* what, const Word& word, const std::vector<std::string>& words,
                      Canonical canonical) {
        const auto suggestion = closest(word.text, words);
        std::string hint;
        if (suggestion) {
            const std::string id = canonical(*suggestion);
            hint = "did you mean '" + *suggestion + "'" + (id != *suggestion ? " (" + id + ")" : "") + "?";
        } else {
            hint = std::string("add it to the vocabulary '") + vocabulary_->name + "' if it is a new " + what;
        }
        error(code, word.span, std::string("unknown ") + what + " '" + std::string(word.text) + "'", hint);
    }

    // The same activity or sign twice on one line, perhaps under two names.
    void repeated(const char* code, const char* statement, const char* what, const Word& again, const Word& first) {
        const std::string message =
            to_lower(again.text) == to_lower(first.text)
                ? "'" + std::string(again.text) + "' appears twice in this " + statement
                : "'" + std::string(again.text) + "' is another name for '" + std::string(first.text) + "', which this " + statement +
                      " already names";
        Diagnostic d = make_diagnostic(Severity::error, code, file_, again.span, message,
                                       std::string("name each ") + what + " once per line");
        d.related.push_back({file_.locate(first.span), "first named here", {}, {}});
        result_.diagnostics.push_back(std::move(d));
    }

    void check_rule(std::size_t index, const Statement& statement, const RuleDecl& decl) {
        const auto window = resolve_window(decl.window);
        // One each for every rule of the line, kept with its first: a line
        // that makes no rule keeps nothing.
        const DayWindow* kept_window = nullptr;
        const LineTexts* texts = nullptr;
        std::vector<std::pair<Name, const Word*>> seen;  // one statement names each activity once
        for (const Clause& clause : decl.clauses) {
            std::optional<aftercare::Quantity> quantity;  // one for every rule of the clause
            const aftercare::Quantity* kept_quantity = nullptr;
            bool quantity_ok = true;
            if (clause.quantity) {
                quantity = check_quantity(*clause.quantity, clause.modality, clause.activities.front().text);
                quantity_ok = quantity.has_value();
            }
            for (const Word& word : clause.activities) {
                const auto known = resolve_activity(word);
                if (!known) continue;
                const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == known->activity; });
                if (it != seen.end()) {
                    repeated("duplicate-activity", "rule", "activity", word, *it->second);
                    continue;
                }
                seen.emplace_back(known->activity, &word);
                if (!window || !quantity_ok) continue;
                Rule rule;
                rule.statement = static_cast<std::uint32_t>(index);
                rule.activity = known->activity;
                rule.written = known->written;
                rule.modality = clause.modality;
                if (!kept_window) {
                    kept_window = store_->keep(*window);
                    texts = texts_of(statement);
                }
                if (quantity && !kept_quantity) kept_quantity = store_->keep(*quantity);
                rule.window = kept_window;
                rule.quantity = kept_quantity;
                rule.provenance = Provenance{texts, file_.position(word.span, line_hint_)};
                if (piece_rules_) piece_rules_->push_back(std::move(rule));
                else result_.protocol.rules.push_back(std::move(rule));
            }
        }
    }

    void check_warning(const Statement& statement, const WarningDecl& decl) {
        WarningSign warning;
        bool ok = true;
        std::map<std::string, Word> seen;
        for (const Word& sign : decl.signs) {
            std::string id = to_lower(sign.text);
            if (vocabulary_) {
                const Lookup found = vocabulary_->find_sign(sign.text);
                if (!found.term) {
                    unknown_word("unknown-sign", "warning sign", sign, vocabulary_->sign_words(),
                                 [&](const std::string& w) { return vocabulary_->canonical_sign(w); });
                    ok = false;
                    continue;
                }
                id = found.term->id;
            }
            if (const auto it = seen.find(id); it != seen.end()) {
                repeated("duplicate-sign", "warning", "sign", sign, it->second);
                ok = false;
                continue;
            }
            seen.emplace(id, sign);
            warning.signs.push_back(id);
        }
        for (const syntax::Escalation& action : decl.actions) {
            switch (action.kind) {
                case syntax::Escalation::Kind::stop: {
                    const auto known = resolve_activity(*action.target);
                    if (!known) { ok = false; break; }
                    warning.actions.push_back({"stop", known->activity.str()});
                    break;
                }
                case syntax::Escalation::Kind::contact: {
                    const std::string role = to_lower(action.target->text);
                    if (std::find(contact_roles().begin(), contact_roles().end(), role) == contact_roles().end()) {
                        const auto suggestion = closest(role, contact_roles());
                        error("unknown-contact", action.target->span, "unknown contact '" + std::string(action.target->text) + "'",
                              suggestion ? "did you mean '" + *suggestion + "'?"
                                         : "contact one of: " + join(contact_roles(), ", "));
                        ok = false;
                        break;
                    }
                    warning.actions.push_back({"contact", role});
                    break;
                }
                case syntax::Escalation::Kind::seek_care:
                    warning.actions.push_back({"seek-care", ""});
                    break;
            }
        }
        if (!ok) return;
        warning.provenance = provenance(statement, statement.span);
        result_.protocol.warnings.push_back(std::move(warning));
    }

    const SourceFile& file_;
    const Vocabulary* vocabulary_;
    BrokenLines broken_;
    CheckResult result_;
    std::map<std::string, Span> names_;  // milestone and phase names, where defined
    std::map<std::string, std::optional<int>> milestones_;  // absent day: undated
    std::map<std::string, DayWindow> phases_;
    std::set<std::string> all_phases_;  // every phase name in the file, defined or not yet
    SourceFile::LineHint line_hint_;  // rules come in file order
    std::shared_ptr<LineStore> store_;  // this piece's; joined into the first's
    std::optional<std::pmr::vector<Rule>> piece_rules_;  // a later piece's rules, until they join the first's
    std::array<std::vector<std::string_view>, 3> texts_by_kind_;  // texts_of's lists, kept for their room
};

}  // namespace

BrokenLines BrokenLines::from(const std::vector<std::string>& failed_statements) {
    BrokenLines broken;
    for (const std::string& word : failed_statements) {
        if (word == "protocol" || word == "procedure" || word == "source") broken.header = true;
        if (word == "milestone" || word == "phase") broken.names = true;
    }
    return broken;
}

CheckResult check_protocol(const SourceFile& file, const Document& document, const Vocabulary* vocabulary,
                           const BrokenLines& broken) {
    return Checker(file, vocabulary, broken).run(document);
}

}  // namespace aftercare
