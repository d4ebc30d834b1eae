#include "output/dfxml_report.h"
#include <boost/version.hpp>
#include <chrono>
#include <cstring>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "flow/connection_id.h"
#include "output/flow_namer.h"
#include "output/number_format.h"
#include "output/run_configuration_xml.h"
#include "output/xml_fragment_check.h"
#include "output/xml_writer.h"
#include "util/timestamp.h"

namespace tcpflow {

namespace {

// The attributes tcpflow itself puts on <tcpflow>; a scanner may not repeat them.
const std::vector<std::string_view> kTcpflowAttributes = {
    "startime", "endtime", "mac_daddr", "mac_saddr", "family", "src_ipn", "dst_ipn",
    "srcport", "dstport", "packets", "out_of_order_count", "violations", "len", "caplen", "connection_id"};

/// __DATE__ "Nov 26 2026" + __TIME__ "13:07:42" -> "2026-11-26T13:07:42".
std::string compile_time() {
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const char* d = __DATE__;
    int month = static_cast<int>((std::strstr(months, std::string(d, 3).c_str()) - months) / 3) + 1;
    std::string out(d + 7, 4);
    out += '-';
    append_zero_padded(out, static_cast<uint64_t>(month), 2);
    out += '-';
    append_zero_padded(out, static_cast<uint64_t>(d[4] == ' ' ? d[5] - '0' : (d[4] - '0') * 10 + d[5] - '0'), 2);
    out += 'T';
    out += __TIME__;
    return out;
}

std::string seconds_usec(int64_t sec, int64_t usec) {
    std::string out;
    append_signed_decimal(out, sec);
    out += '.';
    append_zero_padded(out, static_cast<uint64_t>(usec), 6);
    return out;
}

std::string user_name(uid_t uid) {
    struct passwd pw, *found = nullptr;
    char buf[4096];
    if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) != 0 || !found) return "";
    return found->pw_name;
}

std::string mac_text(const uint8_t* mac) {
    std::string out;
    append_mac(out, mac);
    return out;
}

bool is_zero_mac(const uint8_t* mac) {
    static const uint8_t zero[6] = {};
    return std::memcmp(mac, zero, 6) == 0;
}

bool closed_abnormally(CloseReason r) {
    return r == CloseReason::Timeout || r == CloseReason::Jump || r == CloseReason::NewSyn ||
           r == CloseReason::Evicted;
}

}  // namespace

DfxmlReport::DfxmlReport(const std::string& path, const ReportSetup& setup)
    : out_(new XmlWriter(path)), flush_interval_ms_(setup.flush_interval_ms) {
    clock_gettime(CLOCK_MONOTONIC, &started_);
    write_header(setup);
}

DfxmlReport::DfxmlReport(int fd, const std::string& name, const ReportSetup& setup)
    : out_(new XmlWriter(fd, name)), flush_interval_ms_(setup.flush_interval_ms) {
    clock_gettime(CLOCK_MONOTONIC, &started_);
    write_header(setup);
}

DfxmlReport::~DfxmlReport() {
    if (finished_) return;
    try {
        finish(RunSummary());
    } catch (const std::exception&) {
        // Nothing to report to from a destructor; the file is as complete as the disk allowed.
    }
}

void DfxmlReport::write_header(const ReportSetup& setup) {
    XmlWriter& w = *out_;
    w.raw("<?xml version='1.0' encoding='UTF-8'?>\n"
          "<dfxml xmloutputversion='1.0'>\n"
          "  <metadata \n"
          "  xmlns='http://afflib.org/tcpflow/' \n"
          "  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' \n"
          "  xmlns:dc='http://purl.org/dc/elements/1.1/'>\n"
          "    <dc:type>Feature Extraction</dc:type>\n"
          "  </metadata>\n"
          "  <creator version='1.0'>\n"
          "    <program>TCPFLOW</program>\n"
          "    ");
    w.element("version", setup.build.version).raw("\n");
    write_build_environment(setup.build);
    write_execution_environment(setup.command_line);
    if (!setup.shard_xml.empty()) w.raw("    ").raw(setup.shard_xml).raw("\n");
    w.raw("  </creator>\n"
          "  <configuration>\n");
    write_run_configuration(w, setup.run);
    w.raw("  </configuration>\n"
          "  <tdelta>");
    w.signed_number(setup.tdelta).raw("</tdelta>\n  <configuration>\n");
    // The header goes out at once: a run killed before its first flush still leaves a report.
    w.mark();
    w.flush_records();
}

