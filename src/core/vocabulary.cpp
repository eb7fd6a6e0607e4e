#include "vocabulary.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "suggest.hpp"

namespace aftercare {

using namespace syntax;

namespace {
std::string_view last_part(std::string_view id) {
    const auto dot = id.rfind('.');
    return dot == std::string_view::npos ? id : id.substr(dot + 1);
}
}  // namespace

int Vocabulary::depth(std::string_view id) {
    return static_cast<int>(std::count(id.begin(), id.end(), '.'));
}

bool Vocabulary::covers(std::string_view ancestor, std::string_view id) {
    if (id.size() < ancestor.size() || id.compare(0, ancestor.size(), ancestor) != 0) return false;
    return id.size() == ancestor.size() || id[ancestor.size()] == '.';
}

const std::vector<Name>& Vocabulary::with_kinds(Name id) const {
    static const std::vector<Name> none;
    const auto it = kinds_.find(id);
    return it == kinds_.end() ? none : it->second;
}

void Vocabulary::index_terms(const std::map<std::string, Term>& terms, Index& index) {
    index = Index{};
    index.words.reserve(terms.size() * 4);
    std::unordered_map<std::string_view, std::vector<std::string>> by_last_part;
    // Ids and synonyms are lower case already: build_vocabulary made them so.
    for (const auto& [id, term] : terms) {
        index.words.emplace(id, &term);
        for (const auto& synonym : term.synonyms) index.words.emplace(synonym, &term);
        if (!term.parent.empty()) by_last_part[last_part(id)].push_back(id);  // in the order of the ids
    }
    // A kind's own name ("rinse" for "wash.rinse") stands for it when no other
    // id or synonym claims that word.
    for (auto& [word, ids] : by_last_part) {
        if (index.words.contains(word)) continue;
        if (ids.size() == 1) index.words.emplace(word, &terms.at(ids.front()));
        else index.ambiguous.emplace(word, std::move(ids));
    }
}

const std::vector<std::string>& Vocabulary::words_of(const Index& index) {
    static const std::vector<std::string> none;
    if (!index.listed) return none;  // a vocabulary moved from
    std::call_once(index.listed->once, [&] {
        auto& words = index.listed->words;
        words.clear();  // a try that threw left part of a list
        words.reserve(index.words.size());
        for (const auto& [word, term] : index.words) words.push_back(word);
        std::sort(words.begin(), words.end());
    });
    return index.listed->words;
}

void Vocabulary::index() {
    static std::atomic<std::uint64_t> indexed{0};
    serial_ = ++indexed;
    // Each activity is listed under itself and under every parent it has
    // ("wash.rinse" under "wash" too), in the order of the ids.
    kinds_.clear();
    order_.clear();
    for (const auto& [id, term] : activities) {
        const Name name(id);
        order_.try_emplace(name, static_cast<std::uint32_t>(order_.size()));
        for (std::string_view under = id;;) {
            kinds_[Name(under)].push_back(name);
            const auto dot = under.rfind('.');
            if (dot == std::string_view::npos) break;
            under = under.substr(0, dot);
        }
    }
    index_terms(activities, activity_index_);
    index_terms(signs, sign_index_);
}

Lookup Vocabulary::find(const Index& index, std::string_view word) {
    Lookup result;
    thread_local std::string buffer;
    const std::string_view key = lowered(word, buffer);
    if (const auto it = index.words.find(key); it != index.words.end()) {
        result.term = it->second;
    } else if (const auto amb = index.ambiguous.find(key); amb != index.ambiguous.end()) {
        result.ambiguous_between = amb->second;
    }
    return result;
}

Lookup Vocabulary::find_activity(std::string_view word) const { return find(activity_index_, word); }
Lookup Vocabulary::find_sign(std::string_view word) const { return find(sign_index_, word); }

std::string Vocabulary::canonical_activity(std::string_view word) const {
    const auto found = find_activity(word);
    return found.term ? found.term->id : std::string(word);
}

std::string Vocabulary::canonical_sign(std::string_view word) const {
    const auto found = find_sign(word);
    return found.term ? found.term->id : std::string(word);
}

bool is_vocabulary(const Document& document) {
    return std::any_of(document.statements.begin(), document.statements.end(),
                       [](const Statement& s) { return std::holds_alternative<VocabularyDecl>(s.node); });
}

VocabularyResult build_vocabulary(const SourceFile& file, const Document& document) {
    VocabularyResult result;
    Vocabulary& vocabulary = result.vocabulary;
    vocabulary.file = file.name();
    auto error = [&](Span span, std::string message, std::string hint = {}) {
        result.diagnostics.push_back(
            make_diagnostic(Severity::error, "vocabulary", file, span, std::move(message), std::move(hint)));
    };

    const VocabularyDecl* declaration = nullptr;
    // Lower-cased word -> where it was first declared; activities and signs
    // apart. A span, located only if a duplicate is reported: every program
    // start builds the vocabulary, and locating each word was a tenth of it.
    std::unordered_map<std::string, Span> claimed_words[2];
    std::vector<const TermDecl*> terms;
    std::vector<const ExpectDecl*> expectations;
    for (const Statement& statement : document.statements) {
        if (const auto* decl = std::get_if<VocabularyDecl>(&statement.node)) {
            if (declaration) {
                error(statement.span, "this file declares a vocabulary twice", "keep one 'vocabulary' line");
            } else {
                declaration = decl;
                vocabulary.name = decl->name.value;
                if (decl->name.value.empty()) error(decl->name.span, "the vocabulary's name is empty");
            }
        } else if (const auto* expect = std::get_if<ExpectDecl>(&statement.node)) {
            expectations.push_back(expect);
        } else if (const auto* term = std::get_if<TermDecl>(&statement.node)) {
            terms.push_back(term);
            for (const Attribute& attribute : statement.attributes) {
                result.diagnostics.push_back(make_diagnostic(Severity::error, "misplaced-attribute", file, attribute.span,
                    "a vocabulary keeps no quotes or notes", "put what it says into the description"));
            }
        } else {
            error(statement.span, "a vocabulary file holds only activity and sign definitions",
                  "move this statement into a protocol file");
        }
    }

    std::vector<const TermDecl*> accepted;
    for (const TermDecl* decl : terms) {
        auto& table = decl->kind == TermDecl::Kind::activity ? vocabulary.activities : vocabulary.signs;
        const char* what = decl->kind == TermDecl::Kind::activity ? "activity" : "sign";
        auto& claimed = claimed_words[static_cast<int>(decl->kind)];
        const std::string id = to_lower(decl->name.text);
        if (decl->description.value.empty()) error(decl->description.span, std::string("the ") + what + "'s description is empty");
        if (const auto it = claimed.find(id); it != claimed.end()) {
            Diagnostic d = make_diagnostic(Severity::error, "duplicate-definition", file, decl->name.span,
                                           "'" + id + "' is defined twice", "remove or rename one of them");
            d.related.push_back({file.locate(it->second), "first defined here", {}, {}});
            result.diagnostics.push_back(std::move(d));
            continue;
        }
        claimed.emplace(id, decl->name.span);
        Term term;
        term.id = id;
        term.name = Name(id);
        const auto dot = id.rfind('.');
        if (dot != std::string::npos) term.parent = id.substr(0, dot);
        term.description = decl->description.value;
        table.emplace(id, std::move(term));
        accepted.push_back(decl);
    }
    // Synonyms after all ids, so a synonym that repeats a later id is caught too.
    for (const TermDecl* decl : accepted) {
        auto& table = decl->kind == TermDecl::Kind::activity ? vocabulary.activities : vocabulary.signs;
        const auto owner = table.find(to_lower(decl->name.text));
        auto& claimed = claimed_words[static_cast<int>(decl->kind)];
        for (const Word& synonym : decl->synonyms) {
            const std::string word = to_lower(synonym.text);
            if (const auto it = claimed.find(word); it != claimed.end()) {
                Diagnostic d = make_diagnostic(Severity::error, "duplicate-definition", file, synonym.span,
                                               "'" + word + "' already names something else",
                                               "each word may name only one activity or sign");
                d.related.push_back({file.locate(it->second), "first defined here", {}, {}});
                result.diagnostics.push_back(std::move(d));
                continue;
            }
            claimed.emplace(word, synonym.span);
            owner->second.synonyms.push_back(word);
        }
    }
    for (const TermDecl* decl : accepted) {
        const auto& table = decl->kind == TermDecl::Kind::activity ? vocabulary.activities : vocabulary.signs;
        const std::string id = to_lower(decl->name.text);
        const auto dot = id.rfind('.');
        if (dot != std::string::npos && !table.count(id.substr(0, dot))) {
            error(decl->name.span, "'" + id + "' is a kind of '" + id.substr(0, dot) + "', which is not defined",
                  "define '" + id.substr(0, dot) + "' too");
        }
    }
    vocabulary.index();
    for (const ExpectDecl* expect : expectations) {
        auto& topics = vocabulary.expected[to_lower(expect->procedure.text)];
        for (const auto& alternatives : expect->topics) {
            std::vector<std::string> ids;
            for (const Word& topic : alternatives) {
                const Lookup found = vocabulary.find_activity(topic.text);
                if (!found.term) {
                    const auto suggestion = closest(topic.text, vocabulary.activity_words());
                    error(topic.span, "unknown activity '" + std::string(topic.text) + "'",
                          suggestion ? "did you mean '" + *suggestion + "'?" : "define it first with an activity line");
                    continue;
                }
                ids.push_back(found.term->id);
            }
            if (!ids.empty()) topics.push_back(std::move(ids));
        }
    }
    if (!declaration) {
        result.diagnostics.push_back(make_file_diagnostic(Severity::error, "vocabulary", file,
            "definitions of activities and signs belong in a vocabulary file", "start the file with: vocabulary \"NAME\""));
    }
    return result;
}

}  // namespace aftercare
