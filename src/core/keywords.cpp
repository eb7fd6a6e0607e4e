#include "keywords.hpp"

#include <array>
#include <utility>

namespace aftercare {

using syntax::Modality;

namespace {
constexpr std::array<std::pair<std::string_view, Modality>, 5> modalities{{
    {"forbid", Modality::forbid},
    {"avoid", Modality::avoid},
    {"allow", Modality::allow},
    {"recommend", Modality::recommend},
    {"require", Modality::require},
}};
}  // namespace

std::optional<Modality> modality_from_keyword(std::string_view word) {
    for (const auto& [text, modality] : modalities) {
        if (text == word) return modality;
    }
    return std::nullopt;
}

std::string_view keyword_of(Modality modality) {
    for (const auto& [text, m] : modalities) {
        if (m == modality) return text;
    }
    return "allow";
}

int strength_of(Modality modality) {
    return static_cast<int>(modality) - static_cast<int>(Modality::allow);
}

std::string_view keyword_of(syntax::Anchor anchor) {
    switch (anchor) {
        case syntax::Anchor::session: return "session";
        case syntax::Anchor::final_session: return "final-session";
        case syntax::Anchor::between_sessions: return "between-sessions";
    }
    return "session";
}

const std::vector<std::string>& statement_keywords() {
    static const std::vector<std::string> words{
        "activity", "after",   "between", "day",      "during",    "expect",  "for",   "from",  "import",
        "milestone", "note",   "ongoing", "phase",    "procedure", "protocol", "quote", "sign",
        "source",   "until",   "vocabulary", "warning",
    };
    return words;
}

}  // namespace aftercare
