// What the parser says when a rule that must match does not. Kept apart from
// the grammar so the rules read as the language and this reads as its help.
//
// Only rules used exclusively where failing is an error carry a message:
// must_if raises on *any* failure of a rule that has one.
#pragma once

#include "aftercare.hpp"

namespace aftercare::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define AFTERCARE_ERROR(rule, text) \
    template <>                     \
    inline constexpr const char* error_message<rule> = text

AFTERCARE_ERROR(string_close, "expected '\"' to close the text on this line | inside text, write \\\" for a quote and \\\\ for a backslash");
AFTERCARE_ERROR(escaped_char, "this is not an escape in text | inside text only \\\" (a quote) and \\\\ (a backslash) are escapes");
AFTERCARE_ERROR(title, "expected the protocol's title in double quotes, e.g. protocol \"SMP aftercare\"");
AFTERCARE_ERROR(procedure_name, "expected the procedure's name, e.g. procedure smp");
AFTERCARE_ERROR(source_name, "expected the clinic's name in double quotes, e.g. source \"Example Clinic\"");
AFTERCARE_ERROR(source_url, "expected the page's address in double quotes after 'url'");
AFTERCARE_ERROR(retrieved_date, "expected the date the page was read, as YYYY-MM-DD, after 'retrieved'");
AFTERCARE_ERROR(archived_copy, "expected the saved copy's file name in double quotes after 'archived'");
AFTERCARE_ERROR(import_path, "expected the vocabulary file's path in double quotes, e.g. import \"../vocabulary.care\"");
AFTERCARE_ERROR(vocabulary_name, "expected the vocabulary's name in double quotes");
AFTERCARE_ERROR(defined_name, "expected a name such as wash or wash.rinse");
AFTERCARE_ERROR(description, "expected a one-line description in double quotes");
AFTERCARE_ERROR(synonym, "expected a synonym (one word, such as swimming) after 'aka' or ','");
AFTERCARE_ERROR(expected_procedure, "expected the procedure's name after 'expect', e.g. expect smp: wash, sun");
AFTERCARE_ERROR(expect_colon, "expected ':' after the procedure's name, e.g. expect smp: wash, sun");
AFTERCARE_ERROR(expected_topic, "expected the topics after ':', e.g. expect smp: wash, sun");
AFTERCARE_ERROR(next_expected_topic, "expected another topic after ','");
AFTERCARE_ERROR(next_topic_alternative, "expected another activity after '|'");
AFTERCARE_ERROR(day_range, "expected a day such as 4, a range such as 1..3, an open range such as 7.., or ..-1 for the days before the session");
AFTERCARE_ERROR(duration_amount, "expected a number after 'for', e.g. for 14 days");
AFTERCARE_ERROR(duration_unit, "expected days, weeks, months or years after the number");
AFTERCARE_ERROR(milestone_ref, "expected the name of a milestone, e.g. until healed");
AFTERCARE_ERROR(phase_ref, "expected the name of a phase, e.g. during healing");
AFTERCARE_ERROR(final_word, "expected 'final session' after 'after', e.g. after final session");
AFTERCARE_ERROR(session_word, "expected 'session' after 'after final', e.g. after final session");
AFTERCARE_ERROR(sessions_word, "expected 'sessions' after 'between'");
AFTERCARE_ERROR(milestone_name, "expected the milestone's name, e.g. milestone healed = day 7");
AFTERCARE_ERROR(milestone_day_keyword, "expected 'day' and a number after '=', e.g. milestone healed = day 7");
AFTERCARE_ERROR(milestone_day, "expected the day number of the milestone, e.g. milestone healed = day 7");
AFTERCARE_ERROR(phase_name, "expected the phase's name, e.g. phase healing = day 0..7");
AFTERCARE_ERROR(phase_equals, "expected '=' after the phase's name, e.g. phase healing = day 0..7");
AFTERCARE_ERROR(phase_window, "expected the phase's days, e.g. day 0..7 or for 7 days");
AFTERCARE_ERROR(activity_list, "expected an activity after the modality, e.g. allow wash.rinse");
AFTERCARE_ERROR(next_activity_ref, "expected another activity after ','");
AFTERCARE_ERROR(count_high, "expected a number after '..', e.g. 2..4 per day");
AFTERCARE_ERROR(bounded_count, "expected a number after 'at most' or 'at least'");
AFTERCARE_ERROR(measure, "expected a unit (minutes, hours, times) or a frequency such as 'per day' after the number");
AFTERCARE_ERROR(period, "expected 'day' or 'week' after 'per'");
AFTERCARE_ERROR(spf_amount, "expected an SPF number after 'spf', e.g. spf 30..50 or spf at least 30");
AFTERCARE_ERROR(clause_list, "expected what to do after ':': forbid, avoid, allow, recommend or require and an activity, e.g. allow wash.rinse");
AFTERCARE_ERROR(next_clause, "expected another clause after ';': forbid, avoid, allow, recommend or require and an activity");
AFTERCARE_ERROR(rule_colon, "expected ':' after the day window, e.g. day 4..6: allow rinse");
AFTERCARE_ERROR(rule_tail, "expected ',' and another activity, ';' and another clause, or the end of the line, e.g. allow rinse; forbid shampoo");
AFTERCARE_ERROR(sign_list, "expected a warning sign after 'warning', e.g. warning itching, swelling: contact technician");
AFTERCARE_ERROR(next_sign_ref, "expected another warning sign after ','");
AFTERCARE_ERROR(warning_colon, "expected ':' after the warning signs, then what to do, e.g. warning fever: contact physician");
AFTERCARE_ERROR(stopped_activity, "expected the activity to stop after 'stop', e.g. stop product");
AFTERCARE_ERROR(contact_role, "expected whom to contact, e.g. contact technician");
AFTERCARE_ERROR(care_word, "expected 'care' after 'seek'");
AFTERCARE_ERROR(escalation_list, "expected what to do: stop ACTIVITY, contact WHOM, or seek care");
AFTERCARE_ERROR(next_escalation, "expected another action after ';': stop ACTIVITY, contact WHOM, or seek care");
AFTERCARE_ERROR(warning_tail, "expected ';' and another action, or the end of the line");
AFTERCARE_ERROR(quote_text, "expected the source's sentence in double quotes after 'quote'");
AFTERCARE_ERROR(condition_text, "expected the circumstance in double quotes after 'when', e.g. when \"you go outside\"");
AFTERCARE_ERROR(note_text, "expected the note in double quotes after 'note'");
AFTERCARE_ERROR(line_rest, "unexpected text; expected the end of the line");
AFTERCARE_ERROR(end_of_file, "expected a statement");

#undef AFTERCARE_ERROR

// The table in the form must_if expects.
struct error_table {
    template <typename Rule>
    static constexpr const char* message = error_message<Rule>;
};

}  // namespace aftercare::grammar
