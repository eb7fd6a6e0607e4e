// Writing a report to standard output: every byte once and in order, however
// the kernel takes it.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sys/time.h>
#include <unistd.h>

#include "cli/files.hpp"

namespace {

std::atomic<int> alarms{0};
void count_alarm(int) { alarms.fetch_add(1, std::memory_order_relaxed); }

}  // namespace

TEST_CASE("write_stdout writes every piece whole and in order through a pipe, however often it is interrupted", "[cli][output]") {
    // Pieces of many sizes, each of its own bytes, so a piece written twice,
    // left out or cut short changes the stream.
    std::vector<std::string> pieces;
    std::string expected;
    for (std::size_t i = 0; i < 3000; ++i) {
        std::string piece((i * 7919) % 5000, static_cast<char>('a' + i % 26));
        if (!piece.empty()) piece.back() = static_cast<char>('0' + i % 10);
        expected += piece;
        pieces.push_back(std::move(piece));
    }
    REQUIRE(expected.size() > 64 * 1024 * 16);  // many times what a pipe holds

    std::fflush(stdout);  // nothing of the test runner's goes into the pipe
    int ends[2];
    REQUIRE(pipe(ends) == 0);
    const int saved = dup(STDOUT_FILENO);
    REQUIRE(dup2(ends[1], STDOUT_FILENO) == STDOUT_FILENO);
    close(ends[1]);

    // A slow reader keeps the writer waiting in the kernel, and an alarm
    // every tenth of a millisecond, without SA_RESTART, interrupts it there:
    // writes come back short, or with EINTR.
    std::string received;
    std::thread reader([&] {
        sigset_t alarm;
        sigemptyset(&alarm);
        sigaddset(&alarm, SIGALRM);
        pthread_sigmask(SIG_BLOCK, &alarm, nullptr);  // the writer gets the alarms
        char buffer[4096];
        for (ssize_t n; (n = read(ends[0], buffer, sizeof buffer)) != 0;) {
            if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
            std::this_thread::sleep_for(std::chrono::microseconds(20));
        }
    });
    struct sigaction action {}, before {};
    action.sa_handler = count_alarm;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGALRM, &action, &before);
    itimerval every{{0, 100}, {0, 100}}, off{};
    setitimer(ITIMER_REAL, &every, nullptr);

    aftercare::cli::write_stdout(pieces);

    setitimer(ITIMER_REAL, &off, nullptr);
    sigaction(SIGALRM, &before, nullptr);
    dup2(saved, STDOUT_FILENO);  // closes the pipe's last writing end: the reader sees its end
    close(saved);
    reader.join();
    close(ends[0]);

    CHECK(alarms.load() > 0);  // the alarms came while it wrote
    CHECK(received.size() == expected.size());
    CHECK(received == expected);
}
