#include "launcher.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace aftercare::bench {

namespace {

bool read_exactly(int fd, void* data, std::size_t size) {
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t got = read(fd, bytes, size);
        if (got <= 0) return false;
        bytes += got;
        size -= static_cast<std::size_t>(got);
    }
    return true;
}

bool write_exactly(int fd, const void* data, std::size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t put = write(fd, bytes, size);
        if (put <= 0) return false;
        bytes += put;
        size -= static_cast<std::size_t>(put);
    }
    return true;
}

// A command travels as its argument count, then each argument's length and bytes.
bool read_command(int fd, std::vector<std::string>& argv) {
    std::uint32_t count = 0;
    if (!read_exactly(fd, &count, sizeof count)) return false;
    argv.assign(count, {});
    for (auto& arg : argv) {
        std::uint32_t size = 0;
        if (!read_exactly(fd, &size, sizeof size)) return false;
        arg.resize(size);
        if (!read_exactly(fd, arg.data(), size)) return false;
    }
    return true;
}

CommandFigures launch(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    CommandFigures figures;
    if (spawned != 0) {
        figures.exit_code = -1;
        return figures;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    figures.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.peak_mb = usage.ru_maxrss / 1024.0;
    rusage own{};
    getrusage(RUSAGE_SELF, &own);
    figures.launcher_peak_mb = own.ru_maxrss / 1024.0;
    figures.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return figures;
}

[[noreturn]] void serve(int requests, int responses) {
    std::vector<std::string> argv;
    while (read_command(requests, argv)) {
        const CommandFigures figures = launch(argv);
        if (!write_exactly(responses, &figures, sizeof figures)) break;
    }
    _exit(0);
}

}  // namespace

Launcher::Launcher() {
    int to_launcher[2], from_launcher[2];
    // Close-on-exec: the commands it starts need neither end.
    if (pipe2(to_launcher, O_CLOEXEC) != 0 || pipe2(from_launcher, O_CLOEXEC) != 0) std::abort();
    pid_ = fork();
    if (pid_ < 0) std::abort();
    if (pid_ == 0) {
        close(to_launcher[1]);
        close(from_launcher[0]);
        serve(to_launcher[0], from_launcher[1]);
    }
    close(to_launcher[0]);
    close(from_launcher[1]);
    requests_ = to_launcher[1];
    responses_ = from_launcher[0];
}

Launcher::~Launcher() {
    close(requests_);  // the launcher sees the end of its requests and exits
    close(responses_);
    int status = 0;
    waitpid(pid_, &status, 0);
}

CommandFigures Launcher::run(const std::vector<std::string>& argv) {
    std::string message;
    auto put = [&](const void* data, std::size_t size) { message.append(static_cast<const char*>(data), size); };
    const auto count = static_cast<std::uint32_t>(argv.size());
    put(&count, sizeof count);
    for (const auto& arg : argv) {
        const auto size = static_cast<std::uint32_t>(arg.size());
        put(&size, sizeof size);
        put(arg.data(), arg.size());
    }
    CommandFigures figures;
    if (!write_exactly(requests_, message.data(), message.size()) ||
        !read_exactly(responses_, &figures, sizeof figures)) {
        std::fprintf(stderr, "the launcher stopped\n");
        std::exit(1);
    }
    own_peak_mb_ = figures.launcher_peak_mb;
    return figures;
}

}  // namespace aftercare::bench
