#include "rule_catalog.hpp"

#include <algorithm>

namespace aftercare {

namespace {
constexpr std::string_view problems = "docs/language.md#problem-codes";
}

const std::vector<RuleInfo>& rule_catalog() {
    static const std::vector<RuleInfo> rules = [] {
        std::vector<RuleInfo> r{
            {"ambiguous-activity", Severity::error, "A word names several kinds of activity",
             "The word is the last part of several kinds (light: sweat.light, exercise.light). Write the full id.", problems},
            {"contradiction", Severity::warning, "Guidance contradicts itself on the same day",
             "On the same day one side forbids or avoids an activity that the other allows, recommends or requires. "
             "Within one protocol, settle which applies; across clinics, it is a disagreement to know about.",
             "docs/semantics.md#contradiction"},
            {"duplicate-activity", Severity::error, "An activity is named twice in one rule",
             "One line names the same activity twice, perhaps under two words. Name each activity once per line.", problems},
            {"duplicate-definition", Severity::error, "Something is defined twice",
             "A header line, milestone or phase is given twice; in a vocabulary, an id or synonym is used twice. Keep one.",
             problems},
            {"duplicate-import", Severity::error, "More than one vocabulary is imported",
             "A protocol imports exactly one vocabulary. Remove the extra import line.", problems},
            {"duplicate-sign", Severity::error, "A warning sign is named twice in one warning",
             "One warning names the same sign twice, perhaps under two words. Name each sign once.", problems},
            {"duration-mismatch", Severity::warning, "The same guidance over different days",
             "Restrictions starting together end on different days, or permissions ending together start on different "
             "days (swimming banned 14 days in one clinic, 30 in another).",
             "docs/semantics.md#duration-mismatch"},
            {"empty-range", Severity::error, "The days cover nothing",
             "A range that ends before it starts (day 6..4), for 0 days, or until a milestone on day 0.", problems},
            {"empty-text", Severity::error, "Text between quotes is empty",
             "A title, source name, file name, quote, note or condition is \"\". Write the text or remove the line.", problems},
            {"encoding", Severity::error, "The file is not UTF-8 text",
             "A byte cannot start a UTF-8 character. Save the file as UTF-8.", problems},
            {"gap-coverage", Severity::info, "A topic one clinic covers and another never mentions",
             "Across protocols: some give rules on a topic that others never mention.", "docs/semantics.md#gap-coverage"},
            {"gap-days", Severity::info, "Days without guidance between an activity's rules",
             "Inside the days a protocol talks about an activity, some days have no guidance at all.",
             "docs/semantics.md#gap-days"},
            {"gap-expected", Severity::warning, "A topic every protocol of the procedure should cover is missing",
             "The vocabulary's expect line lists topics every protocol of the procedure should cover; this one never "
             "mentions one. Add rules on it, or say in a note why it is left out.",
             "docs/semantics.md#gap-expected"},
            {"import-failed", Severity::error, "The vocabulary cannot be imported",
             "The imported file cannot be read, is not a vocabulary, or has errors of its own. Paths are relative to the "
             "protocol's folder.",
             problems},
            {"invalid-date", Severity::error, "The date does not exist", "Write the retrieved date as YYYY-MM-DD.", problems},
            {"invalid-day", Severity::error, "A day is too far from the session",
             "Days run from -36500 to 36500; a milestone comes on or after day 0.", problems},
            {"invalid-quantity", Severity::error, "A limit that cannot be right",
             "A limit with forbid or avoid, a reversed or zero range, more minutes or hours than a day has, an SPF above "
             "100.",
             "docs/language.md#7-quantities-and-limits"},
            {"invalid-url", Severity::error, "The source's address is not a web address",
             "Write the address starting with https:// or http://.", problems},
            {"misplaced-attribute", Severity::error, "A quote, note or condition where none is kept",
             "Quotes and notes belong under the source, rules, warnings, milestones and phases; when lines under rules.",
             problems},
            {"misplaced-definition", Severity::error, "A vocabulary line in a protocol",
             "activity, sign, expect and vocabulary lines belong in the vocabulary the protocol imports.", problems},
            {"missing-header", Severity::error, "The protocol lacks its title, procedure or source",
             "Every protocol starts with protocol \"TITLE\", procedure NAME and source \"NAME\".", problems},
            {"missing-import", Severity::error, "The protocol imports no vocabulary",
             "Without a vocabulary its activities cannot be checked. Add import \"../vocabulary.care\".", problems},
            {"orphan-attribute", Severity::error, "A quote, note or when line with no statement above it",
             "Move it under the statement it belongs to.", problems},
            {"strength-mismatch", Severity::warning, "The same direction with different strength",
             "On the same day one side forbids and the other avoids, or one requires and the other recommends.",
             "docs/semantics.md#strength-mismatch"},
            {"syntax", Severity::error, "The line does not follow the language",
             "The message says what was expected where; the hint gives an example.", "docs/language.md"},
            {"too-many-errors", Severity::error, "Too many lines could not be read",
             "After 50 syntax errors the file is not read further. Fix the errors above and check again.", problems},
            {"undefined-name", Severity::error, "No milestone or phase has this name",
             "Define it (milestone NAME = day N, phase NAME = day A..B), or fix the spelling.", problems},
            {"unknown-activity", Severity::error, "The word is not an activity of the vocabulary",
             "Use an activity id or synonym of the vocabulary (the hint suggests the closest), or add the word to the "
             "vocabulary.",
             "docs/language.md#6-activities-and-the-vocabulary"},
            {"unknown-contact", Severity::error, "Whom to contact is not known",
             "contact takes technician, physician or clinic.", problems},
            {"unknown-sign", Severity::error, "The word is not a warning sign of the vocabulary",
             "Use a sign id or synonym of the vocabulary, or add it there.", problems},
            {"vocabulary", Severity::error, "A problem inside a vocabulary file",
             "A line other than a definition, a second vocabulary line, an empty description, a kind whose parent is "
             "not defined, or an unknown topic in an expect line.",
             "docs/language.md#adding-a-word-to-the-vocabulary"},
            {"wrong-name-kind", Severity::error, "A phase used as a milestone, or the other way round",
             "until and from take a milestone; during takes a phase.", problems},
        };
        std::sort(r.begin(), r.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
        return r;
    }();
    return rules;
}

const RuleInfo* find_rule(std::string_view id) {
    const auto& rules = rule_catalog();
    const auto it = std::lower_bound(rules.begin(), rules.end(), id,
                                     [](const RuleInfo& r, std::string_view key) { return r.id < key; });
    return it != rules.end() && it->id == id ? &*it : nullptr;
}

}  // namespace aftercare
