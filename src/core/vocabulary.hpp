// The shared vocabulary: activities (with kinds) and warning signs, each with
// synonyms, so that two clinics' words meet on one canonical id.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostic.hpp"
#include "name.hpp"
#include "name_table.hpp"
#include "source.hpp"
#include "syntax.hpp"

namespace aftercare {

struct Term {
    std::string id;      // canonical, e.g. "wash.rinse"
    Name name;           // the same id, interned: what protocols keep
    std::string parent;  // "wash" for "wash.rinse"; empty at the top
    std::string description;
    std::vector<std::string> synonyms;  // as declared with aka
};

// What a word a writer used stands for.
struct Lookup {
    const Term* term = nullptr;                 // set when the word names exactly one term
    std::vector<std::string> ambiguous_between;  // ids, when a bare kind name fits several
};

class Vocabulary {
public:
    Vocabulary() = default;
    // Its indexes point at its terms, which a move keeps in place and a copy
    // would not.
    Vocabulary(Vocabulary&&) = default;
    Vocabulary& operator=(Vocabulary&&) = default;
    Vocabulary(const Vocabulary&) = delete;
    Vocabulary& operator=(const Vocabulary&) = delete;

    std::string name;
    std::string file;
    std::map<std::string, Term> activities;  // by id
    std::map<std::string, Term> signs;       // by id
    // Topics (activity ids) every protocol of a procedure should cover, by procedure.
    // Each topic lists activities any one of which covers it, the first naming it.
    std::map<std::string, std::vector<std::vector<std::string>>> expected;

    Lookup find_activity(std::string_view word) const;
    Lookup find_sign(std::string_view word) const;

    // Every word that names an activity (ids, synonyms, unique kind names),
    // sorted, for "did you mean". Listed when first asked: only a misspelt
    // word needs them, and every program start builds a vocabulary.
    const std::vector<std::string>& activity_words() const { return words_of(activity_index_); }
    const std::vector<std::string>& sign_words() const { return words_of(sign_index_); }
    // The id a word stands for; the word itself if it is an id.
    std::string canonical_activity(std::string_view word) const;
    std::string canonical_sign(std::string_view word) const;

    // 0 for a top-level activity, 1 for its kinds, and so on.
    static int depth(std::string_view id);
    // Whether `ancestor` is `id` or one of its parents.
    static bool covers(std::string_view ancestor, std::string_view id);
    // `id` and every kind below it, sorted; none for a word the vocabulary
    // does not know. Kept from index(), since every protocol asks it of
    // every activity it names.
    const std::vector<Name>& with_kinds(Name id) const;
    // An activity's place among the ids in their order, for sorting
    // activities by number instead of by text; null for a word the
    // vocabulary does not know. Kept from index().
    const std::uint32_t* order_of(Name id) const { return order_.find(id); }

    // Fills the word indexes; call once the terms are in place.
    void index();
    // Which indexing of which vocabulary this is: a fresh number each time
    // index() runs (0 before), so what a checker remembers of one vocabulary's
    // words is never taken for another's.
    std::uint64_t serial() const { return serial_; }

private:
    // Hashed: every protocol looks up each word it uses, and every program
    // start builds these.
    struct Index {
        std::unordered_map<std::string, const Term*, TextHash, std::equal_to<>> words;  // lower-cased word
        std::unordered_map<std::string, std::vector<std::string>, TextHash, std::equal_to<>> ambiguous;
        struct Listed {
            std::once_flag once;  // the vocabulary is shared by the threads that check protocols
            std::vector<std::string> words;
        };
        std::unique_ptr<Listed> listed = std::make_unique<Listed>();
    };
    static Lookup find(const Index& index, std::string_view word);
    static void index_terms(const std::map<std::string, Term>& terms, Index& index);
    static const std::vector<std::string>& words_of(const Index& index);

    std::unordered_map<Name, std::vector<Name>> kinds_;  // by id and by each id's parents
    NameTable order_;                                    // each activity id's place in `activities`
    Index activity_index_;
    Index sign_index_;
    std::uint64_t serial_ = 0;
};

struct VocabularyResult {
    Vocabulary vocabulary;
    std::vector<Diagnostic> diagnostics;
};

// Whether a parsed file is a vocabulary (it declares one) rather than a protocol.
bool is_vocabulary(const syntax::Document& document);

VocabularyResult build_vocabulary(const SourceFile& file, const syntax::Document& document);

}  // namespace aftercare
