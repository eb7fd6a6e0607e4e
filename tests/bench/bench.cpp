// The benchmark: prints figures, asserts nothing (docs/performance.md).
//
//   build/tests/bench/aftercare_bench [--seed N] [--megabytes N] [--quick] [--keep]
//
// Every measurement runs in its own child process so that its peak memory is
// its own; peak memory is reported above what the child had when it started.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "cli/files.hpp"
#include "cli/render_lines.hpp"
#include "cli/workspace.hpp"
#include "core/analysis.hpp"
#include "core/checker.hpp"
#include "core/compiler.hpp"
#include "core/json_output.hpp"
#include "core/parallel.hpp"
#include "core/parser.hpp"
#include "core/resolve.hpp"
#include "launcher.hpp"
#include "synthetic.hpp"

namespace fs = std::filesystem;
using namespace aftercare;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
    double seconds = 0;
    double count = 0;       // rules, or whatever the measurement counts
    double peak_mb = 0;     // peak resident memory above the child's start
};

long resident_kb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Runs `work` in a child and returns the `count` figures it returns, then the
// child's peak resident memory above its start, in MB.
std::vector<double> in_child(std::size_t count, const std::function<std::vector<double>()>& work) {
    int fds[2];
    if (pipe(fds) != 0) std::abort();
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const long start_kb = resident_kb();
        std::vector<double> result = work();
        result.resize(count);
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        result.push_back((usage.ru_maxrss - start_kb) / 1024.0);
        const auto bytes = static_cast<ssize_t>(result.size() * sizeof(double));
        if (write(fds[1], result.data(), result.size() * sizeof(double)) != bytes) _exit(1);
        _exit(0);
    }
    close(fds[1]);
    std::vector<double> result(count + 1);
    const auto bytes = static_cast<ssize_t>(result.size() * sizeof(double));
    const auto got = read(fds[0], result.data(), result.size() * sizeof(double));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got != bytes || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "a measurement failed\n");
        std::exit(1);
    }
    return result;
}

// Runs `work` in a child; `work` returns {seconds, count}.
Figures isolated(const std::function<std::pair<double, double>()>& work) {
    const std::vector<double> r = in_child(2, [&] {
        const auto [seconds, count] = work();
        return std::vector<double>{seconds, count};
    });
    return {r[0], r[1], r[2]};
}

// The fastest of `runs` measurements: on a shared virtual machine one run
// can be a tenth slower for reasons of its own.
Figures best_of(int runs, const std::function<Figures()>& measure) {
    Figures best = measure();
    for (int run = 1; run < runs; ++run) {
        const Figures f = measure();
        if (f.seconds < best.seconds) best = f;
    }
    return best;
}

