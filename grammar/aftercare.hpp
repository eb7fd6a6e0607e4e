// The aftercare language: PEGTL rules only. No actions, no state, no I/O.
//
// A file is a sequence of lines. Every statement fits on one line; indented
// `quote "..."` and `note "..."` lines after a statement belong to it. The
// rules that commit to a statement (its keyword, or the ':' after a rule's
// day window) use if_must, so a failure points where the writer went wrong;
// the messages live in error_messages.hpp.
#pragma once

#include <tao/pegtl.hpp>

namespace aftercare::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;

// ---------------------------------------------------------------- lexical

// `allow` must not match the start of `allowed` or `allow-x`. Keywords ignore
// case, since pages write "Day 1-3" and writers copy them.
struct word_char : sor<alnum, one<'_', '-'>> {};
template <typename Word>
struct kw : seq<Word, not_at<word_char>> {};

#define AFTERCARE_KEYWORD(name, text) \
    struct kw_##name : kw<TAO_PEGTL_ISTRING(text)> {}

AFTERCARE_KEYWORD(protocol, "protocol");
AFTERCARE_KEYWORD(procedure, "procedure");
AFTERCARE_KEYWORD(source, "source");
AFTERCARE_KEYWORD(url, "url");
AFTERCARE_KEYWORD(retrieved, "retrieved");
AFTERCARE_KEYWORD(archived, "archived");
AFTERCARE_KEYWORD(import, "import");
AFTERCARE_KEYWORD(vocabulary, "vocabulary");
AFTERCARE_KEYWORD(activity, "activity");
AFTERCARE_KEYWORD(sign, "sign");
AFTERCARE_KEYWORD(aka, "aka");
AFTERCARE_KEYWORD(expect, "expect");
AFTERCARE_KEYWORD(milestone, "milestone");
AFTERCARE_KEYWORD(phase, "phase");
AFTERCARE_KEYWORD(warning, "warning");
AFTERCARE_KEYWORD(quote, "quote");
AFTERCARE_KEYWORD(note, "note");
AFTERCARE_KEYWORD(when, "when");

AFTERCARE_KEYWORD(day, "day");
AFTERCARE_KEYWORD(for, "for");
AFTERCARE_KEYWORD(until, "until");
AFTERCARE_KEYWORD(from, "from");
AFTERCARE_KEYWORD(during, "during");
AFTERCARE_KEYWORD(ongoing, "ongoing");
AFTERCARE_KEYWORD(after, "after");
AFTERCARE_KEYWORD(final, "final");
AFTERCARE_KEYWORD(session, "session");
AFTERCARE_KEYWORD(between, "between");
AFTERCARE_KEYWORD(sessions, "sessions");

AFTERCARE_KEYWORD(forbid, "forbid");
AFTERCARE_KEYWORD(avoid, "avoid");
AFTERCARE_KEYWORD(allow, "allow");
AFTERCARE_KEYWORD(recommend, "recommend");
AFTERCARE_KEYWORD(require, "require");

AFTERCARE_KEYWORD(at, "at");
AFTERCARE_KEYWORD(most, "most");
AFTERCARE_KEYWORD(least, "least");
AFTERCARE_KEYWORD(per, "per");
AFTERCARE_KEYWORD(spf, "spf");

AFTERCARE_KEYWORD(stop, "stop");
AFTERCARE_KEYWORD(contact, "contact");
AFTERCARE_KEYWORD(seek, "seek");
AFTERCARE_KEYWORD(care, "care");

#undef AFTERCARE_KEYWORD

struct sp : star<blank> {};         // optional spaces or tabs
struct sp1 : plus<blank> {};        // required spaces or tabs
struct comment : seq<one<'#'>, star<not_one<'\r', '\n'>>> {};
struct line_end : seq<sp, opt<comment>, eolf> {};

// A word such as `wash`, `red-streaks` or `smp`; a dotted name such as
// `wash.rinse` names a kind of an activity.
struct word : seq<alpha, star<word_char>> {};
struct dotted_name : list<word, one<'.'>> {};

// Any length: the checker says which numbers are too large, in words.
struct integer : seq<opt<one<'-'>>, plus<digit>> {};

// Only \" and \\ are escapes; anything else after a backslash is an error.
struct escaped_char : one<'"', '\\'> {};
struct escape : if_must<one<'\\'>, escaped_char> {};
struct string_char : sor<escape, not_one<'"', '\\', '\r', '\n'>> {};
struct string_body : star<string_char> {};
struct string_close : one<'"'> {};
struct string_literal : if_must<one<'"'>, string_body, string_close> {};

struct date : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};

struct two_dots : string<'.', '.'> {};
struct list_comma : seq<sp, one<','>, sp> {};
struct clause_separator : seq<sp, one<';'>, sp> {};

// ---------------------------------------------------------------- header
//
// Inside if_must, `sp` (not `sp1`) separates parts, so that a missing part is
// reported as the part that is missing rather than as missing blanks. Rules
// that carry an error message (error_messages.hpp) are used only where
// failing them is an error; shared rules such as `word` carry none.

