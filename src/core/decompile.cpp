#include "decompile.hpp"

#include <algorithm>
#include <map>

#include "canonical_text.hpp"
#include "json_output.hpp"

namespace aftercare {

using json = nlohmann::json;

namespace {

void attributes(std::string& out, const json& item, const json* conditions = nullptr) {
    for (const auto& q : item.at("quotes")) out += std::string(attribute_indent) + "quote " + text_literal(q.get<std::string>()) + "\n";
    for (const auto& n : item.at("notes")) out += std::string(attribute_indent) + "note " + text_literal(n.get<std::string>()) + "\n";
    if (conditions) {
        for (const auto& c : *conditions) out += std::string(attribute_indent) + "when " + text_literal(c.get<std::string>()) + "\n";
    }
}

// Rules of one statement, back into clauses: consecutive rules with the same
// modality and limit were one clause.
std::string rule_statement(const std::vector<const json*>& rules) {
    std::string text = rules.front()->at("window").at("written").get<std::string>() + ":";
    std::string clause_key;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const json& r = *rules[i];
        const json& q = r.at("quantity");
        const std::string key = r.at("modality").get<std::string>() + "|" + (q.is_null() ? "" : q.at("written").get<std::string>());
        if (i == 0 || key != clause_key) {
            if (i > 0 && !clause_key.empty()) {
                const json& prev = rules[i - 1]->at("quantity");
                if (!prev.is_null()) text += " " + prev.at("written").get<std::string>();
            }
            text += (i ? "; " : " ") + r.at("modality").get<std::string>() + " " + r.at("written").get<std::string>();
            clause_key = key;
        } else {
            text += ", " + r.at("written").get<std::string>();
        }
    }
    const json& last = rules.back()->at("quantity");
    if (!last.is_null()) text += " " + last.at("written").get<std::string>();
    return text;
}

std::string warning_statement(const json& w) {
    std::string text = "warning ";
    const auto& signs = w.at("signs");
    for (std::size_t i = 0; i < signs.size(); ++i) text += (i ? ", " : "") + signs[i].get<std::string>();
    text += ":";
    const auto& actions = w.at("actions");
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const std::string action = actions[i].at("action").get<std::string>();
        text += i ? "; " : " ";
        if (action == "seek-care") text += "seek care";
        else text += action + " " + actions[i].at("target").get<std::string>();
    }
    return text;
}

}  // namespace

DecompileResult decompile(const json& compiled) {
    try {
        if (!compiled.is_object() || compiled.value("schema", "") != json_schema_id) {
            return {std::nullopt, std::string("not a compiled protocol: its \"schema\" is not \"") + json_schema_id + "\""};
        }
        std::string out;
        out += "protocol " + text_literal(compiled.at("title").get<std::string>()) + "\n";
        out += "procedure " + compiled.at("procedure").get<std::string>() + "\n";
        const json& source = compiled.at("source");
        out += "source " + text_literal(source.at("name").get<std::string>());
        if (!source.at("url").is_null()) out += " url " + text_literal(source.at("url").get<std::string>());
        if (!source.at("retrieved").is_null()) out += " retrieved " + source.at("retrieved").get<std::string>();
        if (!source.at("archived").is_null()) out += " archived " + text_literal(source.at("archived").get<std::string>());
        out += "\n";
        attributes(out, source);
        for (const auto& i : compiled.at("imports")) out += "import " + text_literal(i.at("path").get<std::string>()) + "\n";

        // The rest in the order it was written: by line, then statement.
        struct Block {
            long line;
            long order;
            std::string text;
        };
        std::vector<Block> blocks;
        auto line_of = [](const json& item) { return item.at("location").at("line").get<long>(); };
        for (const auto& m : compiled.at("milestones")) {
            std::string text = "milestone " + m.at("name").get<std::string>();
            if (!m.at("day").is_null()) text += " = day " + std::to_string(m.at("day").get<long>());
            text += "\n";
            attributes(text, m);
            blocks.push_back({line_of(m), 0, std::move(text)});
        }
        for (const auto& p : compiled.at("phases")) {
            std::string text = "phase " + p.at("name").get<std::string>() + " = " +
                               p.at("window").at("written").get<std::string>() + "\n";
            attributes(text, p);
            blocks.push_back({line_of(p), 0, std::move(text)});
        }
        std::map<long, std::vector<const json*>> statements;
        for (const auto& r : compiled.at("rules")) statements[r.at("statement").get<long>()].push_back(&r);
        for (const auto& [statement, rules] : statements) {
            std::string text = rule_statement(rules) + "\n";
            attributes(text, *rules.front(), &rules.front()->at("conditions"));
            blocks.push_back({line_of(*rules.front()), statement, std::move(text)});
        }
        for (const auto& w : compiled.at("warnings")) {
            std::string text = warning_statement(w) + "\n";
            attributes(text, w);
            blocks.push_back({line_of(w), 0, std::move(text)});
        }
        std::stable_sort(blocks.begin(), blocks.end(),
                         [](const Block& a, const Block& b) { return std::tie(a.line, a.order) < std::tie(b.line, b.order); });
        if (!blocks.empty()) out += "\n";
        for (const Block& b : blocks) out += b.text;
        return {std::move(out), {}};
    } catch (const json::exception& e) {
        return {std::nullopt, std::string("not a compiled protocol: ") + e.what()};
    }
}

}  // namespace aftercare
