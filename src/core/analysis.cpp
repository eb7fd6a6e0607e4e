#include "analysis.hpp"

#include "append.hpp"
#include "parallel.hpp"
#include "pruning.hpp"

namespace aftercare {

namespace {
std::vector<std::vector<Finding>> lists_of(std::vector<Finding> findings) {
    std::vector<std::vector<Finding>> lists;
    lists.push_back(std::move(findings));
    return lists;
}

}  // namespace

FindingsByProtocol analyse_by_protocol(const Analysed& protocols) {
    // Each protocol's own findings are independent of the others', and of
    // those across protocols: one list of work, on every core for many
    // protocols, each item into its own slot. The two analyses across
    // protocols are the longest items, so they come first: one core compares
    // the files while the others work through them. Each is pruned on its
    // own, which drops what pruning them together would: a gap in coverage
    // restates only another gap, and a duration only a contradiction, both of
    // which are found with it.
    const std::size_t firsts = protocols.size() > 1 ? 2 : 0;
    FindingsByProtocol out;
    out.within.resize(protocols.size());
    std::vector<Finding> conflicts_across, coverage_across;
    std::size_t rules = 0;
    for (const Compilation* c : protocols) rules += c->protocol.rules.size();
    for_each_index(firsts + protocols.size(), rules, [&](std::size_t item) {
        if (item == 0 && firsts) {
            conflicts_across = pruned(lists_of(find_conflicts_across(protocols)));
        } else if (item == 1 && firsts) {
            coverage_across = pruned(lists_of(find_coverage_gaps(protocols)));
        } else {
            std::vector<Finding>& own = out.within[item - firsts];
            std::vector<std::vector<Finding>> lists = find_conflicts_within(protocols, item - firsts);
            lists.push_back(find_gaps_within(protocols, item - firsts));
            own = pruned(std::move(lists));
            sort_findings(own);
        }
    });
    out.across = std::move(conflicts_across);
    append_moved(out.across, coverage_across);
    sort_findings(out.across);
    return out;
}

std::vector<Finding> analyse(const Analysed& protocols) {
    // Each list is sorted already, and the sort keeps the order of equals:
    // sorting them together gives what sorting them unsorted would.
    FindingsByProtocol parts = analyse_by_protocol(protocols);
    std::vector<Finding> out;
    append_all_moved(out, parts.within);
    append_moved(out, parts.across);
    sort_findings(out);
    return out;
}

}  // namespace aftercare
