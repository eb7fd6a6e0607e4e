#include "analysis.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace aftercare {

namespace {

// A finding on a kind that says nothing its parent's finding does not (same
// class, days and sides) is inherited: reported once, on the parent.
void drop_inherited(std::vector<Finding>& findings) {
    auto signature = [](const Finding& f, const std::string& activity) {
        std::string key = f.id + '|' + activity + '|' + std::to_string(static_cast<int>(f.anchor)) + '|' +
                          std::to_string(f.across);
        for (const DayRange& d : f.days) key += '|' + describe_days(d);
        for (const FindingSide& s : f.sides) {
            key += '|' + std::to_string(s.protocol) + ':' + std::to_string(static_cast<int>(s.modality)) + ':' +
                   describe_days(s.days);
        }
        return key;
    };
    std::map<std::string, bool> seen;
    for (const Finding& f : findings) seen[signature(f, f.activity)] = true;
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [&](const Finding& f) {
                                      const auto dot = f.activity.rfind('.');
                                      return dot != std::string::npos && seen.count(signature(f, f.activity.substr(0, dot)));
                                  }),
                   findings.end());
}

}  // namespace

std::vector<Finding> analyse(const Analysed& protocols) {
    std::vector<Finding> out;
    auto add = [&](std::vector<Finding> found) {
        out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    };
    for (std::size_t index = 0; index < protocols.size(); ++index) {
        add(find_conflicts_within(protocols, index));
        add(find_gaps_within(protocols, index));
    }
    if (protocols.size() > 1) {
        add(find_conflicts_across(protocols));
        add(find_coverage_gaps(protocols));
    }
    drop_inherited(out);
    sort_findings(out);
    return out;
}

}  // namespace aftercare
