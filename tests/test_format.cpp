// The formatter: canonical layout, idempotent, every comment kept, and the
// formatted file means exactly what the original meant.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli/files.hpp"
#include "core/format.hpp"
#include "core/json_output.hpp"
#include "core/parser.hpp"
#include "support.hpp"

using namespace aftercare;
using namespace aftercare::test;

namespace {

std::vector<std::string> every_care_file() {
    enter_test_dir();
    return cli::expand_inputs({"golden", "findings", "cli", "format", "../protocols"});
}

std::string format_text(const std::string& name, const std::string& text) {
    const SourceFile file(name, text);
    const ParseResult parsed = parse(file);
    REQUIRE(parsed.diagnostics.empty());
    return format_document(file, parsed.document);
}

// What a file means: its compiled JSON without the places things were written.
nlohmann::json meaning(const std::string& name, const std::string& text) {
    const Compilation c = compile_text(name, text);
    INFO(name);
    REQUIRE(c.ok());
    if (c.is_vocabulary) return nullptr;
    nlohmann::json json = nlohmann::json::parse(to_json_text(c.protocol, c.resolved));
    std::function<void(nlohmann::json&)> strip = [&](nlohmann::json& j) {
        if (j.is_object()) {
            j.erase("location");
            for (auto& [key, value] : j.items()) strip(value);
        } else if (j.is_array()) {
            for (auto& value : j) strip(value);
        }
    };
    strip(json);
    return json;
}

std::vector<std::string> comments_of(const std::string& name, const std::string& text) {
    const SourceFile file(name, text);
    std::vector<std::string> out;
    for (const auto& comment : parse(file).document.comments) {
        std::string t(comment.text);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) t.pop_back();
        out.push_back(t);
    }
    return out;
}

}  // namespace

TEST_CASE("a messy protocol gets exactly the canonical layout", "[format]") {
    enter_test_dir();
    CHECK(format_text("format/messy.care", read("format/messy.care")) == read("format/messy.formatted.care"));
}

TEST_CASE("formatting is idempotent, keeps every comment and changes no meaning", "[format]") {
    const auto files = every_care_file();
    REQUIRE(files.size() > 60);
    for (const std::string& path : files) {
        INFO(path);
        const std::string original = read(path);
        const std::string once = format_text(path, original);
        CHECK(format_text(path, once) == once);
        CHECK(comments_of(path, once) == comments_of(path, original));
        CHECK(meaning(path, once) == meaning(path, original));
    }
}

TEST_CASE("the bundled protocols are formatted", "[format]") {
    enter_test_dir();
    for (const std::string& path : cli::expand_inputs({"../protocols"})) {
        INFO(path);
        const std::string text = read(path);
        CHECK(format_text(path, text) == text);
    }
}