struct title : string_literal {};
struct protocol_decl : if_must<kw_protocol, sp, title> {};

struct procedure_name : word {};
struct procedure_decl : if_must<kw_procedure, sp, procedure_name> {};

struct source_name : string_literal {};
struct source_url : string_literal {};
struct retrieved_date : date {};
struct source_url_part : if_must<kw_url, sp, source_url> {};
struct source_retrieved_part : if_must<kw_retrieved, sp, retrieved_date> {};
// The saved copy of the page, so every quote can be checked against it.
struct archived_copy : string_literal {};
struct source_archived_part : if_must<kw_archived, sp, archived_copy> {};
struct source_decl : if_must<kw_source, sp, source_name,
                             opt<sp1, source_url_part>,
                             opt<sp1, source_retrieved_part>,
                             opt<sp1, source_archived_part>> {};

struct import_path : string_literal {};
struct import_decl : if_must<kw_import, sp, import_path> {};

// ---------------------------------------------------------------- vocabulary

struct vocabulary_name : string_literal {};
struct vocabulary_decl : if_must<kw_vocabulary, sp, vocabulary_name> {};

struct defined_name : dotted_name {};
struct description : string_literal {};
struct synonym : word {};
struct synonyms_part : if_must<kw_aka, sp, synonym, star<list_comma, must<synonym>>> {};
struct activity_decl : if_must<kw_activity, sp, defined_name, sp, description,
                               opt<sp1, synonyms_part>> {};
struct sign_decl : if_must<kw_sign, sp, defined_name, sp, description,
                           opt<sp1, synonyms_part>> {};

// `expect smp: wash, sun | sunscreen, swim`: topics every protocol of a
// procedure should cover; `|` separates activities any one of which covers it.
struct expected_procedure : word {};
struct expect_colon : one<':'> {};
struct topic_alternative : dotted_name {};
struct next_topic_alternative : topic_alternative {};
struct alternative_bar : seq<sp, one<'|'>, sp> {};
struct expected_topic : seq<topic_alternative, star<alternative_bar, must<next_topic_alternative>>> {};
struct next_expected_topic : expected_topic {};
struct expect_decl : if_must<kw_expect, sp, expected_procedure, sp, expect_colon, sp, expected_topic,
                             star<list_comma, must<next_expected_topic>>> {};

// ---------------------------------------------------------------- day windows

struct range_start : integer {};
struct range_end : integer {};
struct open_end : two_dots {};
// `day 3`, `day 1..3`, `day 7..`, `day ..-1`
struct day_range : sor<seq<two_dots, sp, range_end>,
                       seq<range_start, opt<sp, sor<seq<two_dots, sp, range_end>, open_end>>>> {};
struct day_window : if_must<kw_day, sp, day_range> {};

struct duration_amount : integer {};
struct duration_unit : sor<kw<TAO_PEGTL_ISTRING("days")>, kw<TAO_PEGTL_ISTRING("day")>,
                           kw<TAO_PEGTL_ISTRING("weeks")>, kw<TAO_PEGTL_ISTRING("week")>,
                           kw<TAO_PEGTL_ISTRING("months")>, kw<TAO_PEGTL_ISTRING("month")>,
                           kw<TAO_PEGTL_ISTRING("years")>, kw<TAO_PEGTL_ISTRING("year")>> {};
struct for_window : if_must<kw_for, sp, duration_amount, sp, duration_unit> {};

struct milestone_ref : word {};
struct phase_ref : word {};
struct until_window : if_must<kw_until, sp, milestone_ref> {};
struct from_window : if_must<kw_from, sp, milestone_ref> {};
struct during_window : if_must<kw_during, sp, phase_ref> {};
struct ongoing_window : kw_ongoing {};

struct final_word : kw_final {};
struct session_word : kw_session {};
struct sessions_word : kw_sessions {};
struct after_final_session : if_must<kw_after, sp, final_word, sp, session_word> {};
struct between_sessions : if_must<kw_between, sp, sessions_word> {};
struct anchor : sor<after_final_session, between_sessions> {};

struct days : sor<day_window, for_window, until_window, from_window, during_window,
                  ongoing_window> {};
// `day 4..`, `day 4.. after final session`, or just `between sessions`.
struct window : sor<seq<days, opt<sp1, anchor>>, anchor> {};

// ---------------------------------------------------------------- milestones and phases

struct milestone_name : word {};
struct milestone_equals : one<'='> {};
struct milestone_day_keyword : kw_day {};
struct milestone_day : integer {};
struct milestone_dated : if_must<milestone_equals, sp, milestone_day_keyword, sp, milestone_day> {};
// `milestone healed = day 7`, or `milestone cleared` when the page gives no day.
struct milestone_decl : if_must<kw_milestone, sp, milestone_name, opt<sp, milestone_dated>> {};