void DfxmlReport::write_build_environment(const BuildInfo& b) {
    XmlWriter& w = *out_;
    w.raw("    <build_environment>\n      ");
    w.element("compiler", b.compiler.empty() ? std::string(__VERSION__) : b.compiler).raw("\n      ");
    w.element("CPPFLAGS", b.cppflags).raw("\n      ");
    w.element("CFLAGS", b.cflags).raw("\n      ");
    w.element("CXXFLAGS", b.cxxflags).raw("\n      ");
    w.element("LDFLAGS", b.ldflags).raw("\n      ");
    w.element("LIBS", b.libs).raw("\n      ");
    w.element("compilation_date", b.compilation_date.empty() ? compile_time() : b.compilation_date);
    w.raw("\n      <library name=\"boost\" version=\"").number(BOOST_VERSION).raw("\"/>\n");
    w.raw("    </build_environment>\n");
}

void DfxmlReport::write_execution_environment(const std::string& command_line) {
    XmlWriter& w = *out_;
    struct utsname u;
    if (uname(&u) != 0) std::memset(&u, 0, sizeof u);
    w.raw("    <execution_environment>\n      ");
    w.element("os_sysname", u.sysname).raw("\n      ");
    w.element("os_release", u.release).raw("\n      ");
    w.element("os_version", u.version).raw("\n      ");
    w.element("host", u.nodename).raw("\n      ");
    w.element("arch", u.machine).raw("\n      ");
    w.element("command_line", command_line).raw("\n      ");
    w.element("uid", static_cast<uint64_t>(getuid())).raw("\n      ");
    w.element("username", user_name(getuid())).raw("\n      ");
    w.element("start_time", iso8601_sec(static_cast<int64_t>(time(nullptr)))).raw("\n");
    w.raw("    </execution_environment>\n");
}

template <class Step>
void DfxmlReport::guarded(Step&& step) {
    try {
        step();
    } catch (...) {
        // The file already ends at its last whole record (XmlWriter cut it back).
        failed_ = true;
        out_->abandon();
        throw;
    }
}

void DfxmlReport::on_close(FlowInfo& flow) {
    std::lock_guard<std::timed_mutex> lock(mu_);
    if (finished_ || failed_) return;
    guarded([&] { write_record(flow); });
}

void DfxmlReport::flush_aged(uint64_t now_ms) {
    std::lock_guard<std::timed_mutex> lock(mu_);
    now_ms_ = now_ms;
    if (!waiting_ || failed_ || finished_ || now_ms - waiting_since_ms_ < flush_interval_ms_) return;
    waiting_ = false;
    guarded([&] { out_->flush_records(); });
}

void DfxmlReport::write_record(const FlowInfo& flow) {
    XmlWriter& w = *out_;
    w.raw("    <fileobject>\n");
    if (!flow.path.empty()) w.raw("      ").element("filename", flow.path).raw("\n");
    w.raw("      ").element("filesize", flow.logical_size).raw("\n");
    write_tcpflow_element(flow);
    if (!flow.xml_annotations.empty()) write_fragment(flow.xml_annotations.str());
    write_reassembly(flow);
    w.raw("    </fileobject>\n");
    w.mark();
    ++fileobjects_;
    if (flush_interval_ms_ == 0) {
        w.flush_records();
    } else if (!waiting_) {
        waiting_ = true;
        waiting_since_ms_ = now_ms_;
    }
}

