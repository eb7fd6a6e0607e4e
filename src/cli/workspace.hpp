// The files one command works on: read, compiled, and kept together so that
// findings and tables can point into them.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "core/compiler.hpp"
#include "core/findings.hpp"

namespace aftercare::cli {

class Workspace {
public:
    // `stdin_name` names the text read for the input "-".
    explicit Workspace(std::string stdin_name = "<stdin>");

    // Reads and compiles each file (folders are searched for .care files).
    // A file that cannot be read is reported on stderr; returns false then.
    bool load(const std::vector<std::string>& inputs);

    const SourceSet& sources() const { return sources_; }
    const std::deque<Compilation>& compiled() const { return compiled_; }
    // The name the i-th compiled file goes by in messages.
    const std::string& file_name(std::size_t i) const { return names_[i]; }

    // The protocols that compiled without errors, in the order given, and
    // for each the index of its file in compiled().
    Analysed protocols() const;
    std::vector<std::size_t> protocol_files() const;

    // Prints every file's diagnostics to stderr; true when any is an error.
    bool report_errors(bool color) const;

private:
    SourceSet sources_;
    Compiler compiler_;
    std::deque<Compilation> compiled_;  // stable addresses: findings point into them
    std::vector<std::string> names_;
    std::string stdin_name_;
};

}  // namespace aftercare::cli
