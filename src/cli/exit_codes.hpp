#pragma once

namespace aftercare::cli {

// What CI scripts branch on; documented in --help and the README.
inline constexpr int exit_clean = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_usage = 2;  // bad arguments, or a file that cannot be read or written

}  // namespace aftercare::cli
