#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/files.hpp"
#include "cli/render_text.hpp"
#include "core/json_output.hpp"

namespace aftercare::test {

namespace fs = std::filesystem;

void enter_test_dir() { fs::current_path(AFTERCARE_TEST_DIR); }

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

namespace {
struct Run {
    SourceSet sources;
    Compiler compiler{sources, cli::file_loader()};
};
std::string render_all(const Compilation& result, const SourceSet& sources) {
    std::string out;
    for (const Diagnostic& d : result.diagnostics) out += cli::render_text(d, sources, false);
    return out;
}
}  // namespace

std::string check_text(const std::string& path) {
    Run run;
    const SourceFile& file = run.sources.add(path, read(path));
    return render_all(run.compiler.compile(file), run.sources);
}

std::string compile_json(const std::string& path) {
    Run run;
    const SourceFile& file = run.sources.add(path, read(path));
    const Compilation result = run.compiler.compile(file);
    if (!result.ok()) return render_all(result, run.sources);
    return to_json_text(result.protocol, result.resolved);
}

Compilation compile_text(const std::string& name, const std::string& text) {
    Run run;
    return run.compiler.compile(run.sources.add(name, text));
}

std::vector<std::string> files_in(const std::string& folder, const std::string& extension) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() == extension) out.push_back(entry.path().generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

ProgramRun run_program(const std::string& args, const std::string& environment) {
    enter_test_dir();
    const std::string command = environment + " '" AFTERCARE_BINARY "' " + args + " 2>&1";
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string out;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    const int status = pclose(pipe);
    return {WEXITSTATUS(status), out};
}

bool updating_golden() {
    const char* flag = std::getenv("AFTERCARE_UPDATE_GOLDEN");
    return flag && std::string(flag) == "1";
}

}  // namespace aftercare::test
