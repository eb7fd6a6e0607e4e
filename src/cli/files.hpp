// The command line's file system work: reading inputs, finding protocol
// files in folders, resolving imports, and writing outputs atomically.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/compiler.hpp"

namespace aftercare::cli {

// The whole file, or a sentence saying why it could not be read.
struct ReadResult {
    std::optional<std::string> text;
    std::string error;
};
ReadResult read_text(const std::string& path);
ReadResult read_stdin();


// Files as given, and every *.care file below each folder, sorted; a path
// that does not exist is returned as is so that reading it reports why.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);

// Imports are relative to the importing file's folder. Each loader remembers
// the names it worked out, so it serves one compiler (which calls it from one
// thread at a time).
ImportLoader file_loader();

// Writes the pieces to standard output one after another, after whatever
// stdio holds: a report's batch of diagnostics is handed
// to the kernel as it is, not joined into one string first (a batch is
// megabytes, and joining it copied it and touched fresh pages for it).
// Stops at the first error, as fwrite would, and keeps it for stdout_problem.
void write_stdout(const std::vector<std::string>& pieces);
// One text, written the same way: a compiled protocol's JSON can be a gigabyte.
void write_stdout(std::string_view text);

// After a command: flushes standard output and says why anything written to
// it (by write_stdout or by stdio) was lost, such as a full disk; nothing
// when all of it was written.
std::optional<std::string> stdout_problem();

// Writes to a temporary file beside `path`, then renames it over `path`, so
// `path` is either untouched or complete. Returns an error sentence on failure.
std::optional<std::string> write_atomically(const std::string& path, const std::string& content);

}  // namespace aftercare::cli
