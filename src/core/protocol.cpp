#include "protocol.hpp"

#include <fmt/format.h>

namespace aftercare {

std::string written_text(const DayWindow& window) {
    using Form = syntax::Days::Form;
    const WrittenDays& d = window.written;
    std::string text;
    if (d.present) {
        switch (d.form) {
            case Form::day: text = fmt::format("day {}", d.first); break;
            case Form::range: text = fmt::format("day {}..{}", d.first, d.last); break;
            case Form::open_end: text = fmt::format("day {}..", d.first); break;
            case Form::open_start: text = fmt::format("day ..{}", d.last); break;
            case Form::duration: {
                static constexpr const char* units[] = {"day", "week", "month", "year"};
                text = fmt::format("for {} {}{}", d.amount, units[static_cast<int>(d.unit)], d.amount == 1 ? "" : "s");
                break;
            }
            case Form::until: text = "until " + d.name.str(); break;
            case Form::from: text = "from " + d.name.str(); break;
            case Form::during: text = "during " + d.name.str(); break;
            case Form::ongoing: text = "ongoing"; break;
        }
    }
    if (window.anchor != Anchor::session) {
        const char* anchor = window.anchor == Anchor::final_session ? "after final session" : "between sessions";
        text += (text.empty() ? "" : " ") + std::string(anchor);
    }
    return text;
}

}  // namespace aftercare
