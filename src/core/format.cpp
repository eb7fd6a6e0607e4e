#include "format.hpp"

#include <algorithm>
#include <span>

#include <fmt/format.h>

#include "canonical_text.hpp"
#include "keywords.hpp"
#include "suggest.hpp"

namespace aftercare {

using namespace syntax;

namespace {

std::string days_text(const Days& d) {
    switch (d.form) {
        case Days::Form::day: return fmt::format("day {}", d.first->value);
        case Days::Form::range: return fmt::format("day {}..{}", d.first->value, d.last->value);
        case Days::Form::open_end: return fmt::format("day {}..", d.first->value);
        case Days::Form::open_start: return fmt::format("day ..{}", d.last->value);
        case Days::Form::duration: {
            static constexpr const char* units[] = {"day", "week", "month", "year"};
            return fmt::format("for {} {}{}", d.amount->value, units[static_cast<int>(d.unit)],
                               d.amount->value == 1 ? "" : "s");
        }
        case Days::Form::until: return "until " + std::string(d.name->text);
        case Days::Form::from: return "from " + std::string(d.name->text);
        case Days::Form::during: return "during " + std::string(d.name->text);
        case Days::Form::ongoing: return "ongoing";
    }
    return {};
}

std::string window_text(const Window& w) {
    std::string text = w.days ? days_text(*w.days) : "";
    const char* anchor = w.anchor == Anchor::final_session      ? "after final session"
                         : w.anchor == Anchor::between_sessions ? "between sessions"
                                                                : nullptr;
    if (anchor) text += (text.empty() ? "" : " ") + std::string(anchor);
    return text;
}

std::string quantity_text(const syntax::Quantity& q) {
    std::string amount = std::to_string(q.low.value);
    if (q.high) amount += ".." + std::to_string(q.high->value);
    if (q.bound == syntax::Quantity::Bound::at_most) amount = "at most " + amount;
    if (q.bound == syntax::Quantity::Bound::at_least) amount = "at least " + amount;
    if (q.unit == syntax::Quantity::Unit::spf) return "spf " + amount;
    const bool one = q.low.value == 1 && !q.high;
    std::string text = amount;
    switch (q.unit) {
        case syntax::Quantity::Unit::minute: text += one ? " minute" : " minutes"; break;
        case syntax::Quantity::Unit::hour: text += one ? " hour" : " hours"; break;
        case syntax::Quantity::Unit::count:
            if (!q.per) text += one ? " time" : " times";
            break;
        case syntax::Quantity::Unit::spf: break;
    }
    if (q.per) text += " per " + to_lower(q.per->text);
    return text;
}

std::string words(std::span<const Word> list, std::string_view separator = ", ") {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? std::string(separator) : "") + std::string(list[i].text);
    return out;
}

std::string statement_text(const Node& node) {
    return std::visit(
        [](const auto& s) -> std::string {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, ProtocolDecl>) {
                return "protocol " + text_literal(s.title.value);
            } else if constexpr (std::is_same_v<T, ProcedureDecl>) {
                return "procedure " + std::string(s.name.text);
            } else if constexpr (std::is_same_v<T, SourceDecl>) {
                std::string text = "source " + text_literal(s.name.value);
                if (s.url) text += " url " + text_literal(s.url->value);
                if (s.retrieved) text += " retrieved " + std::string(s.retrieved->text);
                if (s.archived) text += " archived " + text_literal(s.archived->value);
                return text;
            } else if constexpr (std::is_same_v<T, ImportDecl>) {
                return "import " + text_literal(s.path.value);
            } else if constexpr (std::is_same_v<T, VocabularyDecl>) {
                return "vocabulary " + text_literal(s.name.value);
            } else if constexpr (std::is_same_v<T, TermDecl>) {
                std::string text = std::string(s.kind == TermDecl::Kind::activity ? "activity " : "sign ") + std::string(s.name.text) +
                                   " " + text_literal(s.description.value);
                if (!s.synonyms.empty()) text += " aka " + words(s.synonyms);
                return text;
            } else if constexpr (std::is_same_v<T, ExpectDecl>) {
                std::string text = "expect " + std::string(s.procedure.text) + ":";
                for (std::size_t i = 0; i < s.topics.size(); ++i) text += (i ? ", " : " ") + words(s.topics[i], " | ");
                return text;
            } else if constexpr (std::is_same_v<T, MilestoneDecl>) {
                return "milestone " + std::string(s.name.text) + (s.day ? " = day " + std::to_string(s.day->value) : "");
            } else if constexpr (std::is_same_v<T, PhaseDecl>) {
                return "phase " + std::string(s.name.text) + " = " + days_text(s.days);
            } else if constexpr (std::is_same_v<T, RuleDecl>) {
                std::string text = window_text(s.window) + ":";
                for (std::size_t i = 0; i < s.clauses.size(); ++i) {
                    const Clause& c = s.clauses[i];
                    text += (i ? "; " : " ") + std::string(keyword_of(c.modality)) + " " + words(c.activities);
                    if (c.quantity) text += " " + quantity_text(*c.quantity);
                }
                return text;
            } else {  // WarningDecl
                std::string text = "warning " + words(s.signs) + ":";
                for (std::size_t i = 0; i < s.actions.size(); ++i) {
                    const Escalation& e = s.actions[i];
                    text += i ? "; " : " ";
                    if (e.kind == Escalation::Kind::stop) text += "stop " + std::string(e.target->text);
                    else if (e.kind == Escalation::Kind::contact) text += "contact " + std::string(e.target->text);
                    else text += "seek care";
                }
                return text;
            }
        },
        node);
}

