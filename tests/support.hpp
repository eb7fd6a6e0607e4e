// What the test drivers share: running the compiler on a file the way the
// program does, and reading and comparing expected files.
#pragma once

#include <string>
#include <vector>

#include "core/compiler.hpp"

namespace aftercare::test {

// Paths below tests/, e.g. "golden/rules.care". Tests run with the tests
// folder as the working directory so imports and diagnostics use short,
// stable relative names.
void enter_test_dir();

std::string read(const std::string& path);
void write(const std::string& path, const std::string& content);

// Every diagnostic for the file, rendered as `aftercare check` prints it
// without colour (location, message, source line, caret, hint).
std::string check_text(const std::string& path);

// The JSON `aftercare compile` prints, or the rendered diagnostics when the
// file has errors.
std::string compile_json(const std::string& path);

// Files in a folder below tests/ with the given extension, sorted.
std::vector<std::string> files_in(const std::string& folder, const std::string& extension);

// Compiles text in memory, with imports read from disk relative to tests/.
Compilation compile_text(const std::string& name, const std::string& text);

// Runs the built `aftercare ARGS` from the tests folder, with `environment`
// (e.g. "NO_COLOR=1") before it; stderr is folded into the output.
struct ProgramRun {
    int status;
    std::string out;
};
ProgramRun run_program(const std::string& args, const std::string& environment = "");

// Set AFTERCARE_UPDATE_GOLDEN=1 to rewrite expected files from the output.
bool updating_golden();

}  // namespace aftercare::test
