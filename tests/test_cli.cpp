// The built program, run as a user runs it: exit codes and output.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace aftercare::test;

namespace {
// Scratch files live beside the test inputs (imports are relative to them);
// the process id keeps parallel test runs apart.
std::string unique_name(const std::string& stem, const std::string& extension) {
    return stem + "-" + std::to_string(getpid()) + extension;
}
}  // namespace

TEST_CASE("the program prints its version, and help for itself and each command", "[cli]") {
    const auto version = run_program("--version");
    CHECK(version.status == 0);
    CHECK(version.out == "aftercare " AFTERCARE_VERSION "\n");
    const auto help = run_program("--help");
    CHECK(help.status == 0);
    CHECK(help.out.find("check") != std::string::npos);
    CHECK(help.out.find("compile") != std::string::npos);
    CHECK(help.out.find("day 4..6: allow rinse; forbid shampoo") != std::string::npos);
    for (const char* command : {"check", "compile", "diff", "compare", "fmt", "decompile"}) {
        const auto sub = run_program(std::string(command) + " --help");
        INFO(command);
        CHECK(sub.status == 0);
        const auto examples = sub.out.find("Examples:\n");
        REQUIRE(examples != std::string::npos);
        CHECK(sub.out.find(std::string("  aftercare ") + command + " ", examples) != std::string::npos);
        CHECK(sub.out.find("Exit status:") != std::string::npos);
    }
}

TEST_CASE("check: exit 0 when clean, 1 with problems, 2 for usage and unreadable files", "[cli]") {
    const auto clean = run_program("check cli/clean.care");
    CHECK(clean.status == 0);
    CHECK(clean.out == "checked 1 file: no problems\n");

    // Findings fail at --fail-on's level or worse: gap-expected is a warning.
    CHECK(run_program("check golden/design-card.care").status == 1);
    CHECK(run_program("check golden/design-card.care --fail-on warning").status == 1);
    CHECK(run_program("check golden/design-card.care --fail-on error").status == 0);
    CHECK(run_program("check golden/design-card.care --fail-on bogus").status == 2);

    const auto broken = run_program("check malformed/ --color never");
    CHECK(broken.status == 1);

    const auto missing = run_program("check does-not-exist.care");
    CHECK(missing.status == 2);
    CHECK(missing.out.find("cannot read does-not-exist.care") != std::string::npos);

    CHECK(run_program("check").status == 2);
    CHECK(run_program("frobnicate").status == 2);
}

TEST_CASE("every command whose output cannot be written says so and exits with 2", "[cli]") {
    // /dev/full takes nothing: each write fails with ENOSPC, as on a full disk.
    REQUIRE(std::filesystem::exists("/dev/full"));
    enter_test_dir();
    const std::string errors = unique_name("cli-full", ".err.tmp");
    const std::string compiled = unique_name("cli-full", ".json.tmp");
    write(compiled, run_program("compile golden/design-card.care").out);
    const std::vector<std::string> commands = {
        "check golden/design-card.care", "check --format json golden/design-card.care",
        "compile golden/design-card.care", "decompile " + compiled, "fmt format/messy.care",
        "fmt --check format/messy.care", "diff findings/within-contradiction.care findings/within-duration.care",
        "compare findings/within-contradiction.care findings/within-duration.care"};
    for (const std::string& args : commands) {
        INFO(args);
        const int status = std::system(("'" AFTERCARE_BINARY "' " + args + " >/dev/full 2>" + errors).c_str());
        CHECK(WEXITSTATUS(status) == 2);
        CHECK(read(errors) == "aftercare: error: cannot write the output: No space left on device\n");
    }
    std::filesystem::remove(errors);
    std::filesystem::remove(compiled);
}

// The sanitizers reserve terabytes of address space for their own use, so a
// build with them cannot run under an address-space limit at all; every other
// build runs this.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("check: a run larger than the memory allowed ends with a sentence and status 2, not an abort", "[cli]") {
    enter_test_dir();
    const std::string big = unique_name("cli-big", ".care.tmp");
    std::string text = "protocol \"Big\"\nprocedure smp\nsource \"Big\"\nimport \"../protocols/vocabulary.care\"\n";
    while (text.size() < 12'000'000) text += "day 1..3: forbid wash\n  quote \"Do not wash your head for three days.\"\n";
    write(big, text);
    // 12 MB of text and a syntax tree several times its size do not fit in 40 MB of address space;
    // the program itself, on one thread, runs in 8.
    const auto limited = run_program("check " + big, "ulimit -v 40000; AFTERCARE_THREADS=1");
    std::filesystem::remove(big);
    CHECK(limited.status == 2);
    CHECK(limited.out == "aftercare: error: out of memory: the input needs more memory than this process may use\n");
    CHECK(run_program("check cli/clean.care", "ulimit -v 40000; AFTERCARE_THREADS=1").status == 0);
}
#endif