// A command's wall time and peak memory (the child's whole resident size).
Figures run_command(bench::Launcher& launcher, const std::vector<std::string>& argv) {
    const bench::CommandFigures f = launcher.run(argv);
    if (f.exit_code < 0 || f.exit_code > 1) {
        std::fprintf(stderr, "%s failed\n", argv[0].c_str());
        std::exit(1);
    }
    return {f.seconds, 0, f.peak_mb};
}

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string read_all(const std::string& path) { return *cli::read_text(path).text; }

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 42;
    double megabytes = 50;
    bool quick = false;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
        else if (arg == "--megabytes" && i + 1 < argc) megabytes = std::stod(argv[++i]);
        else if (arg == "--quick") quick = true;
        else if (arg == "--keep") keep = true;
        else {
            std::fprintf(stderr, "usage: aftercare_bench [--seed N] [--megabytes N] [--quick] [--keep]\n");
            return 2;
        }
    }
    if (quick) megabytes = std::min(megabytes, 5.0);
    // Forked first, while this process is small: see launcher.hpp.
    bench::Launcher launcher;

    // The process number at a fixed width (pid_max is at most 4,194,304): the JSON names the
    // file in every rule, so a shorter number made it a megabyte smaller from run to run.
    const fs::path work = fs::temp_directory_path() / fmt::format("aftercare-bench-{:07}", getpid());
    fs::create_directories(work / "small");
    const std::string vocabulary_text = read_all(AFTERCARE_PROTOCOLS_DIR "/vocabulary.care");
    write_file((work / "vocabulary.care").string(), vocabulary_text);
    write_file((work / "small" / "vocabulary.care").string(), vocabulary_text);
    std::vector<std::string> activities;
    {
        SourceSet sources;
        Compiler compiler(sources, nullptr);
        const auto vocabulary = compiler.compile(sources.add("vocabulary.care", vocabulary_text)).vocabulary;
        for (const auto& [id, term] : vocabulary->activities) activities.push_back(id);
    }
    bench::Synthetic synthetic(seed, activities);

    // ------------------------------------------------------------ one large file
    const std::string large = (work / "large.care").string();
    write_file(large, synthetic.protocol_of_size(static_cast<std::size_t>(megabytes * 1e6), "vocabulary.care"));
    const double large_mb = fs::file_size(large) / 1e6;

    const Figures reading = isolated([&] {
        const auto start = Clock::now();
        const auto text = cli::read_text(large);
        return std::pair{since(start), double(text.text->size())};
    });
    // `threads`: 0 for one per core, as the program runs; 1 to see the work itself.
    auto compile_large = [&](bool emit, std::size_t threads = 0) {
        return isolated([&, emit, threads] {
            thread_limit() = threads;
            SourceSet sources;
            Compiler compiler(sources, cli::file_loader());
            std::string text = read_all(large);
            const auto start = Clock::now();
            const Compilation c = compiler.compile(sources.add(large, std::move(text)));
            const Analysed one{&c};
            // What the check command finds in one file: its conflicts and
            // gaps, pruned as the report has them.
            const FindingsByProtocol findings = analyse_by_protocol(one);
            if (!c.ok()) std::abort();
            if (emit) {
                const std::string json = to_json_text(c.protocol, c.resolved);
                const double seconds = since(start);
                write_file((work / "large.json").string(), json);
                return std::pair{seconds, double(c.protocol.rules.size())};
            }
            return std::pair{since(start), double(c.protocol.rules.size()) + 0 * double(findings.within.front().size())};
        });
    };
    // The stages on their own, to see what bounds check.
    const Figures parse_only = best_of(3, [&] { return isolated([&] {
        const SourceFile file(large, read_all(large));
        const auto start = Clock::now();
        const ParseResult parsed = parse(file);
        return std::pair{since(start), double(parsed.document.statements.size())};
    }); });
    const Figures compile_only = best_of(3, [&] { return isolated([&] {
        SourceSet sources;
        Compiler compiler(sources, cli::file_loader());
        std::string text = read_all(large);
        const auto start = Clock::now();
        const Compilation c = compiler.compile(sources.add(large, std::move(text)));
        return std::pair{since(start), double(c.protocol.rules.size())};
    }); });
    // Where check's time goes, stage by stage, on the same file.
    const std::vector<double> stages = in_child(6, [&] {
        SourceSet sources;
        Compiler compiler(sources, cli::file_loader());
        const auto vocabulary =
            compiler.compile(sources.add((work / "vocabulary.care").string(), vocabulary_text)).vocabulary;
        const SourceFile& file = sources.add(large, read_all(large));
        auto start = Clock::now();
        ParseResult parsed = parse(file);
        const double parse_s = since(start);
        start = Clock::now();
        CheckResult checked = check_protocol(file, parsed.document, vocabulary.get());
        const double check_s = since(start);
        start = Clock::now();
        parsed.document = {};
        const double free_s = since(start);
        start = Clock::now();
        Compilation c;
        c.protocol = std::move(checked.protocol);
        c.vocabulary = vocabulary;
        c.resolved = resolve(c.protocol, vocabulary.get());
        const double resolve_s = since(start);
        const Analysed one{&c};
        start = Clock::now();
        const auto conflicts = find_conflicts_within(one, 0);
        const double conflicts_s = since(start);
        start = Clock::now();
        const auto gaps = find_gaps_within(one, 0);
        const double gaps_s = since(start);
        return std::vector<double>{parse_s, check_s, free_s, resolve_s, conflicts_s, gaps_s};
    });
    const Figures check = best_of(3, [&] { return compile_large(false); });
    const Figures check_one_thread = best_of(3, [&] { return compile_large(false, 1); });
    const Figures compile = compile_large(true);
    const double rules = check.count;
    const double json_mb = fs::file_size(work / "large.json") / 1e6;

    const Figures nlohmann_parse = isolated([&] {
        const std::string text = read_all((work / "large.json").string());
        const auto start = Clock::now();
        const auto doc = nlohmann::json::parse(text);
        return std::pair{since(start), double(doc["rules"].size())};
    });
    const Figures simdjson_parse = isolated([&] {
        simdjson::padded_string text = simdjson::padded_string::load((work / "large.json").string());
        simdjson::dom::parser parser;
        const auto start = Clock::now();
        simdjson::dom::element doc = parser.parse(text);
        const double seconds = since(start);
        return std::pair{seconds, double(simdjson::dom::array(doc["rules"]).size())};
    });

    // ------------------------------------------------------------ cross-source analysis
    std::vector<std::pair<std::size_t, Figures>> across;
    for (const std::size_t total : {std::size_t(10'000), std::size_t(100'000), std::size_t(1'000'000)}) {
        if (quick && total > 100'000) break;
        across.emplace_back(total, best_of(3, [&, total] { return isolated([&, total] {
            SourceSet sources;
            Compiler compiler(sources, cli::file_loader());
            bench::Synthetic sources_text(seed + total, activities);
            std::vector<Compilation> compiled;
            compiled.reserve(1000);
            for (int p = 0; p < 1000; ++p) {
                const std::string name = (work / fmt::format("source-{:04}.care", p)).string();
                compiled.push_back(compiler.compile(
                    sources.add(name, sources_text.protocol(total / 1000, fmt::format("source {}", p), "vocabulary.care"))));
            }
            Analysed protocols;
            double rules_in = 0;
            for (const auto& c : compiled) {
                protocols.push_back(&c);
                rules_in += double(c.protocol.rules.size());
            }
            const auto start = Clock::now();
            const auto conflicts = find_conflicts_across(protocols);
            const auto coverage = find_coverage_gaps(protocols);
            const double seconds = since(start);
            if (conflicts.empty() && coverage.empty()) std::abort();
            return std::pair{seconds, rules_in};
        }); }));
    }

    // The command people run: the same checks, and every finding written out.
    const std::string binary = AFTERCARE_BINARY;
    const Figures command_text = run_command(launcher, {binary, "check", "--fail-on", "error", large});
    const Figures command_json = run_command(launcher, {binary, "check", "--fail-on", "error", "--format", "json", large});

    // ------------------------------------------------------------ many small files
    for (int p = 0; p < 1000; ++p) {
        write_file((work / "small" / fmt::format("p{:04}.care", p)).string(),
                   synthetic.protocol(20, fmt::format("small {}", p), "vocabulary.care"));
    }
    const std::string small_dir = (work / "small").string();
    // The plain report (each fact on a line) is the target's; the default
    // text report adds each note's source line and caret, and is shown beside it.
    Figures thousand{1e9, 0, 0}, thousand_text{1e9, 0, 0};
    for (int run = 0; run < 3; ++run) {
        const Figures f = run_command(launcher, {binary, "check", "--fail-on", "error", "--format", "plain", small_dir});
        if (f.seconds < thousand.seconds) thousand = f;
        const Figures t = run_command(launcher, {binary, "check", "--fail-on", "error", small_dir});
        if (t.seconds < thousand_text.seconds) thousand_text = t;
    }
    // The same run in this process, stage by stage.
    const std::vector<double> small_stages = in_child(5, [&] {
        auto start = Clock::now();
        cli::Workspace workspace("");
        workspace.load({small_dir});
        const double load_s = since(start);
        start = Clock::now();
        const Analysed protocols = workspace.protocols();
        const auto findings = analyse(protocols);
        const double findings_s = since(start);
        start = Clock::now();
        std::vector<Diagnostic> diagnostics;
        for (const Finding& f : findings) diagnostics.push_back(to_diagnostic(f, protocols));
        const double diagnostics_s = since(start);
        start = Clock::now();
        std::string out;
        for (const Diagnostic& d : diagnostics) out += cli::render_plain(d);
        const double render_s = since(start);
        return std::vector<double>{load_s, findings_s, diagnostics_s, render_s, double(out.size())};
    });
    const std::string one = (work / "small" / "p0000.care").string();
    double one_total = 0, one_best = 1e9, one_peak = 0;
    const int runs = quick ? 20 : 100;
    for (int run = 0; run < runs; ++run) {
        const Figures f = run_command(launcher, {binary, "check", "--fail-on", "error", one});
        one_total += f.seconds;
        one_best = std::min(one_best, f.seconds);
        one_peak = std::max(one_peak, f.peak_mb);
    }
    const double small_mb = 1000 * fs::file_size(one) / 1e6;

    // ------------------------------------------------------------ report
    auto rate = [](double n, double s) { return n / s; };
    std::printf("aftercare benchmark (seed %llu): one %.1f MB protocol of %.0f rules; its JSON %.1f MB\n\n",
                static_cast<unsigned long long>(seed), large_mb, rules, json_mb);
    std::printf("%-44s %12s %14s %12s %10s\n", "measurement", "time", "throughput", "rules/s", "peak mem");
    auto row = [&](const char* what, const Figures& f, double mb, double n, double input_mb) {
        std::printf("%-44s %10.1f ms %10.1f MB/s %12.3g %6.0f MB %s\n", what, f.seconds * 1e3, mb / f.seconds,
                    n > 0 ? rate(n, f.seconds) : 0.0, f.peak_mb,
                    input_mb > 0 ? fmt::format("({:.2f}x input)", f.peak_mb / input_mb).c_str() : "");
    };
    row("read the file into memory", reading, large_mb, 0, large_mb);
    row("  parse only (syntax tree)", parse_only, large_mb, rules, large_mb);
    row("  compile only (checked, resolved; no findings)", compile_only, large_mb, rules, large_mb);
    row("check (parse, all semantic checks)", check, large_mb, rules, large_mb);
    row("  check on one thread", check_one_thread, large_mb, rules, large_mb);
    row("  check command, text report (all findings)", command_text, large_mb, rules, large_mb);
    row("  check command, JSON report", command_json, large_mb, rules, large_mb);
    row("compile (check + JSON text)", compile, large_mb, rules, large_mb);
    row("nlohmann::json parse of the JSON", nlohmann_parse, json_mb, rules, json_mb);
    row("simdjson parse of the JSON", simdjson_parse, json_mb, rules, json_mb);
    std::printf("\nstages of check, on their own: parse %.1f ms, names and windows %.1f ms, freeing the syntax tree "
                "%.1f ms, resolved view %.1f ms, contradictions and durations %.1f ms, gaps %.1f ms\n",
                stages[0] * 1e3, stages[1] * 1e3, stages[2] * 1e3, stages[3] * 1e3, stages[4] * 1e3, stages[5] * 1e3);
    std::printf("\nratios (rules/s): check / nlohmann = %.2f, check / simdjson = %.2f; "
                "check MB/s / read MB/s = %.3f\n",
                rate(rules, check.seconds) / rate(rules, nlohmann_parse.seconds),
                rate(rules, check.seconds) / rate(rules, simdjson_parse.seconds),
                (large_mb / check.seconds) / (large_mb / reading.seconds));
    std::printf("on one thread: check / nlohmann = %.2f, check / simdjson = %.2f (both parsers use one)\n",
                rate(rules, check_one_thread.seconds) / rate(rules, nlohmann_parse.seconds),
                rate(rules, check_one_thread.seconds) / rate(rules, simdjson_parse.seconds));

    std::printf("\ncross-source analysis across 1,000 sources:\n");
    for (std::size_t i = 0; i < across.size(); ++i) {
        const auto& [total, f] = across[i];
        std::printf("  %9.0f rules: %9.1f ms, peak %6.0f MB", f.count, f.seconds * 1e3, f.peak_mb);
        if (i > 0) {
            const double n1 = across[i - 1].second.count, n2 = f.count;
            std::printf("   time ratio %.1f (n log n predicts %.1f)", f.seconds / across[i - 1].second.seconds,
                        (n2 * std::log(n2)) / (n1 * std::log(n1)));
        }
        std::printf("\n");
    }
    std::printf("\nchecking 1,000 small files (%.2f MB) in one process: %.1f ms, peak %.0f MB (plain report)\n",
                small_mb, thousand.seconds * 1e3, thousand.peak_mb);
    std::printf("  with the default text report (source lines and carets): %.1f ms, peak %.0f MB\n",
                thousand_text.seconds * 1e3, thousand_text.peak_mb);
    std::printf("  the same in this process, by stage: reading and compiling %.1f ms, findings %.1f ms, "
                "their diagnostics %.1f ms, rendering them %.1f ms (%.1f MB of text)\n",
                small_stages[0] * 1e3, small_stages[1] * 1e3, small_stages[2] * 1e3, small_stages[3] * 1e3,
                small_stages[4] / 1e6);
    std::printf("one small file per process (start-up included): mean %.2f ms, best %.2f ms over %d runs, peak %.1f MB\n",
                one_total / runs * 1e3, one_best * 1e3, runs, one_peak);
    std::printf("  (commands are started with posix_spawn by a launcher whose own peak, %.1f MB, is a floor "
                "under each command's peak)\n",
                launcher.own_peak_mb());

    std::printf("\ntargets:\n");
    auto target = [](const char* what, bool met, const std::string& figure) {
        std::printf("  [%s] %s: %s\n", met ? "met " : "MISS", what, figure.c_str());
    };
    const double ours = rate(rules, check.seconds);
    target("check rules/s >= simdjson rules/s", ours >= rate(rules, simdjson_parse.seconds),
           fmt::format("{:.3g} vs {:.3g}", ours, rate(rules, simdjson_parse.seconds)));
    target("check rules/s >= 4 x nlohmann rules/s", ours >= 4 * rate(rules, nlohmann_parse.seconds),
           fmt::format("{:.3g} vs 4 x {:.3g}", ours, rate(rules, nlohmann_parse.seconds)));
    if (across.size() == 3) {
        target("1M-rule cross-source analysis < 150 ms", across[2].second.seconds < 0.150,
               fmt::format("{:.1f} ms", across[2].second.seconds * 1e3));
    }
    target("1,000 small files in one process < 50 ms", thousand.seconds < 0.050,
           fmt::format("{:.1f} ms (plain report; the text report {:.1f} ms)", thousand.seconds * 1e3,
                       thousand_text.seconds * 1e3));
    target("one small file < 2 ms including process start", one_total / runs < 0.002,
           fmt::format("{:.2f} ms mean", one_total / runs * 1e3));
    target("check peak memory < 3 x input", check.peak_mb < 3 * large_mb,
           fmt::format("{:.0f} MB for {:.0f} MB", check.peak_mb, large_mb));
    target("check command's peak memory < 3 x input", command_text.peak_mb < 3 * large_mb,
           fmt::format("{:.0f} MB for {:.0f} MB (text report)", command_text.peak_mb, large_mb));
    if (keep) std::printf("\nthe generated files are kept in %s\n", work.string().c_str());
    else fs::remove_all(work);
    return 0;
}
