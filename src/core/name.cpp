#include "name.hpp"

#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace aftercare {

namespace {

// Node-based, so a text never moves once stored. Guarded, so an editor or a
// test runner may compile on several threads.
struct Store {
    Store() { texts.reserve(1024); }  // a vocabulary's worth, so a start-up does not rehash
    std::mutex mutex;
    std::unordered_set<std::string, TextHash, std::equal_to<>> texts;
};

Store& store() {
    static Store* const instance = new Store;  // never destroyed: Names may outlive static destructors
    return *instance;
}

}  // namespace

Name::Name(std::string_view text) : text_(&detail::empty_name_text) {
    if (text.empty()) return;
    // Each thread remembers the texts it has met, so threads checking many
    // files at once do not queue for the store's lock on every name: a run
    // meets a few hundred distinct names a million times. The views point
    // into the store, whose texts never move.
    thread_local std::unordered_map<std::string_view, const std::string*, TextHash> seen = [] {
        std::unordered_map<std::string_view, const std::string*, TextHash> m;
        m.reserve(1024);
        return m;
    }();
    if (const auto it = seen.find(text); it != seen.end()) {
        text_ = it->second;
        return;
    }
    Store& s = store();
    {
        const std::lock_guard lock(s.mutex);
        auto it = s.texts.find(text);
        if (it == s.texts.end()) it = s.texts.emplace(text).first;
        text_ = &*it;
    }
    seen.emplace(*text_, text_);
}

void to_json(nlohmann::ordered_json& out, Name name) { out = name.str(); }
void to_json(nlohmann::json& out, Name name) { out = name.str(); }

}  // namespace aftercare