TEST_CASE("check: the human format names file, line and column, then the line and a caret", "[cli]") {
    enter_test_dir();
    const std::string path = unique_name("cli-typo", ".care.tmp");
    write(path,
          "protocol \"T\"\nprocedure smp\nsource \"S\"\nimport \"../protocols/vocabulary.care\"\n"
          "day 4..6: allow rinse; forbid shampo\n");
    const auto result = run_program("check " + path + " --color never");
    std::filesystem::remove(path);
    CHECK(result.status == 1);
    CHECK(result.out ==
          path + ":5:31: error: unknown activity 'shampo' [unknown-activity]\n"
          " 5 | day 4..6: allow rinse; forbid shampo\n"
          "   |                               ^~~~~~\n"
          "  hint: did you mean 'shampoo' (wash.shampoo)?\n"
          "checked 1 file: 1 error, 0 warnings, 0 infos\n");
}

TEST_CASE("check: colour only when asked for or on a terminal, never with NO_COLOR", "[cli]") {
    const std::string args = "check malformed/";
    CHECK(run_program(args).out.find("\x1b[") == std::string::npos);  // a pipe is not a terminal
    CHECK(run_program(args + " --color always").out.find("\x1b[") != std::string::npos);
    CHECK(run_program(args + " --color always", "NO_COLOR=1").out.find("\x1b[") == std::string::npos);
}

TEST_CASE("check: colour marks the place, severity, message, caret, hint and note, and nothing else", "[cli]") {
    const auto result = run_program("check malformed/03-misspelt-modality.care --color always");
    CHECK(result.status == 1);
    CHECK(result.out ==
          "\x1b[1mmalformed/03-misspelt-modality.care:5:11:\x1b[0m \x1b[1;31merror:\x1b[0m "
          "\x1b[1mexpected what to do after ':': forbid, avoid, allow, recommend or require and an activity\x1b[0m "
          "[syntax]\n"
          " 5 | day 4..6: alow rinse\n"
          "   |           \x1b[1;32m^~~~\x1b[0m\n"
          "  \x1b[1;36mhint:\x1b[0m did you mean 'allow'?\n"
          "checked 1 file: 1 error, 0 warnings, 0 infos\n");

    // A finding's notes: each place in bold, "note:" dimmed, its source line
    // and caret, and the rule's quote plain.
    const auto finding = run_program("check findings/within-contradiction-swim.care --color always");
    CHECK(finding.status == 1);
    CHECK(finding.out ==
          "\x1b[1mfindings/within-contradiction-swim.care:9:19:\x1b[0m \x1b[1;35mwarning:\x1b[0m \x1b[1mrules in this "
          "protocol disagree on 'swim', days 20..35: line 9 forbids it on days 20..35; line 11 allows it on days "
          "20..35\x1b[0m [contradiction]\n"
          " 9 | day 0..40: forbid swim\n"
          "   |                   \x1b[1;32m^~~~\x1b[0m\n"
          "  \x1b[1;36mhint:\x1b[0m settle which applies on those days, and narrow or remove the other rule\n"
          "\x1b[1mfindings/within-contradiction-swim.care:9:19:\x1b[0m \x1b[1;30mnote:\x1b[0m forbid swim (day 0..40)\n"
          " 9 | day 0..40: forbid swim\n"
          "   |                   \x1b[1;32m^~~~\x1b[0m\n"
          "  quote: \"No swimming for six weeks.\"\n"
          "\x1b[1mfindings/within-contradiction-swim.care:11:19:\x1b[0m \x1b[1;30mnote:\x1b[0m allow swim (day 20..35)\n"
          " 11 | day 20..35: allow swim\n"
          "    |                   \x1b[1;32m^~~~\x1b[0m\n"
          "  quote: \"Gentle swimming is fine after three weeks.\"\n"
          "checked 1 file: 0 errors, 1 warning, 0 infos\n");
}

