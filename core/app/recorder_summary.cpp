// The report's run totals. With -j N each worker counts its own flows: the
// totals are sums over workers, so they equal -j 1's, except max_open_flows
// (the sum of each worker's peak: an upper bound of the run's peak) and the
// cap evictions, which each worker counts against its share of the caps.
#include "app/recorder.h"
#include "app/capture_stats_text.h"
#include "host/scanner_host.h"
#include "output/flow_file_writer.h"
#include "output/flow_pcap_writer.h"

namespace tcpflow {

namespace {

void add(FlowTableStats& t, const FlowTableStats& s) {
    t.segments += s.segments;
    t.attributed += s.attributed;
    t.ignored_no_flow += s.ignored_no_flow;
    t.ignored_new_under_R += s.ignored_new_under_R;
    t.late_retransmissions += s.late_retransmissions;
    t.flows_created += s.flows_created;
    t.max_open_flows += s.max_open_flows;
    t.evicted_flow_cap += s.evicted_flow_cap;
    t.pending_cap_flushes += s.pending_cap_flushes;
    t.pending_spills += s.pending_spills;
    t.timeouts += s.timeouts;
    t.jumps += s.jumps;
    t.new_syn_splits += s.new_syn_splits;
    t.syn_isn_changes += s.syn_isn_changes;
}

void add(FileWriterCounters& t, const FileWriterCounters& s) {
    t.files_created += s.files_created;
    t.fd_evictions += s.fd_evictions;
    t.reopenings += s.reopenings;
    t.forced_flushes += s.forced_flushes;
    t.bytes_written += s.bytes_written;
    t.bytes_past_limit += s.bytes_past_limit;
    t.write_calls += s.write_calls;
    t.max_open_files += s.max_open_files;
    t.bytes_spilled += s.bytes_spilled;
    t.bytes_read_back += s.bytes_read_back;
}

}  // namespace

RunSummary Recorder::summary() const {
    FlowTableStats ft{};
    FileWriterCounters fw{};
    uint64_t open_fds = 0, live_flows = 0, pcap_reopenings = 0;
    for (const auto& w : workers_) {
        add(ft, w->table().stats());
        if (const ScratchSpill* sc = w->table().scratch()) {  // counted with the flow files' spills
            fw.bytes_spilled += sc->bytes_spilled();
            fw.bytes_read_back += sc->bytes_read_back();
        }
        live_flows += w->table().live_flows();
        if (w->files()) {
            add(fw, w->files()->counters());
            open_fds += w->files()->open_files();
        }
        if (w->pcaps()) pcap_reopenings += w->pcaps()->reopenings();
    }
    RunSummary s;
    s.open_fds_at_end = open_fds;
    s.max_open_flows = ft.max_open_flows;
    s.total_flows = ft.flows_created;
    s.flow_map_size = live_flows;
    s.total_packets = ft.attributed;
    // Scanner results and faults in worker order (host_ is worker 0's).
    std::vector<const ScannerHost*> hosts;
    if (host_) hosts.push_back(host_);
    for (const auto& h : worker_hosts_) hosts.push_back(h.get());
    for (const ScannerHost* h : hosts) {
        s.summary_xml += h->summary_xml();
        s.scanner_faults.insert(s.scanner_faults.end(), h->failures().begin(), h->failures().end());
    }
    s.unprocessed_packets = {
        {"filtered_out", counters_.filtered_out}, {"not_ip", counters_.not_ip},
        {"not_tcp", counters_.not_tcp},           {"truncated", counters_.truncated},
        {"malformed", counters_.malformed},       {"unsupported_link", counters_.unsupported_link},
        {"no_flow", ft.ignored_no_flow},          {"late_retransmission", ft.late_retransmissions},
        {"new_flow_under_R", ft.ignored_new_under_R},
    };
    const DefragStats& df = decoder_.defrag_stats();
    const bool files = store_files_;
    s.cap_evictions = {
        {"max_flows", ft.evicted_flow_cap},
        {"max_pending_total", ft.pending_cap_flushes},
        {"open_files", files ? fw.fd_evictions : 0},
        {"open_pcaps", pcap_reopenings},
        {"max_buffered_bytes", files ? fw.forced_flushes : 0},
        {"fragments_evicted", df.evicted},
        {"fragments_timed_out", df.timed_out},
    };
    s.counters = {
        {"packets_read", counters_.read},
        {"tcp_segments", counters_.tcp},
        {"ip_fragments", df.fragments},
        {"datagrams_reassembled", df.reassembled},
        {"flows_closed_by_timeout", ft.timeouts},
        {"flows_split_by_jump", ft.jumps},
        {"out_of_order_spills", ft.pending_spills},
        {"bytes_spilled", fw.bytes_spilled},
        {"bytes_read_back", fw.bytes_read_back},
        {"flows_split_by_new_syn", ft.new_syn_splits},
        {"syn_isn_changes", ft.syn_isn_changes},
    };
    if (has_capture_stats_) s.capture_stats = capture_stat_counts(capture_stats_);
    s.error = first_error_;
    s.has_interruption = has_interruption_;
    s.interruption = interruption_;
    return s;
}

}  // namespace tcpflow
