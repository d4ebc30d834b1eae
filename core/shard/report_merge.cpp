#include "shard/report_merge.h"
#include <algorithm>
#include <cinttypes>
#include <set>
#include "host/xml_text.h"

namespace tcpflow {

namespace {

// Counted from every packet read, before the shard decision (see shard_filter.h).
const std::set<std::string> kPerInput = {
    "packets_read",     "tcp_segments",   "ip_fragments", "datagrams_reassembled", "filtered_out", "not_ip",
    "not_tcp",          "truncated",      "malformed",    "unsupported_link",      "fragments_evicted",
    "fragments_timed_out",
};

using Pick = Counts ShardReport::*;

Counts merge_counts(const std::vector<ShardReport>& shards, Pick pick, ShardInputs inputs, const char* block) {
    Counts merged = shards[0].*pick;
    for (size_t s = 1; s < shards.size(); ++s) {
        const Counts& c = shards[s].*pick;
        for (const auto& entry : c) {
            const auto& name = entry.first;  // a plain reference: C++17 lambdas cannot capture a structured binding
            const auto value = entry.second;
            auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == name; });
            if (it == merged.end()) {
                merged.emplace_back(name, value);
                continue;
            }
            if (!kPerInput.count(name) || inputs == ShardInputs::Split) {
                it->second += value;
            } else if (it->second != value) {
                throw ShardMergeError("shards read different input: " + std::string(block) + " " + name + " is " +
                                      std::to_string(it->second) + " in " + shards[0].dir + " but " +
                                      std::to_string(value) + " in " + shards[s].dir);
            }
        }
    }
    return merged;
}

void write_counts(FILE* out, const char* outer, const char* inner, const char* key, const Counts& c) {
    if (c.empty()) return;
    fprintf(out, "  <%s>\n", outer);
    for (const auto& [name, value] : c)
        fprintf(out, "    <%s%s>%" PRIu64 "</%s>\n", inner, xml_attribute(key, name).c_str(), value, inner);
    fprintf(out, "  </%s>\n", outer);
}

void write_rusage(FILE* out, const std::vector<ShardReport>& shards) {
    fputs("  <rusage>\n", out);
    for (const auto& [tag, v0] : shards[0].rusage_time) {
        double v = 0;
        for (const ShardReport& r : shards)
            for (const auto& [t, x] : r.rusage_time)
                if (t == tag) v = tag == "clocktime" ? std::max(v, x) : v + x;
        fprintf(out, "    <%s>%.6f</%s>\n", tag.c_str(), v, tag.c_str());
    }
    for (const auto& [tag, v0] : shards[0].rusage_int) {
        uint64_t v = 0;
        for (const ShardReport& r : shards)
            for (const auto& [t, x] : r.rusage_int)
                if (t == tag) v = tag == "maxrss" ? std::max(v, x) : v + x;
        fprintf(out, "    <%s>%" PRIu64 "</%s>\n", tag.c_str(), v, tag.c_str());
    }
    fputs("  </rusage>\n", out);
}

void write_header(FILE* out, const std::vector<ShardReport>& shards, ShardInputs inputs) {
    for (const std::string& line : shards[0].header) {
        if (line == "  </creator>") {
            // Where a single shard's <shard> element was: the whole set.
            fprintf(out, "    <merged_shards count='%u' inputs='%s'>\n", shards[0].shard.count,
                    inputs == ShardInputs::Split ? "split" : "whole");
            for (const ShardReport& r : shards)
                fprintf(out, "      <shard%s%s%s%s%s/>\n", xml_attribute("index", std::to_string(r.shard.index)).c_str(),
                        xml_attribute("count", std::to_string(r.shard.count)).c_str(),
                        xml_attribute("dir", r.dir).c_str(), xml_attribute("records", std::to_string(r.records)).c_str(),
                        xml_attribute("command_line", r.command_line).c_str());
            fputs("    </merged_shards>\n", out);
        }
        fputs(line.c_str(), out);
        fputc('\n', out);
    }
}

}  // namespace

void write_merged_report(const std::vector<ShardReport>& shards, ShardInputs inputs, const std::string& merged_outdir,
                         FILE* out) {
    // Everything that can refuse the set is computed before the first byte.
    const Counts totals = merge_counts(shards, &ShardReport::totals, inputs, "");
    const Counts unprocessed = merge_counts(shards, &ShardReport::unprocessed, inputs, "packets_not_processed");
    const Counts evictions = merge_counts(shards, &ShardReport::evictions, inputs, "cap_evictions");
    const Counts counters = merge_counts(shards, &ShardReport::counters, inputs, "run_counters");

    write_header(out, shards, inputs);
    for (const ShardReport& r : shards) copy_shard_records(r, merged_outdir, out);
    fputs("  </configuration>\n", out);
    // Run-wide scanner results, side by side: packet-level scanners (netviz) ran in shard 0 only.
    std::string summary;
    for (const ShardReport& r : shards) summary += rewrite_paths(r.summary, r, merged_outdir);
    if (summary.empty()) fputs("  <summary />\n", out);
    else fprintf(out, "  <summary>%s</summary>\n", summary.c_str());
    for (const auto& [name, value] : totals) fprintf(out, "  <%s>%" PRIu64 "</%s>\n", name.c_str(), value, name.c_str());
    write_counts(out, "packets_not_processed", "packets", "reason", unprocessed);
    write_counts(out, "cap_evictions", "evictions", "cap", evictions);
    write_counts(out, "run_counters", "counter", "name", counters);
    // Merged with --force: each shard's own trouble, as it reported it.
    for (const ShardReport& r : shards)
        for (const std::string& line : r.problem_lines) fprintf(out, "%s\n", line.c_str());
    // Totals this merge does not know how to add up: shard 0's, said so once.
    for (const std::string& line : shards[0].other_lines) fprintf(out, "%s\n", rewrite_paths(line, shards[0], merged_outdir).c_str());
    if (!shards[0].other_lines.empty())
        fprintf(stderr, "tcpflow: --merge: %zu report line(s) after the totals are not known to the merge: shard 0's kept as is\n",
                shards[0].other_lines.size());
    // A live capture's kernel counters: every shard captured the same traffic.
    write_counts(out, "capture_stats", "stat", "name", shards[0].capture_stats);
    write_rusage(out, shards);
    fputs("</dfxml>\n", out);
}

}  // namespace tcpflow
