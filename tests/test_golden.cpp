// Golden files: golden/NAME.care compiles to exactly golden/NAME.json.
// Adding a case is adding those two files (AFTERCARE_UPDATE_GOLDEN=1 writes
// the .json; read it before committing it).
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace aftercare::test;

TEST_CASE("every golden protocol compiles to its expected JSON", "[golden]") {
    enter_test_dir();
    const auto inputs = files_in("golden", ".care");
    for (const std::string& input : inputs) {
        const std::string expected_path = input.substr(0, input.size() - 5) + ".json";
        const std::string actual = compile_json(input);
        if (updating_golden()) write(expected_path, actual);
        INFO("golden case " << input);
        CHECK(actual == read(expected_path));
    }
    CHECK(inputs.size() >= 10);
}

TEST_CASE("compiling the same golden file twice gives the same bytes", "[golden]") {
    enter_test_dir();
    for (const std::string& input : files_in("golden", ".care")) {
        INFO(input);
        CHECK(compile_json(input) == compile_json(input));
    }
}
