#include "shard/shard_set_check.h"
#include <algorithm>
#include <sstream>

namespace tcpflow {

std::string split_file_name(uint32_t index, uint32_t count) {
    return "shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".pcap";
}

namespace {

// Options whose value names this shard's own output (the value follows, or is glued on).
bool per_shard_option(const std::string& t, bool& takes_next) {
    takes_next = false;
    if (t == "--shard" || t == "-o" || t == "-w" || t == "-X") return takes_next = true;
    if (t.rfind("--shard=", 0) == 0) return true;
    return t.size() > 2 && t[0] == '-' && t[1] != '-' && (t[1] == 'o' || t[1] == 'w' || t[1] == 'X');
}

}  // namespace

std::string shard_invariant_command(const ShardReport& r, bool& split) {
    std::istringstream words(r.command_line);
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) tokens.push_back(w);
    const std::string own = split_file_name(r.shard.index, r.shard.count);
    const std::string any = "shard-*-of-" + std::to_string(r.shard.count) + ".pcap";
    std::string out;
    for (size_t i = 1; i < tokens.size(); ++i) {  // argv[0]: the program may sit elsewhere on each node
        bool takes_next;
        if (per_shard_option(tokens[i], takes_next)) {
            i += takes_next;
            continue;
        }
        std::string t = tokens[i];
        const size_t base = t.rfind('/') == std::string::npos ? 0 : t.rfind('/') + 1;
        if (t.compare(base, std::string::npos, own) == 0) {
            t = t.substr(0, base) + any;
            split = true;
        }
        out += (out.empty() ? "" : " ") + t;
    }
    return out;
}

std::vector<ShardReport> check_shard_set(std::vector<ShardReport> reports, bool force, ShardInputs& inputs) {
    if (reports.empty()) throw ShardMergeError("no shard folders given");
    const uint32_t n = reports[0].shard.count;
    std::vector<const ShardReport*> by_index(n, nullptr);
    for (const ShardReport& r : reports) {
        if (r.shard.count != n)
            throw ShardMergeError("shards of different runs: " + r.dir + " is shard " + shard_text(r.shard) + " but " +
                                  reports[0].dir + " is shard " + shard_text(reports[0].shard));
        const ShardReport*& slot = by_index[r.shard.index];
        if (slot)
            throw ShardMergeError("shard " + shard_text(r.shard) + " given twice: " + slot->dir + " and " + r.dir);
        slot = &r;
        if (r.outdir == ".")
            throw ShardMergeError(r.dir + ": the shard ran with -o . (its report names files without a folder): run shards with -o DIR");
        if (r.interrupted && !force)
            throw ShardMergeError(r.dir + ": shard " + shard_text(r.shard) +
                                  " did not finish cleanly (its report has <interrupted> or <run_error>): run it again, or merge anyway with --force");
    }
    std::string missing;
    for (uint32_t k = 0; k < n; ++k)
        if (!by_index[k]) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
    if (!missing.empty())
        throw ShardMergeError("missing shard" + std::string(missing.find(',') == std::string::npos ? " " : "s ") + missing +
                              " of " + std::to_string(n) + " (indices count from 0)");

    bool split = false;
    const std::string first = shard_invariant_command(*by_index[0], split);
    for (uint32_t k = 1; k < n; ++k) {
        const std::string other = shard_invariant_command(*by_index[k], split);
        if (other != first)
            throw ShardMergeError("shards " + by_index[0]->dir + " and " + by_index[k]->dir +
                                  " were run with different inputs or options: '" + first + "' vs '" + other + "'");
    }
    inputs = split ? ShardInputs::Split : ShardInputs::Whole;
    std::vector<ShardReport> ordered;
    for (const ShardReport* r : by_index) ordered.push_back(*r);
    return ordered;
}

}  // namespace tcpflow