struct phase_name : word {};
struct phase_equals : one<'='> {};
struct phase_window : days {};
struct phase_decl : if_must<kw_phase, sp, phase_name, sp, phase_equals, sp, phase_window> {};

// ---------------------------------------------------------------- rules
//
// `next_…` rules are the same as their base after a separator; they exist so
// that a missing second item gets its own message.

struct modality : sor<kw_forbid, kw_avoid, kw_allow, kw_recommend, kw_require> {};
struct activity_ref : dotted_name {};
struct next_activity_ref : activity_ref {};
struct activity_list : seq<activity_ref, star<list_comma, must<next_activity_ref>>> {};

struct at_most : seq<kw_at, sp1, kw_most> {};
struct at_least : seq<kw_at, sp1, kw_least> {};
struct bound : sor<at_most, at_least> {};
struct count_low : integer {};
struct count_high : integer {};
struct count_range : seq<count_low, opt<sp, two_dots, sp, must<count_high>>> {};
struct bounded_count : count_range {};
struct amount : sor<if_must<bound, sp, bounded_count>, count_range> {};

struct unit : sor<kw<TAO_PEGTL_ISTRING("minutes")>, kw<TAO_PEGTL_ISTRING("minute")>,
                  kw<TAO_PEGTL_ISTRING("hours")>, kw<TAO_PEGTL_ISTRING("hour")>,
                  kw<TAO_PEGTL_ISTRING("times")>, kw<TAO_PEGTL_ISTRING("time")>> {};
struct period : sor<kw<TAO_PEGTL_ISTRING("day")>, kw<TAO_PEGTL_ISTRING("week")>> {};
struct frequency : if_must<kw_per, sp, period> {};
struct measure : sor<seq<unit, opt<sp1, frequency>>, frequency> {};
// `2..4 per day`, `at most 5 minutes`, `at least 1 time per day`
struct counted_quantity : if_must<amount, sp, measure> {};
// `spf 30..50`, `spf at least 30`
struct spf_amount : amount {};
struct spf_quantity : if_must<kw_spf, sp, spf_amount> {};
struct quantity : sor<spf_quantity, counted_quantity> {};

struct clause : if_must<modality, sp, activity_list, opt<sp1, quantity>> {};
struct next_clause : clause {};
struct clause_list : seq<clause, star<clause_separator, must<next_clause>>> {};
struct rule_colon : one<':'> {};
// After a clause only these may follow; checked here so the message can say so.
struct rule_tail : at<sp, sor<one<'#'>, eolf>> {};
struct rule_decl : seq<window, sp, if_must<rule_colon, sp, clause_list, rule_tail>> {};

// ---------------------------------------------------------------- warning signs

struct sign_ref : dotted_name {};
struct next_sign_ref : sign_ref {};
struct sign_list : seq<sign_ref, star<list_comma, must<next_sign_ref>>> {};
struct stopped_activity : activity_ref {};
struct stop_action : if_must<kw_stop, sp, stopped_activity> {};
struct contact_role : word {};
struct contact_action : if_must<kw_contact, sp, contact_role> {};
struct care_word : kw_care {};
struct seek_care_action : if_must<kw_seek, sp, care_word> {};
struct escalation : sor<stop_action, contact_action, seek_care_action> {};
struct next_escalation : escalation {};
struct escalation_list : seq<escalation, star<clause_separator, must<next_escalation>>> {};
struct warning_colon : one<':'> {};
struct warning_tail : at<sp, sor<one<'#'>, eolf>> {};
struct warning_decl : if_must<kw_warning, sp, sign_list, sp, warning_colon, sp,
                              escalation_list, warning_tail> {};

// ---------------------------------------------------------------- lines

struct quote_text : string_literal {};
struct note_text : string_literal {};
struct quote_attribute : if_must<kw_quote, sp, quote_text> {};
struct note_attribute : if_must<kw_note, sp, note_text> {};
// A rule that applies only in some circumstance: `when "you go outside"`.
struct condition_text : string_literal {};
struct when_attribute : if_must<kw_when, sp, condition_text> {};
struct attribute : sor<quote_attribute, note_attribute, when_attribute> {};

struct statement : sor<protocol_decl, procedure_decl, source_decl, import_decl,
                       vocabulary_decl, activity_decl, sign_decl, expect_decl, milestone_decl,
                       phase_decl, warning_decl, rule_decl> {};

struct line_rest : seq<opt<comment>, eolf> {};
struct statement_end : seq<sp, must<line_rest>> {};
struct attribute_line : seq<sp, attribute, statement_end> {};
struct statement_line : seq<sp, statement, statement_end> {};
struct blank_line : seq<sp, opt<comment>, eol> {};
struct last_blank_line : seq<sp, opt<comment>, eof> {};

// Every line is blank, a statement or an attribute; anything else stops the
// loop and is reported at the start of that line.
struct line : sor<blank_line, attribute_line, statement_line> {};
struct end_of_file : sor<last_blank_line, eof> {};
struct file : seq<star<line>, must<end_of_file>> {};

}  // namespace aftercare::grammar
