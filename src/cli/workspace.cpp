#include "workspace.hpp"

#include <cstdio>

#include "files.hpp"
#include "render_text.hpp"

namespace aftercare::cli {

Workspace::Workspace(std::string stdin_name)
    : compiler_(sources_, file_loader()), stdin_name_(std::move(stdin_name)) {}

bool Workspace::load(const std::vector<std::string>& inputs) {
    bool ok = true;
    std::vector<const SourceFile*> files;
    for (const std::string& input : expand_inputs(inputs)) {
        const bool from_stdin = input == "-";
        const std::string& path = from_stdin ? stdin_name_ : input;
        ReadResult read = from_stdin ? read_stdin() : read_text(path);
        if (!read.text) {
            std::fprintf(stderr, "aftercare: error: cannot read %s: %s\n", path.c_str(), read.error.c_str());
            ok = false;
            continue;
        }
        files.push_back(&sources_.add(path, std::move(*read.text)));
        names_.push_back(path);
    }
    // All at once: a folder of many files is compiled on every core.
    for (Compilation& c : compiler_.compile_all(files)) compiled_.push_back(std::move(c));
    return ok;
}

Analysed Workspace::protocols() const {
    Analysed out;
    for (const Compilation& c : compiled_) {
        if (c.ok() && !c.is_vocabulary) out.push_back(&c);
    }
    return out;
}

std::vector<std::size_t> Workspace::protocol_files() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < compiled_.size(); ++i) {
        if (compiled_[i].ok() && !compiled_[i].is_vocabulary) out.push_back(i);
    }
    return out;
}

bool Workspace::report_errors(bool color) const {
    bool errors = false;
    for (const Compilation& c : compiled_) {
        for (const Diagnostic& d : c.diagnostics) {
            std::fputs(render_text(d, sources_, color).c_str(), stderr);
            errors |= d.severity == Severity::error;
        }
    }
    return errors;
}

}  // namespace aftercare::cli
