// Long protocols are resolved and compared on several threads: the result
// must be exactly what one thread gives.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/json_output.hpp"
#include "core/parallel.hpp"
#include "support.hpp"

using namespace aftercare;

namespace {

// Long enough (over a megabyte) to be parsed in pieces and to be worth
// threads everywhere: windows moving through the days, kinds
// under their parents, all five modalities, open ends and limits, so the
// resolved view and every kind of finding have work on each thread; warning
// signs between the rules; and, when asked, misspelt activities, so that
// each piece of the checker has problems of its own to report.
std::string long_protocol(std::uint64_t seed, bool with_errors = false) {
    const char* activities[] = {"wash", "wash.rinse", "wash.shampoo", "touch", "touch.scratch", "shave",
                                "sweat", "sweat.heavy", "exercise", "sun", "swim", "water.hot"};
    const char* modalities[] = {"forbid", "avoid", "allow", "recommend", "require"};
    std::string text = fmt::format("protocol \"Long {0}\"\nprocedure smp\nsource \"Long {0}\"\n", seed) +
                       "import \"../protocols/vocabulary.care\"\n";
    std::uint64_t state = seed;
    auto next = [&](std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    };
    for (int line = 0; line < 24'000; ++line) {
        const auto first = static_cast<int>(line / 40 + next(10));
        const char* modality = modalities[next(5)];
        const bool limited = modality[0] == 'a' && modality[1] == 'l' && next(3) == 0;
        const auto one = next(12), other = (one + 1 + next(11)) % 12;  // a line names an activity once
        text += fmt::format("day {}..{}: {} {}{}; {} {}\n", first, first + static_cast<int>(next(9)), modality,
                            activities[one], limited ? " at most 2 per day" : "", modalities[next(5)], activities[other]);
        if (next(50) == 0) text += fmt::format("day {}..: avoid {}\n", first, activities[next(12)]);
        // Lines a long file must not be cut before: attributes, even in the first column.
        if (next(4) == 0) text += next(2) ? "quote \"Rinse gently.\"\n" : "  note \"as the page says\"\n";
        if (next(8) == 0) text += "# a comment between rules\n";
        if (next(300) == 0) text += "warning swelling, redness: stop touch; seek care\n";
        if (with_errors && next(400) == 0) text += fmt::format("day {}..{}: allow rinze\n", first, first + 2);
    }
    return text;
}

// Two long protocols written beside the tests for the program to read,
// removed when the test ends, however it ends.
struct LongFiles {
    std::string first, second;
    LongFiles(const std::string& name, std::uint64_t seed, bool with_errors = false) {
        const std::string suffix = std::to_string(getpid()) + ".care.tmp";
        first = "long-" + name + "-a-" + suffix;
        second = "long-" + name + "-b-" + suffix;
        test::write(first, long_protocol(seed, with_errors));
        test::write(second, long_protocol(seed + 1, with_errors));
    }
    ~LongFiles() {
        std::remove(first.c_str());
        std::remove(second.c_str());
    }
    LongFiles(const LongFiles&) = delete;
    LongFiles& operator=(const LongFiles&) = delete;
    std::string both() const { return first + " " + second; }
};

struct Outcome {
    std::string json;
    std::vector<std::string> findings;
};

Outcome compile_with_threads(const std::string& text, std::size_t threads) {
    thread_limit() = threads;
    const Compilation c = test::compile_text("long.care", text);
    REQUIRE(c.ok());
    const Analysed one{&c};
    Outcome out{to_json_text(c.protocol, c.resolved), {}};
    for (const Finding& f : analyse(one)) out.findings.push_back(to_diagnostic(f, one).message);
    thread_limit() = 0;
    return out;
}

}  // namespace

TEST_CASE("each index is visited once, however many items a thread takes at a time", "[parallel]") {
    for (const std::size_t threads : {1, 2, 3}) {
        for (const std::size_t count : {0, 1, 15, 16, 17, 1000}) {
            for (const std::size_t grain : {1, 4, 16, 5000}) {
                INFO("threads " << threads << ", count " << count << ", grain " << grain);
                thread_limit() = threads;
                std::vector<std::atomic<int>> visits(count);
                for_each_index(count, parallel_threshold, [&](std::size_t i) { ++visits[i]; }, grain);
                thread_limit() = 0;
                CHECK(std::all_of(visits.begin(), visits.end(), [](const std::atomic<int>& v) { return v == 1; }));
            }
        }
    }
}

TEST_CASE("a long protocol resolves and compares the same on one thread and on several", "[parallel]") {
    test::enter_test_dir();
    const std::string text = long_protocol(7);
    const Outcome one = compile_with_threads(text, 1);
    const Outcome several = compile_with_threads(text, 4);
    REQUIRE(one.json.size() > 1'000'000);  // the protocol is long enough to be split
    REQUIRE(one.findings.size() > 100);
    CHECK(one.json == several.json);
    CHECK(one.findings == several.findings);
}

TEST_CASE("checking long protocols prints the same on one thread and on several", "[parallel][cli]") {
    test::enter_test_dir();
    const LongFiles files("threads", 7);
    const std::string args = "check --format plain --fail-on error " + files.both();
    const auto one = test::run_program(args, "AFTERCARE_THREADS=1");
    const auto several = test::run_program(args, "AFTERCARE_THREADS=4");
    INFO(one.out.substr(0, 2000));
    CHECK(one.status == 0);
    CHECK(one.out.find("clinics disagree on") != std::string::npos);  // findings across the two files
    CHECK(one.out == several.out);

    const auto wrong = test::run_program("check " + files.first, "AFTERCARE_THREADS=many");
    CHECK(wrong.status == 2);
    CHECK(wrong.out == "aftercare: error: AFTERCARE_THREADS must be a number of threads, 1 or more, not 'many'\n");
}

