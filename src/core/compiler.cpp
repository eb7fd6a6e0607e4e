#include "compiler.hpp"

#include "checker.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <mutex>
#include <system_error>
#include <thread>
#include "parser.hpp"

namespace aftercare {

using namespace syntax;

const SourceFile& SourceSet::add(std::string name, std::string text) {
    // The first text under a name stays: diagnostics and vocabularies already
    // made from it must keep pointing at the text they came from.
    auto& slot = files_[name];
    if (!slot) {
        slot = std::make_unique<SourceFile>(std::move(name), std::move(text));
        by_name_.emplace(slot->name(), slot.get());
    }
    return *slot;
}

const SourceFile* SourceSet::find(std::string_view name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? nullptr : it->second.get();
}

const SourceFile* SourceSet::find(Name name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

Compiler::Compiler(SourceSet& sources, ImportLoader loader) : sources_(sources), loader_(std::move(loader)) {}

Compiler::CachedVocabulary& Compiler::vocabulary_from(const SourceFile& file, const ParseResult* parsed_already) {
    if (const auto it = vocabularies_.find(file.name()); it != vocabularies_.end()) return it->second;
    ParseResult parsed_here;
    if (!parsed_already) parsed_here = parse(file);
    const ParseResult& parsed = parsed_already ? *parsed_already : parsed_here;
    CachedVocabulary cached;
    cached.is_vocabulary = is_vocabulary(parsed.document);
    VocabularyResult built = build_vocabulary(file, parsed.document);
    cached.diagnostics = parsed.diagnostics;
    cached.diagnostics.insert(cached.diagnostics.end(), built.diagnostics.begin(), built.diagnostics.end());
    cached.vocabulary = std::make_shared<const Vocabulary>(std::move(built.vocabulary));
    return vocabularies_.emplace(file.name(), std::move(cached)).first->second;
}

Compilation Compiler::compile(const SourceFile& file) {
    Compilation out;
    Linking linking{parse(file), {}};
    CachedVocabulary* met = link(file, linking, out);
    report_once(met, out);
    finish(file, linking, out);
    return out;
}

std::vector<Compilation> Compiler::compile_all(const std::vector<const SourceFile*>& files) {
    std::vector<Compilation> out(files.size());
    std::vector<CachedVocabulary*> met(files.size(), nullptr);
    std::mutex linking;  // the cache, the source set and the loader are shared
    std::size_t work = 0;
    for (const SourceFile* file : files) work += file->text().size() / bytes_per_rule;
    // Each file is parsed, linked, checked and resolved by one thread, and its
    // syntax tree freed there before the next file: a thousand short files'
    // trees, made in one pass and checked in another, were most of the
    // memory the run touched for the first time, and cold when checked.
    for_each_index(files.size(), work, [&](std::size_t i) {
        const SourceFile& file = *files[i];
        {
            // A vocabulary that protocols before it imported is not parsed again.
            const std::lock_guard lock(linking);
            if (const auto known = vocabularies_.find(file.name()); known != vocabularies_.end() && known->second.is_vocabulary) {
                met[i] = as_vocabulary_file(known->second, out[i]);
                return;
            }
        }
        Linking state{parse(file), {}};
        {
            const std::lock_guard lock(linking);
            met[i] = link(file, state, out[i]);
        }
        finish(file, state, out[i]);
    });
    // A vocabulary's problems go with the first file, in the files' order,
    // that meets it, as compile() on each in turn would report them.
    for (std::size_t i = 0; i < files.size(); ++i) {
        report_once(met[i], out[i]);
    }
    return out;
}

Compiler::CachedVocabulary* Compiler::as_vocabulary_file(CachedVocabulary& cached, Compilation& out) {
    out.is_vocabulary = true;
    out.vocabulary = cached.vocabulary;
    return &cached;
}

void Compiler::report_once(CachedVocabulary* met, Compilation& out) {
    if (!met || met->reported) return;
    out.diagnostics.insert(out.diagnostics.end(), met->diagnostics.begin(), met->diagnostics.end());
    met->reported = true;
    sort_diagnostics(out.diagnostics);
}

Compiler::CachedVocabulary* Compiler::link(const SourceFile& file, Linking& linking, Compilation& out) {
    ParseResult& parsed = linking.parsed;
    if (is_vocabulary(parsed.document)) return as_vocabulary_file(vocabulary_from(file, &parsed), out);

    const bool import_broken = std::find(parsed.failed_statements.begin(), parsed.failed_statements.end(),
                                         "import") != parsed.failed_statements.end();
    out.diagnostics = std::move(parsed.diagnostics);
    std::vector<const Statement*> imports;
    bool has_rules = false;
    for (const Statement& statement : parsed.document.statements) {
        if (std::holds_alternative<ImportDecl>(statement.node)) imports.push_back(&statement);
        if (std::holds_alternative<RuleDecl>(statement.node) || std::holds_alternative<WarningDecl>(statement.node)) {
            has_rules = true;
        }
    }
    std::vector<Import> import_records;
    CachedVocabulary* met = nullptr;
    if (imports.empty() && has_rules && !import_broken) {
        out.diagnostics.push_back(make_file_diagnostic(Severity::error, "missing-import", file,
            "this protocol imports no vocabulary, so its activities cannot be checked",
            "add a line such as: import \"../vocabulary.care\""));
    }
    for (std::size_t i = 1; i < imports.size(); ++i) {
        out.diagnostics.push_back(make_diagnostic(Severity::error, "duplicate-import", file, imports[i]->span,
            "a protocol imports one vocabulary", "remove this import"));
    }
    if (!imports.empty()) {
        const auto& decl = std::get<ImportDecl>(imports.front()->node);
        const std::string path(decl.path.value);
        auto loaded = loader_ ? loader_(file.name(), path, sources_)
                              : std::variant<LoadedText, std::string>(std::string("imports are not available here"));
        if (auto* why = std::get_if<std::string>(&loaded)) {
            out.diagnostics.push_back(make_diagnostic(Severity::error, "import-failed", file, decl.path.span,
                "cannot import '" + path + "': " + *why,
                "the path is relative to this file's folder"));
        } else {
            auto& text = std::get<LoadedText>(loaded);
            const SourceFile* imported = sources_.find(text.name);
            if (!imported) imported = &sources_.add(text.name, std::move(text.text));
            CachedVocabulary& cached = vocabulary_from(*imported);
            if (!cached.is_vocabulary) {
                out.diagnostics.push_back(make_diagnostic(Severity::error, "import-failed", file, decl.path.span,
                    "'" + path + "' is not a vocabulary", "import the file that starts with: vocabulary \"NAME\""));
            } else {
                met = &cached;
                if (has_errors(cached.diagnostics)) {
                    out.diagnostics.push_back(make_diagnostic(Severity::error, "import-failed", file, decl.path.span,
                        "the vocabulary '" + path + "' has errors", "fix them in " + imported->name().str()));
                }
                out.vocabulary = cached.vocabulary;
                import_records.push_back(Import{path, cached.vocabulary->name, imported->name()});
            }
        }
    }

    linking.imports = std::move(import_records);
    return met;
}

void Compiler::finish(const SourceFile& file, Linking& linking, Compilation& out) const {
    if (out.is_vocabulary) return;
    ParseResult& parsed = linking.parsed;
    const BrokenLines broken = BrokenLines::from(parsed.failed_statements);
    CheckResult checked = check_protocol(file, parsed.document, out.vocabulary.get(), broken);
    // The syntax tree is done with, and freed before the resolved view is
    // made, which then reuses its memory. A long protocol's takes a while to
    // free (a tenth of checking it): that happens on another core while the
    // resolved view is built. A short one's is freed here, on the thread
    // that made it (compile_all parses and finishes a file on one thread).
    std::jthread freeing;
    if (checked.protocol.rules.size() >= parallel_threshold) {
        if (thread_limit().load() != 1) {
            try {
                freeing = std::jthread([tree = std::move(parsed.document)]() mutable { tree = {}; });
            } catch (const std::system_error&) {
                // No thread to be had: the tree went with the task that could not start.
            }
        }
    }
    parsed.document = {};
    out.protocol = std::move(checked.protocol);
    out.protocol.imports = std::move(linking.imports);
    out.diagnostics.insert(out.diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
    out.resolved = resolve(out.protocol, out.vocabulary.get());
    sort_diagnostics(out.diagnostics);
}

}  // namespace aftercare
