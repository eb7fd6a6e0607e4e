#include "protocol.hpp"

#include "append.hpp"

namespace aftercare {

std::string written_text(const DayWindow& window) {
    std::string text;
    append_written_text(text, window);
    return text;
}

void append_written_text(std::string& text, const DayWindow& window) {
    using Form = syntax::Days::Form;
    const WrittenDays& d = window.written;
    // Appended, not formatted: every note of a report shows its rule's window.
    const std::size_t start = text.size();
    if (d.present) {
        switch (d.form) {
            case Form::day:
                text += "day ";
                append_number(text, d.first);
                break;
            case Form::range:
            case Form::open_end:
            case Form::open_start:
                text += "day ";
                if (d.form != Form::open_start) append_number(text, d.first);
                text += "..";
                if (d.form != Form::open_end) append_number(text, d.last);
                break;
            case Form::duration: {
                static constexpr const char* units[] = {"day", "week", "month", "year"};
                text += "for ";
                append_number(text, d.amount);
                text += ' ';
                text += units[static_cast<int>(d.unit)];
                if (d.amount != 1) text += 's';
                break;
            }
            case Form::until: text += "until "; text += d.name.view(); break;
            case Form::from: text += "from "; text += d.name.view(); break;
            case Form::during: text += "during "; text += d.name.view(); break;
            case Form::ongoing: text += "ongoing"; break;
        }
    }
    if (window.anchor != Anchor::session) {
        if (text.size() > start) text += ' ';
        text += window.anchor == Anchor::final_session ? "after final session" : "between sessions";
    }
}

}  // namespace aftercare