TEST_CASE("a long protocol's problems are reported the same on one thread and on several", "[parallel][cli]") {
    test::enter_test_dir();
    const LongFiles files("errors", 11, true);
    const std::string args = "check --format plain " + files.first;
    const auto one = test::run_program(args, "AFTERCARE_THREADS=1");
    const auto several = test::run_program(args, "AFTERCARE_THREADS=4");
    INFO(one.out.substr(0, 2000));
    CHECK(one.status == 1);
    CHECK(std::count(one.out.begin(), one.out.end(), '\n') > 60);
    CHECK(one.out.find("unknown activity 'rinze'") != std::string::npos);
    CHECK(one.out == several.out);
    // The warnings' texts and the rules' quotes come through the pieces too.
    const Compilation c = test::compile_text("long.care", long_protocol(11));
    REQUIRE(c.ok());
    CHECK(c.protocol.warnings.size() > 40);
}

TEST_CASE("a long report is written in batches: each format has every diagnostic once and in order", "[parallel][cli][formats]") {
    test::enter_test_dir();
    const LongFiles long_files("batches", 9);
    const std::string files = " --fail-on error " + long_files.both();
    const auto plain = test::run_program("check --format plain" + files);
    const auto json = test::run_program("check --format json" + files);
    const auto sarif = test::run_program("check --format sarif" + files);

    // The order the plain lines give: file:line:col of each diagnostic, then its rule.
    std::vector<std::string> printed;
    std::size_t at = 0;
    for (std::size_t end; (end = plain.out.find('\n', at)) != std::string::npos; at = end + 1) {
        const std::string line = plain.out.substr(at, end - at);
        if (line.rfind("long-", 0) != 0) continue;  // notes, hints and the count are indented or start otherwise
        const std::size_t rule = line.rfind(" [");
        printed.push_back(line.substr(0, line.find(": ")) + " " + line.substr(rule + 2, line.size() - rule - 3));
    }

    const auto report = nlohmann::json::parse(json.out);
    std::vector<std::string> from_json;
    std::size_t notes = 0;
    for (const auto& d : report["diagnostics"]) {
        const auto& l = d["location"];
        from_json.push_back(fmt::format("{}:{}:{} {}", l["file"].get<std::string>(), l["line"].get<int>(),
                                        l["column"].get<int>(), d["rule"].get<std::string>()));
        notes += d["related"].size();
    }
    REQUIRE(notes > 3 * 32768);  // several of check's batches (batch_notes), so their joins are tested
    const auto& summary = report["summary"];
    CHECK(summary["errors"].get<std::size_t>() + summary["warnings"].get<std::size_t>() +
              summary["infos"].get<std::size_t>() == printed.size());
    CHECK(from_json == printed);

    const auto log = nlohmann::json::parse(sarif.out);
    std::vector<std::string> from_sarif;
    std::size_t related = 0;
    for (const auto& r : log["runs"][0]["results"]) {
        const auto& p = r["locations"][0]["physicalLocation"];
        from_sarif.push_back(fmt::format("{}:{}:{} {}", p["artifactLocation"]["uri"].get<std::string>(),
                                         p["region"]["startLine"].get<int>(), p["region"]["startColumn"].get<int>(),
                                         r["ruleId"].get<std::string>()));
        related += r.contains("relatedLocations") ? r["relatedLocations"].size() : 0;
    }
    CHECK(from_sarif == printed);
    CHECK(related == notes);
    CHECK(log["runs"][0]["artifacts"].size() == 2);
}

TEST_CASE("a folder compiled on several threads reports its vocabulary's problems with the first file, once", "[parallel][cli]") {
    test::enter_test_dir();
    // Enough short protocols (over a megabyte in all) to be compiled on
    // several threads, importing a broken vocabulary that comes last.
    struct Folder {
        std::string path = "vocabulary-order-" + std::to_string(getpid()) + ".tmp";
        Folder() { std::filesystem::create_directory(path); }
        ~Folder() { std::filesystem::remove_all(path); }
        Folder(const Folder&) = delete;
        Folder& operator=(const Folder&) = delete;
    } folder;
    const std::string vocabulary = test::read("../protocols/vocabulary.care");
    test::write(folder.path + "/zz-vocabulary.care", vocabulary + "activity bogus bogus\n");
    for (int p = 0; p < 400; ++p) {
        std::string text = fmt::format("protocol \"Short {0}\"\nprocedure smp\nsource \"Short {0}\"\nimport \"zz-vocabulary.care\"\n", p);
        for (int line = 0; line < 60; ++line) text += fmt::format("day {}..{}: avoid wash; recommend sun-protection\n", line, line + 2);
        test::write(fmt::format("{}/p{:03}.care", folder.path, p), text);
    }
    const std::string args = "check --format plain " + folder.path;
    const auto one = test::run_program(args, "AFTERCARE_THREADS=1");
    const auto several = test::run_program(args, "AFTERCARE_THREADS=4");
    CHECK(one.status == 1);
    const auto last_line = std::count(vocabulary.begin(), vocabulary.end(), '\n') + 1;
    const std::string problem = fmt::format("zz-vocabulary.care:{}:16: error: expected a one-line description", last_line);
    const std::size_t at = one.out.find(problem);
    REQUIRE(at != std::string::npos);
    CHECK(one.out.find(problem, at + 1) == std::string::npos);  // once
    CHECK(at < one.out.find("p001.care:"));  // with p000, the first file to import it
    CHECK(several.out == one.out);
}
