#include "shard/shard_split.h"
#include <cerrno>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <vector>
#include "app/exit_status.h"
#include "capture/pcap_writer.h"
#include "decode/decoder.h"
#include "flow/flow_bucket.h"
#include "output/output_dir.h"
#include "output/output_lock.h"
#include "shard/shard_set_check.h"

namespace tcpflow {

namespace {

struct HeldFrame {
    RawPacket raw;
    std::vector<uint8_t> bytes;
};

class Splitter {
public:
    Splitter(const Options& opt, const RunConfig& cfg)
        : n_(opt.shard_split), decoder_(cfg.defrag), max_held_bytes_(cfg.defrag.max_bytes),
          timeout_sec_(cfg.defrag.timeout_sec) {}

    /// The first input sets the files' link type and snaplen (what -w then
    /// copies into its header, as a run on the original input would).
    void open_files(OutputDir& dir, int dlt, uint32_t snaplen) {
        dlt_ = dlt;
        snaplen_ = snaplen ? snaplen : 262144;
        PcapWriterOptions o;
        o.nanosecond = true;           // every input's precision survives
        o.buffer_size = 32 * 1024;     // N writers at once: memory stays within N x 32 KiB
        for (uint32_t k = 0; k < n_; ++k) {
            const std::string name = split_file_name(k, n_);
            const int fd = dir.replace(name);
            if (fd < 0) throw std::runtime_error(output_error("cannot create", dir.path_of(name), errno));
            writers_.push_back(std::make_unique<PcapWriter>());
            writers_.back()->open(fd, dir.path_of(name), dlt, snaplen_, o);
        }
    }
    bool opened() const { return !writers_.empty(); }

    void packet(const RawPacket& p) {
        if (p.dlt != dlt_)
            throw std::runtime_error("--shard-split: the inputs mix link types " + std::to_string(dlt_) + " and " +
                                     std::to_string(p.dlt) + ": split them separately");
        if (p.caplen > snaplen_)
            throw std::runtime_error("--shard-split: a packet of " + std::to_string(p.caplen) +
                                     " bytes is longer than the first input's snaplen " + std::to_string(snaplen_) +
                                     ": split inputs of different snaplens separately");
        ++packets_;
        // A datagram the defragmenter drops now for its age leaves its frames in shard 0 here,
        // before this packet, where shard 0's run drops it too.
        while (!order_.empty() && datagram_expired(p.ts, held_[order_.front()].front().raw.ts, timeout_sec_))
            release(order_.front(), 0);
        TcpSegment seg;
        const uint64_t completed_before = decoder_.defrag_stats().reassembled;
        const DecodeStatus st = Decoder::supports_dlt(p.dlt)
                                    ? decoder_.decode(p.dlt, p.ts, p.data, p.caplen, p.wirelen, seg)
                                    : DecodeStatus::NotIp;
        FragmentKey key;
        const bool fragment = decoder_.last_fragment(key);
        const bool completed = decoder_.defrag_stats().reassembled != completed_before;
        // Held, or refused (an overlap...) while its datagram may still complete:
        // either way the frame stays with its datagram's other frames.
        if (fragment && !completed) {
            hold(key, p);
            return;
        }
        const uint32_t shard = st == DecodeStatus::Tcp ? flow_bucket(flow_key_of(seg), n_, BucketLevel::Shard) : 0;
        // The frames of a datagram this one completed go with it, in capture order.
        if (completed) release(key_text(key), shard);
        writers_[shard]->write(p);
    }

    void finish() {
        // Datagrams that never completed: no connection, so shard 0 (as --shard does).
        while (!order_.empty()) release(order_.front(), 0);
        for (auto& w : writers_) w->close();
    }
    uint64_t packets() const { return packets_; }

private:
    static std::string key_text(const FragmentKey& k) {
        std::string t(reinterpret_cast<const char*>(&k.family), 1);
        t.append(reinterpret_cast<const char*>(&k.proto), 1);
        t.append(reinterpret_cast<const char*>(&k.id), sizeof k.id);
        t.append(reinterpret_cast<const char*>(k.src), sizeof k.src);
        t.append(reinterpret_cast<const char*>(k.dst), sizeof k.dst);
        return t;
    }

    void hold(const FragmentKey& key, const RawPacket& p) {
        const std::string k = key_text(key);
        auto [it, fresh] = held_.try_emplace(k);
        if (fresh) order_.push_back(k);
        it->second.push_back({p, std::vector<uint8_t>(p.data, p.data + p.caplen)});
        it->second.back().raw.data = it->second.back().bytes.data();
        held_bytes_ += p.caplen;
        // Past the defragmenter's own budget it has dropped the oldest datagram too.
        while (held_bytes_ > max_held_bytes_ && !order_.empty()) release(order_.front(), 0);
    }

    void release(const std::string& k, uint32_t shard) {
        auto it = held_.find(k);
        if (it == held_.end()) return;
        for (const HeldFrame& f : it->second) {
            writers_[shard]->write(f.raw);
            held_bytes_ -= f.raw.caplen;
        }
        held_.erase(it);
        for (auto o = order_.begin(); o != order_.end(); ++o)
            if (*o == k) {
                order_.erase(o);
                break;
            }
    }

    uint32_t n_;
    int dlt_ = -1;
    uint32_t snaplen_ = 262144;
    Decoder decoder_;
    std::vector<std::unique_ptr<PcapWriter>> writers_;
    std::map<std::string, std::vector<HeldFrame>> held_;  // incomplete datagrams' frames
    std::deque<std::string> order_;                       // their keys, oldest first
    uint64_t held_bytes_ = 0;
    uint64_t max_held_bytes_;
    uint32_t timeout_sec_;
    uint64_t packets_ = 0;
};

}  // namespace

int run_shard_split(const Options& opt, const RunConfig& cfg) {
    if (opt.shard_split > kMaxSplitShards) {
        fprintf(stderr, "tcpflow: --shard-split %u: at most %u files at once\n", opt.shard_split, kMaxSplitShards);
        return kExitUsage;
    }
    if (!opt.filter.empty()) {
        fprintf(stderr, "tcpflow: --shard-split takes no filter expression: give it to the shard runs\n");
        return kExitUsage;
    }
    bool failed = false;
    try {
        OutputDir dir(opt.output.outdir);
        OutputLock lock(dir.fd(), opt.output.outdir);
        Splitter split(opt, cfg);
        for (const InputSpec& in : opt.inputs) {
            // A broken input is reported and what was read of it kept, as a run does.
            try {
                std::unique_ptr<PacketSource> src = open_capture_file(in.path);
                if (!split.opened()) split.open_files(dir, src->primary_dlt(), src->snaplen());
                RawPacket p;
                for (ReadStatus st; (st = src->read(p)) != ReadStatus::End;)
                    if (st == ReadStatus::Packet) split.packet(p);
            } catch (const CaptureError& e) {
                fprintf(stderr, "tcpflow: %s\n", e.what());
                failed = true;
            }
        }
        split.finish();
        if (!opt.quiet)
            fprintf(stderr, "tcpflow: split %llu packets into %u files in %s\n",
                    static_cast<unsigned long long>(split.packets()), opt.shard_split, opt.output.outdir.c_str());
    } catch (const std::exception& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitIoError;
    }
    return failed ? kExitIoError : kExitOk;
}

}  // namespace tcpflow