void DfxmlReport::write_tcpflow_element(const FlowInfo& flow) {
    XmlWriter& w = *out_;
    const FlowKey& k = flow.key;
    w.raw("      <tcpflow");
    w.attr("startime", utc_usec(flow.first_ts));
    w.attr("endtime", utc_usec(flow.last_ts));
    if (flow.has_mac && !is_zero_mac(flow.mac_dst)) w.attr("mac_daddr", mac_text(flow.mac_dst));
    if (flow.has_mac && !is_zero_mac(flow.mac_src)) w.attr("mac_saddr", mac_text(flow.mac_src));
    w.attr("family", static_cast<uint64_t>(k.family == 6 ? AF_INET6 : AF_INET));
    w.attr("src_ipn", format_plain_address(k.family, k.src));
    w.attr("dst_ipn", format_plain_address(k.family, k.dst));
    w.attr("srcport", k.sport);
    w.attr("dstport", k.dport);
    w.attr("packets", flow.packets);
    if (flow.reassembly && flow.reassembly->out_of_order_count)
        w.attr("out_of_order_count", flow.reassembly->out_of_order_count);
    if (flow.reassembly && flow.reassembly->violations) w.attr("violations", flow.reassembly->violations);
    w.attr("len", flow.wire_bytes);
    if (flow.cap_bytes != flow.wire_bytes) w.attr("caplen", flow.cap_bytes);
    w.attr("connection_id", connection_id_text(flow.connection_id));
    const std::string& attrs = flow.xml_attributes.str();
    bool attrs_ok = is_attribute_list(attrs, kTcpflowAttributes);
    if (!attrs.empty() && attrs_ok) w.raw(" ").raw_sanitized(attrs);
    w.raw(" />\n");
    if (!attrs_ok) w.raw("      ").element("invalid_annotation", attrs).raw("\n");
}

const std::string& DfxmlReport::utc_usec(const Timestamp& t) {
    if (t.sec != cached_sec_) {
        cached_sec_ = t.sec;
        cached_date_ = iso8601_sec(t.sec);
        cached_date_.pop_back();  // the 'Z'
    }
    time_text_ = cached_date_;
    time_text_ += '.';
    append_zero_padded(time_text_, t.nsec / 1000, 6);
    time_text_ += 'Z';
    return time_text_;
}

void DfxmlReport::write_fragment(const std::string& xml) {
    XmlWriter& w = *out_;
    if (is_well_formed_fragment(xml)) {
        w.raw_sanitized(xml);
        if (xml.back() != '\n') w.raw("\n");
    } else {
        w.raw("      ").element("invalid_annotation", xml).raw("\n");
    }
}

void DfxmlReport::write_reassembly(const FlowInfo& flow) {
    static const ReassemblyStats none;
    const ReassemblyStats& s = flow.reassembly ? *flow.reassembly : none;
    bool cut_by_limit = !flow.path.empty() && flow.stored_bytes + s.gap_bytes < flow.logical_size;
    if (!s.duplicate_bytes && !s.overlap_conflicts && !s.gap_bytes && !s.forced_gaps && s.gaps.empty() &&
        !cut_by_limit && !flow.file_truncated && !closed_abnormally(flow.close_reason))
        return;
    XmlWriter& w = *out_;
    w.raw("      <reassembly");
    w.attr("close_reason", close_reason_name(flow.close_reason));
    if (s.duplicate_bytes) w.attr("duplicate_bytes", s.duplicate_bytes);
    if (s.overlap_conflicts) w.attr("overlap_conflicts", s.overlap_conflicts);
    if (s.gap_bytes) w.attr("gap_bytes", s.gap_bytes);
    if (s.forced_gaps) w.attr("forced_gaps", s.forced_gaps);
    if (cut_by_limit || flow.file_truncated) w.attr("stored_bytes", flow.stored_bytes);
    if (flow.file_truncated) w.attr("truncated", "1");
    if (s.gaps.empty()) {
        w.raw("/>\n");
        return;
    }
    w.raw(">\n");
    for (const GapRecord& g : s.gaps) {
        w.raw("        <gap").attr("offset", g.offset).attr("length", g.length).raw("/>\n");
    }
    w.raw("      </reassembly>\n");
}

void DfxmlReport::write_counts(const char* outer, const char* inner, const char* key,
                               const std::vector<NamedCount>& v) {
    if (v.empty()) return;
    XmlWriter& w = *out_;
    w.raw("  <").raw(outer).raw(">\n");
    for (const NamedCount& c : v) {
        w.raw("    <").raw(inner).attr(key, c.name).raw(">").number(c.value);
        w.raw("</").raw(inner).raw(">\n");
    }
    w.raw("  </").raw(outer).raw(">\n");
}

bool DfxmlReport::finish_forced(const Interruption& why, int wait_ms) {
    std::unique_lock<std::timed_mutex> lock(mu_, std::chrono::milliseconds(wait_ms));
    if (!lock.owns_lock()) return false;
    if (finished_) return true;
    finished_ = true;
    if (failed_) return true;  // cut back to its last whole record already; nothing more can be written
    out_->raw("  </configuration>\n");
    write_interruption(why);
    out_->raw("</dfxml>\n");
    out_->close();
    return true;
}

