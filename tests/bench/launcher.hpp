// Runs commands for the benchmark from a small process of its own.
//
// Commands are started with posix_spawn, which does not copy the starting
// process as fork does: on this project's 2-core machine a fork costs a few
// tenths of a millisecond more, which is the starter's cost and not the
// program's start-up, and more the larger the starter. But a process
// started so reports its starter's peak memory as its own when that is the
// larger (the kernel keeps the peak across exec). The harness grows to
// hundreds of megabytes, so the commands are started by a launcher forked
// while the harness is still small, and every command's peak is at least
// the launcher's, which it reports too.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace aftercare::bench {

struct CommandFigures {
    double seconds = 0;           // wall time from spawn to exit
    double peak_mb = 0;           // the command's peak resident memory, at least launcher_peak_mb
    double launcher_peak_mb = 0;  // the launcher's own
    int exit_code = 0;            // -1 when it did not exit normally
};

class Launcher {
public:
    Launcher();  // forks the launcher: call it before the harness grows
    ~Launcher();
    Launcher(const Launcher&) = delete;
    Launcher& operator=(const Launcher&) = delete;

    // Runs argv (argv[0] a path) with its output sent to /dev/null.
    CommandFigures run(const std::vector<std::string>& argv);
    // The launcher's peak resident memory as of the last command.
    double own_peak_mb() const { return own_peak_mb_; }

private:
    pid_t pid_ = -1;
    int requests_ = -1;   // the harness writes commands here
    int responses_ = -1;  // and reads their figures here
    double own_peak_mb_ = 0;
};

}  // namespace aftercare::bench
