// text -> JSON -> text -> JSON: decompiling compiled JSON and compiling the
// text again gives the same protocol, for every bundled protocol and golden case.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/files.hpp"
#include "core/decompile.hpp"
#include "core/json_output.hpp"
#include "support.hpp"

using namespace aftercare;
using namespace aftercare::test;

namespace {

std::string compiled_json(const std::string& name, const std::string& text) {
    const Compilation c = compile_text(name, text);
    INFO(name << "\n" << text);
    REQUIRE(c.ok());
    return to_json_text(c.protocol, c.resolved);
}

std::string decompiled(const std::string& json) {
    const DecompileResult result = decompile(nlohmann::json::parse(json));
    INFO(result.error);
    REQUIRE(result.text);
    return *result.text;
}

// Locations say where things were written; comments and layout move them.
nlohmann::json without_locations(nlohmann::json j) {
    if (j.is_object()) {
        j.erase("location");
        for (auto& [key, value] : j.items()) value = without_locations(value);
    } else if (j.is_array()) {
        for (auto& value : j) value = without_locations(value);
    }
    return j;
}

}  // namespace

TEST_CASE("text -> JSON -> text -> JSON gives identical JSON", "[decompile]") {
    enter_test_dir();
    std::size_t protocols = 0;
    for (const std::string& path : cli::expand_inputs({"golden", "../protocols"})) {
        const std::string text = read(path);
        if (compile_text(path, text).is_vocabulary) continue;
        INFO(path);
        ++protocols;
        const std::string json1 = compiled_json(path, text);
        const std::string text2 = decompiled(json1);
        // Compiled under the original's name, so imports and file names stay the same.
        const std::string json2 = compiled_json(path, text2);
        const std::string text3 = decompiled(json2);
        const std::string json3 = compiled_json(path, text3);
        CHECK(json3 == json2);
        CHECK(text3 == text2);
        CHECK(without_locations(nlohmann::json::parse(json2)) == without_locations(nlohmann::json::parse(json1)));
    }
    CHECK(protocols >= 25);
}

TEST_CASE("decompile refuses what is not a compiled protocol", "[decompile]") {
    CHECK_FALSE(decompile(nlohmann::json::parse(R"({"schema": "something/else"})")).text);
    CHECK_FALSE(decompile(nlohmann::json::parse(R"({"schema": "aftercare/protocol/1"})")).text);
    CHECK_FALSE(decompile(nlohmann::json::parse("[1, 2]")).text);
    const auto missing = decompile(nlohmann::json::parse(R"({"schema": "aftercare/protocol/1", "title": 3})"));
    CHECK(missing.error.rfind("not a compiled protocol", 0) == 0);
}
