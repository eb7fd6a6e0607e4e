#include "comparison.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "day_sweep.hpp"
#include "keywords.hpp"
#include "resolve.hpp"

namespace aftercare {

namespace {

bool same_quantity(const Quantity* a, const Quantity* b) {
    if (!a || !b) return !a && !b;
    return a->written == b->written;
}

bool same_cell(const std::optional<Cell>& a, const std::optional<Cell>& b) {
    if (!a || !b) return !a && !b;
    return a->modality == b->modality && same_quantity(a->quantity, b->quantity);
}

using Key = std::pair<std::string, Anchor>;

std::vector<ComparisonRow> rows_for(const Analysed& protocols, const std::vector<const ResolvedActivity*>& entries) {
    // Every segment of every protocol is one interval of the sweep.
    std::vector<DayRange> intervals;
    std::vector<std::pair<std::size_t, const DaySegment*>> owner;
    for (std::size_t p = 0; p < entries.size(); ++p) {
        if (!entries[p]) continue;
        for (const DaySegment& segment : entries[p]->days) {
            intervals.push_back({segment.from, segment.to});
            owner.emplace_back(p, &segment);
        }
    }
    std::vector<ComparisonRow> rows;
    long long last_end = 0;
    sweep_days(intervals, [&](long long first, long long last, const std::vector<std::size_t>& active) {
        ComparisonRow row;
        row.days = range_of(first, last);
        row.cells.resize(entries.size());
        for (const std::size_t i : active) {
            const auto& [p, segment] = owner[i];
            row.cells[p] = Cell{segment->modality, protocols[p]->protocol.rules[segment->decider].quantity,
                                {entries[p]->rules_of(*segment).begin(), entries[p]->rules_of(*segment).end()}};
        }
        // A row goes on while every protocol says the same thing.
        if (!rows.empty() && last_end + 1 == first) {
            ComparisonRow& previous = rows.back();
            bool same = true;
            for (std::size_t p = 0; p < entries.size(); ++p) same &= same_cell(previous.cells[p], row.cells[p]);
            if (same) {
                previous.days = range_of(start_of(previous.days), last);
                for (std::size_t p = 0; p < entries.size(); ++p) {
                    if (!row.cells[p]) continue;
                    auto& rules = previous.cells[p]->rules;
                    for (const std::size_t r : row.cells[p]->rules) {
                        if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
                    }
                    std::sort(rules.begin(), rules.end());
                }
                last_end = last;
                return;
            }
        }
        rows.push_back(std::move(row));
        last_end = last;
    });
    return rows;
}

std::optional<Modality> strictest_of(const std::vector<std::optional<Cell>>& cells) {
    std::optional<Modality> out;
    for (const auto& cell : cells) {
        if (cell && (!out || strictness(cell->modality) > strictness(*out))) out = cell->modality;
    }
    return out;
}

}  // namespace

std::string ComparisonRow::agreement() const {
    const std::optional<Cell>* speaker = nullptr;
    bool silent = false;
    for (const auto& cell : cells) {
        if (!cell) {
            silent = true;
        } else if (!speaker) {
            speaker = &cell;
        } else if (!same_cell(cell, *speaker)) {
            return "differ";
        }
    }
    return silent ? "partial" : "agree";
}

std::optional<Modality> ComparisonRow::strictest() const { return strictest_of(cells); }

std::vector<ActivityComparison> compare_protocols(const Analysed& protocols) {
    std::set<std::string_view> named;  // views of the rules' own ids
    std::map<Key, std::vector<const ResolvedActivity*>> by_key;
    for (std::size_t p = 0; p < protocols.size(); ++p) {
        for (const Rule& rule : protocols[p]->protocol.rules) named.insert(rule.activity);
    }
    for (std::size_t p = 0; p < protocols.size(); ++p) {
        for (const ResolvedActivity& resolved : protocols[p]->resolved) {
            if (!named.count(resolved.activity)) continue;
            auto& entries = by_key[{resolved.activity, resolved.anchor}];
            entries.resize(protocols.size(), nullptr);
            entries[p] = &resolved;
        }
    }
    std::vector<ActivityComparison> out;
    for (const auto& [key, entries] : by_key) {
        ActivityComparison comparison{key.first, key.second, rows_for(protocols, entries)};
        if (!comparison.rows.empty()) out.push_back(std::move(comparison));
    }
    return out;
}

ProtocolDiff diff_protocols(const Compilation& a, const Compilation& b) {
    const Analysed both{&a, &b};
    ProtocolDiff diff;
    for (ActivityComparison& comparison : compare_protocols(both)) {
        std::vector<ComparisonRow> differing;
        for (ComparisonRow& row : comparison.rows) {
            if (!same_cell(row.cells[0], row.cells[1])) differing.push_back(std::move(row));
        }
        if (differing.empty()) continue;
        comparison.rows = std::move(differing);
        diff.activities.push_back(std::move(comparison));
    }
    std::set<std::string> in_a, in_b;
    for (const Rule& rule : a.protocol.rules) in_a.insert(rule.activity);
    for (const Rule& rule : b.protocol.rules) in_b.insert(rule.activity);
    std::set_difference(in_a.begin(), in_a.end(), in_b.begin(), in_b.end(), std::back_inserter(diff.only_in_a));
    std::set_difference(in_b.begin(), in_b.end(), in_a.begin(), in_a.end(), std::back_inserter(diff.only_in_b));
    return diff;
}

namespace {

using json = nlohmann::ordered_json;

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json cell_json(const std::optional<Cell>& cell) {
    if (!cell) return nullptr;
    return json{{"modality", keyword_of(cell->modality)},
                {"strength", strength_of(cell->modality)},
                {"quantity", cell->quantity ? json(cell->quantity->written) : json(nullptr)},
                {"rules", cell->rules}};
}

json protocol_json(const Compilation& c) {
    return json{{"name", short_name(c.protocol)}, {"file", c.protocol.file}, {"title", c.protocol.title},
                {"source", c.protocol.source.name}};
}

}  // namespace

json comparison_to_json(const Analysed& protocols, const std::vector<ActivityComparison>& table) {
    json out;
    out["schema"] = "aftercare/compare/1";
    json sources = json::array();
    for (const Compilation* c : protocols) sources.push_back(protocol_json(*c));
    out["protocols"] = std::move(sources);
    json activities = json::array();
    for (const ActivityComparison& a : table) {
        json rows = json::array();
        for (const ComparisonRow& row : a.rows) {
            json cells = json::array();
            for (const auto& cell : row.cells) cells.push_back(cell_json(cell));
            const auto strictest = row.strictest();
            rows.push_back(json{{"from", optional_int(row.days.from)},
                                {"to", optional_int(row.days.to)},
                                {"guidance", std::move(cells)},
                                {"agreement", row.agreement()},
                                {"strictest", strictest ? json(keyword_of(*strictest)) : json(nullptr)}});
        }
        activities.push_back(json{{"activity", a.activity}, {"anchor", keyword_of(a.anchor)}, {"rows", std::move(rows)}});
    }
    out["activities"] = std::move(activities);
    return out;
}

json diff_to_json(const Compilation& a, const Compilation& b, const ProtocolDiff& diff) {
    json out;
    out["schema"] = "aftercare/diff/1";
    out["a"] = protocol_json(a);
    out["b"] = protocol_json(b);
    json activities = json::array();
    for (const ActivityComparison& activity : diff.activities) {
        json rows = json::array();
        for (const ComparisonRow& row : activity.rows) {
            rows.push_back(json{{"from", optional_int(row.days.from)},
                                {"to", optional_int(row.days.to)},
                                {"a", cell_json(row.cells[0])},
                                {"b", cell_json(row.cells[1])}});
        }
        activities.push_back(
            json{{"activity", activity.activity}, {"anchor", keyword_of(activity.anchor)}, {"rows", std::move(rows)}});
    }
    out["activities"] = std::move(activities);
    out["only_in_a"] = diff.only_in_a;
    out["only_in_b"] = diff.only_in_b;
    return out;
}

}  // namespace aftercare