void DfxmlReport::finish(const RunSummary& s) {
    std::lock_guard<std::timed_mutex> lock(mu_);
    if (finished_) return;
    finished_ = true;  // even if a write fails below, a second attempt would only repeat the error
    if (failed_) return;  // the report stopped at its last whole record; the error was reported
    guarded([&] { write_summary(s); });
}

void DfxmlReport::write_summary(const RunSummary& s) {
    XmlWriter& w = *out_;
    w.raw("  </configuration>\n");
    if (s.summary_xml.empty()) {
        w.raw("  <summary />\n");
    } else if (is_well_formed_fragment(s.summary_xml)) {
        w.raw("  <summary>").raw_sanitized(s.summary_xml).raw("</summary>\n");
    } else {
        w.raw("  <summary>").element("invalid_annotation", s.summary_xml).raw("</summary>\n");
    }
    w.raw("  ").element("open_fds_at_end", s.open_fds_at_end).raw("\n");
    w.raw("  ").element("max_open_flows", s.max_open_flows).raw("\n");
    w.raw("  ").element("total_flows", s.total_flows).raw("\n");
    w.raw("  ").element("flow_map_size", s.flow_map_size).raw("\n");
    w.raw("  ").element("total_packets", s.total_packets).raw("\n");
    write_counts("packets_not_processed", "packets", "reason", s.unprocessed_packets);
    write_counts("cap_evictions", "evictions", "cap", s.cap_evictions);
    write_counts("run_counters", "counter", "name", s.counters);
    if (!s.error.empty()) w.raw("  ").element("run_error", s.error).raw("\n");
    if (s.has_interruption) write_interruption(s.interruption);
    write_scanner_faults(s.scanner_faults);
    write_counts("capture_stats", "stat", "name", s.capture_stats);
    write_rusage();
    w.raw("</dfxml>\n");
    w.close();
}

void DfxmlReport::write_interruption(const Interruption& i) {
    XmlWriter& w = *out_;
    w.raw("  <interrupted").attr("signal", i.signal).attr("forced", static_cast<uint64_t>(i.forced ? 1 : 0));
    w.attr("packets_read", i.packets_read).attr("input", i.input).attr("input_offset", i.input_offset);
    w.raw("/>\n");
}

void DfxmlReport::write_scanner_faults(const std::vector<ScannerFault>& faults) {
    if (faults.empty()) return;
    XmlWriter& w = *out_;
    w.raw("  <scanner_faults>\n");
    for (const ScannerFault& f : faults) {
        w.raw("    <fault").attr("scanner", f.scanner).attr("event", f.event);
        if (!f.flow.empty()) w.attr("flow", f.flow);
        w.raw(">").text(f.message).raw("</fault>\n");
    }
    w.raw("  </scanner_faults>\n");
}

void DfxmlReport::write_rusage() {
    XmlWriter& w = *out_;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) std::memset(&ru, 0, sizeof ru);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t elapsed_ns = (static_cast<int64_t>(now.tv_sec) - started_.tv_sec) * 1000000000 +
                         (now.tv_nsec - started_.tv_nsec);
    w.raw("  <rusage>\n    ");
    w.element("utime", seconds_usec(ru.ru_utime.tv_sec, ru.ru_utime.tv_usec)).raw("\n    ");
    w.element("stime", seconds_usec(ru.ru_stime.tv_sec, ru.ru_stime.tv_usec)).raw("\n    ");
    w.element("maxrss", static_cast<uint64_t>(ru.ru_maxrss)).raw("\n    ");
    w.element("minflt", static_cast<uint64_t>(ru.ru_minflt)).raw("\n    ");
    w.element("majflt", static_cast<uint64_t>(ru.ru_majflt)).raw("\n    ");
    w.element("nswap", static_cast<uint64_t>(ru.ru_nswap)).raw("\n    ");
    w.element("inblock", static_cast<uint64_t>(ru.ru_inblock)).raw("\n    ");
    w.element("oublock", static_cast<uint64_t>(ru.ru_oublock)).raw("\n    ");
    w.element("clocktime", seconds_usec(elapsed_ns / 1000000000, elapsed_ns % 1000000000 / 1000)).raw("\n");
    w.raw("  </rusage>\n");
}

}  // namespace tcpflow
