// One file in, everything known about it out: the single entry point the
// command line, the tests and (later) an editor or web playground call.
// Text arrives through the caller; the core never touches the file system.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "diagnostic.hpp"
#include "parser.hpp"
#include "protocol.hpp"
#include "resolve.hpp"
#include "source.hpp"
#include "vocabulary.hpp"

namespace aftercare {

// The texts a run has seen, by name, so diagnostics can show their lines.
class SourceSet {
public:
    // Adds a text, or returns the one already held under that name.
    const SourceFile& add(std::string name, std::string text);
    const SourceFile* find(std::string_view name) const;
    // The same by interned name, as a diagnostic's location holds it: a
    // report's source lines look a file up for every note.
    const SourceFile* find(Name name) const;

private:
    std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> files_;
    std::unordered_map<Name, const SourceFile*> by_name_;
};

struct LoadedText {
    std::string name;  // how diagnostics name the file
    std::string text;
};
// Finds an imported file from the importing file's name and the path as
// written; returns its text or a sentence saying why it could not. When
// `held` already has a text under the name found, the loader need not read
// it again and may leave the text empty: a thousand protocols importing one
// vocabulary read it once.
using ImportLoader = std::function<std::variant<LoadedText, std::string>(
    const std::string& importer, const std::string& path, const SourceSet& held)>;

struct Compilation {
    bool is_vocabulary = false;
    Protocol protocol;                                // for a protocol file
    std::shared_ptr<const Vocabulary> vocabulary;     // the file itself, or what it imports
    std::vector<ResolvedActivity> resolved;
    std::vector<Diagnostic> diagnostics;              // sorted

    bool ok() const { return !has_errors(diagnostics); }
};

class Compiler {
public:
    Compiler(SourceSet& sources, ImportLoader loader);

    // A protocol or a vocabulary file. A vocabulary's own problems are
    // reported once per Compiler, with the first file that meets them.
    Compilation compile(const SourceFile& file);
    // Several files, exactly as compile() on each in turn: a folder of many
    // files is parsed, checked and resolved on every core, file by file.
    // Imports are settled under a lock as files reach them, and which file
    // reports a vocabulary's problems in the files' order at the end.
    std::vector<Compilation> compile_all(const std::vector<const SourceFile*>& files);

private:
    // A file between parsing and checking.
    struct Linking {
        ParseResult parsed;
        std::vector<Import> imports;
    };
    // Its imports, through the cache. Returns the vocabulary the file is or
    // imports, whose problems report_once gives the first file to meet it.
    struct CachedVocabulary;
    CachedVocabulary* link(const SourceFile& file, Linking& linking, Compilation& out);
    // Checking and resolving, which touch only the file's own data (nothing
    // is left to do for a vocabulary file).
    void finish(const SourceFile& file, Linking& linking, Compilation& out) const;

    struct CachedVocabulary {
        std::shared_ptr<const Vocabulary> vocabulary;
        std::vector<Diagnostic> diagnostics;
        bool is_vocabulary = false;  // the file declares a vocabulary
        bool reported = false;
    };
    // A vocabulary file's compilation: nothing to check, its problems
    // reported by report_once.
    static CachedVocabulary* as_vocabulary_file(CachedVocabulary& cached, Compilation& out);
    void report_once(CachedVocabulary* met, Compilation& out);
    // Parsed here unless `parsed_already` holds the file's tree.
    CachedVocabulary& vocabulary_from(const SourceFile& file, const ParseResult* parsed_already = nullptr);

    SourceSet& sources_;
    ImportLoader loader_;
    std::map<std::string, CachedVocabulary> vocabularies_;
};

}  // namespace aftercare
