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
    Workspace();

    // Reads and compiles each file (folders are searched for .care files).
    // A file that cannot be read is reported on stderr; returns false then.
    bool load(const std::vector<std::string>& inputs);

    const SourceSet& sources() const { return sources_; }
    const std::deque<Compilation>& compiled() const { return compiled_; }

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
};

}  // namespace aftercare::cli
