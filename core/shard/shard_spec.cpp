#include "shard/shard_spec.h"
#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace tcpflow {

namespace {

bool parse_number(const std::string& t, uint64_t& v) {
    if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos) return false;
    v = strtoull(t.c_str(), nullptr, 10);
    return true;
}

}  // namespace

ShardSpec parse_shard_spec(const std::string& text) {
    const std::string usage = "invalid --shard '" + text + "': expected K/N with 0 <= K < N <= " +
                              std::to_string(kMaxShards) + " (K counts from 0)";
    const size_t slash = text.find('/');
    uint64_t k = 0, n = 0;
    if (slash == std::string::npos || !parse_number(text.substr(0, slash), k) ||
        !parse_number(text.substr(slash + 1), n) || n < 1 || n > kMaxShards || k >= n)
        throw std::invalid_argument(usage);
    ShardSpec s;
    s.index = static_cast<uint32_t>(k);
    s.count = static_cast<uint32_t>(n);
    return s;
}

std::string shard_text(const ShardSpec& s) { return std::to_string(s.index) + "/" + std::to_string(s.count); }

}  // namespace tcpflow
