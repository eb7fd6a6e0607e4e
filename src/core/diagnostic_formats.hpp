// Machine-readable forms of the diagnostic model: aftercare's own JSON and
// SARIF 2.1.0 (docs/ci.md). Text forms live with the command line.
//
// A report is written in pieces, as its diagnostics are made: a long
// protocol can have a hundred thousand findings and a million notes, and the
// whole document as one JSON tree would take many times the input's memory.
// The bytes are exactly those of the document dumped whole with an indent of 2.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostic.hpp"

namespace aftercare {

// A document that is one JSON value whose array at one key is written an
// element at a time. Everything else in it is known before the first element.
class JsonArrayStream {
public:
    // `document` holds the string `marker` where the array goes.
    JsonArrayStream(const nlohmann::ordered_json& document, std::string_view marker);

    const std::string& head() const { return head_; }
    // One element as it appears in the document, after the text that
    // separates it from the one before (or from the array's opening).
    std::string element(const nlohmann::ordered_json& value, bool first) const;
    // After the last element; `empty` when there were none.
    std::string tail(bool empty) const;

private:
    std::string head_;
    std::string tail_;
    std::string indent_;  // the array's own indent; elements are 2 deeper
};

// What the whole report says, known before any diagnostic is worded.
struct ReportSummary {
    std::vector<std::string> files;  // the files the run read, in order
    std::map<Severity, std::size_t> counts;
};

// A report format that writes each diagnostic on its own: element() may be
// called from several threads at once; the caller joins the pieces in order.
class ReportFormat {
public:
    virtual ~ReportFormat() = default;
    virtual std::string head() const = 0;
    virtual std::string element(const Diagnostic& diagnostic, bool first) const = 0;
    virtual std::string tail(bool empty) const = 0;
};

// aftercare's JSON (docs/diagnostics.schema.json).
class JsonReport final : public ReportFormat {
public:
    explicit JsonReport(const ReportSummary& summary);
    std::string head() const override { return stream_.head(); }
    std::string element(const Diagnostic& diagnostic, bool first) const override;
    std::string tail(bool empty) const override { return stream_.tail(empty); }

private:
    JsonArrayStream stream_;
};

// SARIF 2.1.0. `artifacts` are every file a location names, in the order
// they are first met (the run's files first), so results can point at them.
class SarifReport final : public ReportFormat {
public:
    SarifReport(const std::vector<std::string>& artifacts, const std::string& version);
    std::string head() const override { return stream_.head(); }
    std::string element(const Diagnostic& diagnostic, bool first) const override;
    std::string tail(bool empty) const override { return stream_.tail(empty); }

private:
    nlohmann::ordered_json physical(const Location& location) const;

    std::map<std::string, std::size_t, std::less<>> rule_index_;
    std::map<std::string, std::size_t, std::less<>> artifact_index_;
    JsonArrayStream stream_;
};

}  // namespace aftercare