TEST_CASE("compile: JSON on stdout, deterministic, and -o writes only a complete result", "[cli]") {
    const auto first = run_program("compile golden/design-card.care");
    CHECK(first.status == 0);
    CHECK(first.out == read("golden/design-card.json"));
    CHECK(run_program("compile golden/design-card.care").out == first.out);

    enter_test_dir();
    const std::string out = unique_name("cli-output", ".json.tmp");
    std::filesystem::remove(out);
    CHECK(run_program("compile golden/design-card.care -o " + out).status == 0);
    CHECK(read(out) == first.out);

    // A protocol with errors leaves the existing output untouched.
    write(out, "previous content\n");
    const auto failed = run_program("compile malformed/" + files_in("malformed", ".care").front().substr(10) + " -o " + out);
    CHECK(failed.status == 1);
    CHECK(read(out) == "previous content\n");
    std::filesystem::remove(out);

    CHECK(run_program("compile does-not-exist.care").status == 2);
    CHECK(run_program("compile golden/design-card.care -o no-such-folder/out.json").status == 2);
}

TEST_CASE("diff: the days two protocols differ on, side by side, and what only one names", "[cli][diff]") {
    const auto result = run_program("diff cli/clinic-a.care cli/clinic-b.care");
    CHECK(result.status == 1);
    CHECK(result.out ==
          "--- clinic-a (cli/clinic-a.care)\n"
          "+++ clinic-b (cli/clinic-b.care)\n"
          "\n"
          "activity    days         clinic-a  clinic-b\n"
          "makeup      days 0..6    avoid     -\n"
          "moisturize  days 4..     -         recommend 2..4 per day\n"
          "swim        days 15..30  -         avoid\n"
          "wash        day 3        allow     forbid\n"
          "\n"
          "only in clinic-a: makeup\n"
          "\n"
          "only in clinic-b: moisturize\n");

    const auto same = run_program("diff cli/clinic-a.care cli/clinic-a.care");
    CHECK(same.status == 0);
    CHECK(same.out.find("no differences") != std::string::npos);

    CHECK(run_program("diff cli/clinic-a.care").status == 2);
    CHECK(run_program("diff cli/clinic-a.care malformed/01-missing-colon.care").status == 2);
    CHECK(run_program("diff cli/clinic-a.care does-not-exist.care").status == 2);
}

TEST_CASE("diff --format json gives each differing row with both sides", "[cli][diff]") {
    const auto result = run_program("diff cli/clinic-a.care cli/clinic-b.care --format json");
    CHECK(result.status == 1);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["schema"] == "aftercare/diff/1");
    CHECK(json["a"]["name"] == "clinic-a");
    CHECK(json["only_in_a"] == nlohmann::json::array({"makeup"}));
    CHECK(json["only_in_b"] == nlohmann::json::array({"moisturize"}));
    const auto& wash = json["activities"][3];
    CHECK(wash["activity"] == "wash");
    CHECK(wash["rows"][0]["from"] == 3);
    CHECK(wash["rows"][0]["to"] == 3);
    CHECK(wash["rows"][0]["a"]["modality"] == "allow");
    CHECK(wash["rows"][0]["b"]["modality"] == "forbid");
    const auto& swim = json["activities"][2];
    CHECK(swim["rows"][0]["from"] == 15);
    CHECK(swim["rows"][0]["a"].is_null());
}

