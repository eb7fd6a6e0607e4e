// The bundled protocols: every file compiles, and every quote in a clinic's
// protocol is word for word in the saved copy of its page.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "cli/files.hpp"
#include "support.hpp"

using namespace aftercare;
using namespace aftercare::test;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> protocol_files() {
    std::vector<std::string> out = cli::expand_inputs({AFTERCARE_PROTOCOLS_DIR});
    return out;
}

// Pages break lines and indent bullets; a quote is compared with runs of
// white space folded to one space, and nothing else changed.
std::string fold_space(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}
}  // namespace

TEST_CASE("every file in protocols/ compiles without problems", "[protocols]") {
    const auto files = protocol_files();
    REQUIRE(!files.empty());
    for (const std::string& path : files) {
        INFO(path);
        CHECK(check_text(path) == "");
    }
}

TEST_CASE("every quote in a clinic protocol appears word for word in its archived page", "[protocols]") {
    const fs::path seeds(AFTERCARE_SEEDS_DIR);
    if (!fs::is_directory(seeds)) {
        WARN("not checked: the archived pages are not here (" << seeds.string() << " is absent)");
        return;
    }
    std::size_t clinics = 0, quotes = 0;
    for (const std::string& path : protocol_files()) {
        SourceSet sources;
        Compiler compiler(sources, cli::file_loader());
        const Compilation result = compiler.compile(sources.add(path, read(path)));
        if (result.is_vocabulary) continue;
        INFO(path);
        REQUIRE(result.protocol.source.archived);
        const std::string page = fold_space(read((seeds / *result.protocol.source.archived).string()));
        ++clinics;
        auto check = [&](const Provenance& provenance) {
            for (const std::string_view quote : provenance.quotes()) {
                INFO(path << ":" << provenance.position.line << ": " << quote);
                CHECK(page.find(fold_space(std::string(quote))) != std::string::npos);
                ++quotes;
            }
        };
        check(result.protocol.source.provenance);
        for (const auto& m : result.protocol.milestones) check(m.provenance);
        for (const auto& p : result.protocol.phases) check(p.provenance);
        for (const auto& r : result.protocol.rules) check(r.provenance);
        for (const auto& w : result.protocol.warnings) check(w.provenance);
    }
    CHECK(clinics == 5);
    CHECK(quotes > 0);
}

TEST_CASE("docs/protocols.md lists as many findings on the seeds as check reports", "[protocols][docs]") {
    // The doc judges every finding one by one; when the analysis or a protocol
    // changes what is reported, the doc must be brought up to date with it.
    const auto run = run_program("check ../protocols --fail-on error --format json");
    const auto report = nlohmann::json::parse(run.out);
    const int warnings = report["summary"]["warnings"], infos = report["summary"]["infos"];
    const std::string doc = read(std::string(AFTERCARE_PROTOCOLS_DIR) + "/../docs/protocols.md");
    const std::regex summary(R"(reports (\d+) findings on the\s+five bundled protocols \((\d+) warnings, (\d+) infos\))");
    std::smatch m;
    REQUIRE(std::regex_search(doc, m, summary));
    CHECK(std::stoi(m[1]) == warnings + infos);
    CHECK(std::stoi(m[2]) == warnings);
    CHECK(std::stoi(m[3]) == infos);
    // One bullet per finding in the section's per-class lists.
    const auto section = doc.substr(doc.find("## Findings on the seeds"));
    const auto lists_end = section.find("### Encoding choices these findings question");
    const std::string lists = section.substr(section.find("### Contradictions"), lists_end - section.find("### Contradictions"));
    std::size_t bullets = 0;
    for (std::size_t at = lists.find("\n- **"); at != std::string::npos; at = lists.find("\n- **", at + 1)) ++bullets;
    CHECK(bullets == static_cast<std::size_t>(warnings + infos));
}
