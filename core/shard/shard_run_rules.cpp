#include "shard/shard_run_rules.h"
#include "host/scanner_host.h"

namespace tcpflow {

void apply_shard_rules(Options& opt, ScannerHost& host) {
    if (opt.shard_split && opt.shard.active()) throw UsageError("--shard-split and --shard cannot be combined");
    if (opt.shard_split && (opt.live || opt.inputs.empty()))
        throw UsageError("--shard-split reads capture files: give them with -r");
    if (!opt.shard.active()) return;
    // --merge reads each shard's report from its folder.
    if (!opt.report_path.empty()) throw UsageError("--shard writes its report into the -o folder for --merge: drop -X");
    if (opt.shard.keeps_packet_level()) return;
    opt.unprocessed_pcap.clear();
    for (const std::string& name : host.packet_scanners()) host.apply({EnableCommand::Kind::Disable, name});
}

}  // namespace tcpflow