std::string attribute_text(const Attribute& a) {
    const char* keyword = a.kind == Attribute::Kind::quote ? "quote " : a.kind == Attribute::Kind::note ? "note " : "when ";
    return std::string(attribute_indent) + keyword + text_literal(a.text.value);
}

std::string trim_right(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
    return text;
}

// A line of output, tied to the source line it came from.
struct Item {
    std::uint32_t line;
    std::uint32_t offset;  // orders items on one line: a trailing comment comes after its statement
    enum class Kind { statement, attribute, comment } kind;
    std::string text;
};

}  // namespace

std::string format_document(const SourceFile& file, const Document& document) {
    std::vector<Item> items;
    for (const Statement& statement : document.statements) {
        items.push_back({file.locate(statement.span).line, statement.span.begin, Item::Kind::statement,
                         statement_text(statement.node)});
        for (const Attribute& attribute : statement.attributes) {
            items.push_back({file.locate(attribute.span).line, attribute.span.begin, Item::Kind::attribute,
                             attribute_text(attribute)});
        }
    }
    for (const Comment& comment : document.comments) {
        items.push_back({file.locate(comment.span).line, comment.span.begin, Item::Kind::comment,
                         trim_right(std::string(comment.text))});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.offset < b.offset; });

    std::string out;
    std::uint32_t previous_line = 0;
    bool after_statement = false;  // inside a statement's block: its attributes and comments among them
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        const bool same_line = previous_line == item.line && item.kind == Item::Kind::comment && !out.empty();
        if (same_line) {  // a comment after a statement or attribute on its line
            out.pop_back();
            out += "  " + item.text + "\n";
            continue;
        }
        // A comment among a statement's attribute lines is indented with them.
        bool among_attributes = false;
        if (item.kind == Item::Kind::comment && after_statement) {
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                if (items[j].kind == Item::Kind::comment) continue;
                among_attributes = items[j].kind == Item::Kind::attribute;
                break;
            }
        }
        const bool gap = previous_line != 0 && item.line > previous_line + 1;
        if (gap && item.kind != Item::Kind::attribute && !among_attributes) out += "\n";
        if (item.kind == Item::Kind::comment) {
            out += (among_attributes ? std::string(attribute_indent) : "") + item.text + "\n";
        } else {
            out += item.text + "\n";
        }
        if (item.kind == Item::Kind::statement) after_statement = true;
        else if (item.kind == Item::Kind::comment && !among_attributes) after_statement = false;
        previous_line = item.line;
    }
    return out;
}

}  // namespace aftercare