TEST_CASE("compare: every protocol side by side, agreement and the strictest guidance", "[cli][compare]") {
    const auto result = run_program("compare cli/clinic-a.care cli/clinic-b.care");
    CHECK(result.status == 0);
    CHECK(result.out ==
          "activity    days         clinic-a  clinic-b                strictest  agreement\n"
          "makeup      days 0..6    avoid     -                       avoid      partial\n"
          "moisturize  days 4..     -         recommend 2..4 per day  recommend  partial\n"
          "swim        days 0..14   avoid     avoid                   avoid      agree\n"
          "            days 15..30  -         avoid                   avoid      partial\n"
          "wash        days 0..2    forbid    forbid                  forbid     agree\n"
          "            day 3        allow     forbid                  forbid     differ\n"
          "            days 4..     allow     allow                   allow      agree\n");

    const auto json = nlohmann::json::parse(run_program("compare cli/clinic-a.care cli/clinic-b.care --format json").out);
    CHECK(json["schema"] == "aftercare/compare/1");
    CHECK(json["protocols"].size() == 2);
    const auto& wash = json["activities"][3];
    CHECK(wash["activity"] == "wash");
    CHECK(wash["rows"][1]["agreement"] == "differ");
    CHECK(wash["rows"][1]["strictest"] == "forbid");
    CHECK(wash["rows"][1]["guidance"][0]["rules"] == nlohmann::json::array({1}));

    // The five clinics: every row names all five, and the command succeeds.
    const auto clinics = run_program("compare ../protocols/clinics/ --format json");
    CHECK(clinics.status == 0);
    const auto all = nlohmann::json::parse(clinics.out);
    CHECK(all["protocols"].size() == 5);
    for (const auto& activity : all["activities"]) {
        for (const auto& row : activity["rows"]) CHECK(row["guidance"].size() == 5);
    }
    CHECK(run_program("compare does-not-exist.care").status == 2);
}

TEST_CASE("check --format plain: the same facts without colour, source lines or carets", "[cli][formats]") {
    const auto result = run_program("check malformed/03-misspelt-modality.care --format plain --color always");
    CHECK(result.status == 1);
    CHECK(result.out ==
          "malformed/03-misspelt-modality.care:5:11: error: expected what to do after ':': forbid, avoid, allow, "
          "recommend or require and an activity [syntax]\n"
          "  hint: did you mean 'allow'?\n"
          "checked 1 file: 1 error, 0 warnings, 0 infos\n");
}

TEST_CASE("check --format github: one workflow command per problem, escaped", "[cli][formats]") {
    const auto result = run_program("check cli/clinic-a.care cli/clinic-b.care --format github");
    CHECK(result.status == 1);
    CHECK(result.out.find("::warning file=cli/clinic-a.care,line=10,col=16,endLine=10,endColumn=20,"
                          "title=aftercare contradiction::clinics disagree on 'wash', day 3: clinic-a allows it on days 3..; "
                          "clinic-b forbids it on days 0..3%0Acli/clinic-a.care:10:16: clinic-a: allow wash (day 3..) "
                          "\"You are allowed to wash on the 3rd day.\"%0Acli/clinic-b.care:7:18: clinic-b: forbid "
                          "wash (day 0..3)\n") != std::string::npos);
    CHECK(result.out.find("::notice file=cli/clinic-a.care,line=13") != std::string::npos);  // infos are notices
    CHECK(result.out.find("checked") == std::string::npos);  // nothing but commands
    const auto error = run_program("check malformed/01-missing-colon.care --format github");
    CHECK(error.out.rfind("::error file=malformed/01-missing-colon.care,line=5,col=10,", 0) == 0);
}

TEST_CASE("check --format json: the diagnostic model with rule, severity, locations and quotes", "[cli][formats]") {
    const auto result = run_program("check cli/clinic-a.care cli/clinic-b.care malformed/01-missing-colon.care --format json");
    CHECK(result.status == 1);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["schema"] == "aftercare/diagnostics/1");
    CHECK(json["files"].size() == 3);
    CHECK(json["summary"]["errors"] == 1);
    CHECK(json["summary"]["warnings"] == 2);
    CHECK(json["summary"]["infos"] == 2);
    // Each file's own problems first, in the order given, then the findings across files.
    const auto& syntax = json["diagnostics"][0];
    CHECK(syntax["rule"] == "syntax");
    CHECK(syntax["severity"] == "error");
    CHECK(syntax["location"]["file"] == "malformed/01-missing-colon.care");
    CHECK(syntax["location"]["line"] == 5);
    CHECK(syntax["location"]["column"] == 10);
    CHECK(syntax["hint"] == "for example: day 4..6: allow rinse");
    bool contradiction = false;
    for (const auto& d : json["diagnostics"]) {
        if (d["rule"] != "contradiction") continue;
        contradiction = true;
        CHECK(d["doc"] == "docs/semantics.md#contradiction");
        REQUIRE(d["related"].size() == 2);
        CHECK(d["related"][0]["location"]["file"] == "cli/clinic-a.care");
        CHECK(d["related"][0]["quotes"][0] == "You are allowed to wash on the 3rd day.");
        CHECK(d["related"][1]["location"]["file"] == "cli/clinic-b.care");
    }
    CHECK(contradiction);
}

