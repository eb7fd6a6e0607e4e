#include "files.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

namespace aftercare::cli {

namespace fs = std::filesystem;

namespace {
// Reads to the end. A regular file is read straight into a string of its
// size, in one call as a rule: no buffer grows and is copied, so a large
// protocol costs its size in memory, not twice it.
ReadResult read_all(int fd) {
    std::string text;
    struct stat info {};
    if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) return {std::nullopt, "it is a folder"};
    std::size_t expected = 0;
    if (S_ISREG(info.st_mode) && info.st_size > 0) expected = static_cast<std::size_t>(info.st_size);
    // A byte more than its size is asked for: a regular file that gives
    // exactly its size back in one read is at its end, without a read more
    // to find that out (a thousand files, a thousand system calls).
    text.resize(expected ? expected + 1 : 0);
    std::size_t have = 0;
    char probe[4096];  // when the string is full: is there more (a pipe, or a file that grew)?
    for (;;) {
        const bool full = have == text.size();
        const ssize_t n = full ? ::read(fd, probe, sizeof probe) : ::read(fd, text.data() + have, text.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return {std::nullopt, std::strerror(errno)};
        if (n == 0) break;
        if (!full && have == 0 && static_cast<std::size_t>(n) == expected) {
            have = expected;
            break;
        }
        if (full) {
            text.resize(std::max<std::size_t>(text.size() * 2, 1 << 16));
            std::memcpy(text.data() + have, probe, static_cast<std::size_t>(n));
        }
        have += static_cast<std::size_t>(n);
    }
    text.resize(have);
    if (text.capacity() > have + have / 8 + 4096) text.shrink_to_fit();
    return {std::move(text), {}};
}
}  // namespace

ReadResult read_text(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {std::nullopt, std::strerror(errno)};
    ReadResult result = read_all(fd);
    ::close(fd);
    return result;
}

ReadResult read_stdin() { return read_all(STDIN_FILENO); }

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
    std::vector<std::string> out;
    for (const std::string& input : inputs) {
        std::error_code ec;
        if (!fs::is_directory(input, ec)) {
            out.push_back(input);
            continue;
        }
        std::vector<std::string> found;
        for (fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec), end;
             it != end; it.increment(ec)) {
            if (ec) break;
            if (it->is_regular_file(ec) && it->path().extension() == ".care") found.push_back(it->path().generic_string());
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

ImportLoader file_loader() {
    // Where an import names, by the importer's folder and the path written:
    // a thousand protocols in one folder import the same file, and working
    // out its name with std::filesystem took most of linking them. The
    // folder is the importer's text up to its last slash, which decides its
    // parent_path.
    auto names = std::make_shared<std::unordered_map<std::string, std::string>>();
    return [names](const std::string& importer, const std::string& path,
                   const SourceSet& held) -> std::variant<LoadedText, std::string> {
        const std::size_t slash = importer.rfind('/');
        const std::size_t folder = slash == std::string::npos ? 0 : slash + 1;
        std::string key = std::to_string(folder);  // its length first, so no folder and path make another's key
        key += ':';
        key.append(importer, 0, folder);
        key += path;
        auto known = names->find(key);
        if (known == names->end()) {
            const fs::path base = fs::path(importer).parent_path();
            known = names->emplace(std::move(key), (base / path).lexically_normal().generic_string()).first;
        }
        const std::string& name = known->second;
        if (held.find(name)) return LoadedText{name, {}};
        ReadResult read = read_text(name);
        if (!read.text) return "cannot read " + name + ": " + read.error;
        return LoadedText{name, std::move(*read.text)};
    };
}

namespace {
int stdout_errno = 0;  // the first error write_stdout met; stdio keeps its own

template <typename Piece>
void write_pieces(const Piece* pieces, std::size_t count) {
    std::fflush(stdout);  // what stdio holds goes first
    std::vector<iovec> vectors;
    vectors.reserve(std::min<std::size_t>(count, IOV_MAX));
    std::size_t piece = 0, offset = 0;  // where the next byte to write is
    while (piece < count) {
        vectors.clear();
        for (std::size_t i = piece; i < count && vectors.size() < IOV_MAX; ++i) {
            const std::size_t skip = i == piece ? offset : 0;
            if (pieces[i].size() > skip) vectors.push_back({const_cast<char*>(pieces[i].data()) + skip, pieces[i].size() - skip});
        }
        if (vectors.empty()) return;
        const ssize_t n = ::writev(STDOUT_FILENO, vectors.data(), static_cast<int>(vectors.size()));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (!stdout_errno) stdout_errno = n < 0 ? errno : EIO;
            return;
        }
        // Past what was written, which may end within a piece (a pipe takes what fits).
        auto left = static_cast<std::size_t>(n);
        while (piece < count && left >= pieces[piece].size() - offset) {
            left -= pieces[piece].size() - offset;
            ++piece;
            offset = 0;
        }
        offset += left;
    }
}
}  // namespace

void write_stdout(const std::vector<std::string>& pieces) { write_pieces(pieces.data(), pieces.size()); }

void write_stdout(std::string_view text) { write_pieces(&text, 1); }

std::optional<std::string> stdout_problem() {
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        if (!stdout_errno) stdout_errno = errno ? errno : EIO;
    }
    if (!stdout_errno) return std::nullopt;
    return std::string(std::strerror(stdout_errno));
}

std::optional<std::string> write_atomically(const std::string& path, const std::string& content) {
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string hidden = target.filename().string();  // ".NAME.XXXXXX", built in place (g++ 12 warns on "." + string)
    hidden.insert(hidden.begin(), '.');
    hidden += ".XXXXXX";
    std::string temp = (folder / hidden).string();
    const int fd = mkstemp(temp.data());
    if (fd < 0) return "cannot create a temporary file in " + folder.string() + ": " + std::strerror(errno);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(temp.c_str());
            return "cannot write " + path + ": " + why;
        }
        written += static_cast<std::size_t>(n);
    }
    // Readable like a file the user made (mkstemp creates it private).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temp.c_str());
        return "cannot write " + path + ": " + why;
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temp.c_str());
        return "cannot replace " + path + ": " + why;
    }
    return std::nullopt;
}

}  // namespace aftercare::cli
