// Malformed inputs: malformed/NAME.care gives exactly the diagnostics in
// malformed/NAME.expected (location, message, source line, caret and hint),
// and never compiles.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace aftercare::test;

TEST_CASE("every malformed input reports exactly its expected diagnostics", "[malformed]") {
    enter_test_dir();
    const auto inputs = files_in("malformed", ".care");
    for (const std::string& input : inputs) {
        const std::string expected_path = input.substr(0, input.size() - 5) + ".expected";
        const std::string actual = check_text(input);
        if (updating_golden()) write(expected_path, actual);
        INFO("malformed case " << input);
        CHECK(!actual.empty());
        CHECK(actual == read(expected_path));
    }
    CHECK(inputs.size() >= 30);
}