TEST_CASE("check - reads standard input, named by --stdin-filename", "[cli][stdin]") {
    const auto result = run_program("check - --stdin-filename cli/typed.care --format plain < malformed/03-misspelt-modality.care");
    CHECK(result.status == 1);
    CHECK(result.out.rfind("cli/typed.care:5:11: error: expected what to do", 0) == 0);
    // Imports are relative to the name given: with the clean file's own name it is clean.
    CHECK(run_program("check - --stdin-filename cli/clean.care < cli/clean.care").out == "checked 1 file: no problems\n");
    CHECK(run_program("check - < cli/clean.care").out.find("<stdin>") != std::string::npos);  // the import is not found
}

TEST_CASE("fmt: --check names unformatted files, --diff shows the change, --write replaces them", "[cli][fmt]") {
    enter_test_dir();
    const std::string messy = "format/" + unique_name("fmt-messy", ".care.tmp");  // beside messy.care: same imports
    write(messy, read("format/messy.care"));

    const auto printed = run_program("fmt format/messy.care");
    CHECK(printed.status == 0);
    CHECK(printed.out == read("format/messy.formatted.care"));

    const auto check = run_program("fmt --check " + messy + " format/messy.formatted.care");
    CHECK(check.status == 1);
    CHECK(check.out == "would reformat " + messy + "\n");
    CHECK(run_program("fmt --check format/messy.formatted.care").status == 0);

    const auto diff = run_program("fmt --diff " + messy);
    CHECK(diff.status == 1);
    CHECK(diff.out.rfind("--- " + messy + "\n+++ " + messy + "\n@@ -1,", 0) == 0);
    CHECK(diff.out.find("\n-PROTOCOL   \"Messy\"   # trailing comment kept\n-Procedure smp\n") != std::string::npos);
    CHECK(diff.out.find("\n+protocol \"Messy\"  # trailing comment kept\n+procedure smp\n") != std::string::npos);

    const auto written = run_program("fmt --write " + messy);
    CHECK(written.status == 0);
    CHECK(written.out == "formatted " + messy + "\n");
    CHECK(read(messy) == read("format/messy.formatted.care"));
    CHECK(run_program("fmt --write " + messy).out.empty());  // nothing left to do
    std::filesystem::remove(messy);

    CHECK(run_program("fmt --check --write format/messy.care").status == 2);
}

TEST_CASE("fmt --write never touches a file with errors", "[cli][fmt]") {
    enter_test_dir();
    const std::string broken = unique_name("fmt-broken", ".care.tmp");
    const std::string text = read("malformed/01-missing-colon.care");
    write(broken, text);
    const auto result = run_program("fmt --write " + broken);
    CHECK(result.status == 1);
    CHECK(result.out.find(broken + " has errors; not formatted") != std::string::npos);
    CHECK(read(broken) == text);
    std::filesystem::remove(broken);
}

TEST_CASE("decompile: compiled JSON back to the canonical text", "[cli][decompile]") {
    enter_test_dir();
    const std::string json = unique_name("decompile", ".json.tmp");
    CHECK(run_program("compile format/messy.formatted.care -o " + json).status == 0);
    const auto text = run_program("decompile " + json);
    CHECK(text.status == 0);
    // The formatted file without its comments and blank lines.
    CHECK(text.out ==
          "protocol \"Messy\"\n"
          "procedure smp\n"
          "source \"Test clinic\" url \"https://example.com\" retrieved 2026-11-01\n"
          "import \"../../protocols/vocabulary.care\"\n"
          "\n"
          "milestone healed = day 7\n"
          "phase healing = for 1 week\n"
          "day 0..3: forbid wash, touch; avoid sweat\n"
          "  quote \"Don't wash.\"\n"
          "  note \"blank lines before an attribute go\"\n"
          "day 4..6: allow rinse 2..4 per day; forbid shampoo\n"
          "until healed: recommend moisturize at least 1 per day\n"
          "day -3..-1 after final session: avoid alcohol-intake\n"
          "between sessions: recommend moisturize\n"
          "warning fever, pus: contact physician; seek care\n"
          "  note \"a note under a warning\"\n");
    std::filesystem::remove(json);

    CHECK(run_program("decompile golden/design-card.care").status == 1);  // not JSON
    CHECK(run_program("decompile does-not-exist.json").status == 2);
}
