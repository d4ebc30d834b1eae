#include "output/json_flow_log.h"
#include <algorithm>
#include <numeric>
#include "flow/connection_id.h"
#include "output/dfxml_report.h"
#include "output/flow_namer.h"
#include "output/json_line_file.h"
#include "output/json_writer.h"
#include "output/number_format.h"
#include "output/xml_fragment_check.h"
#include "output/xml_fragment_tree.h"
#include "util/timestamp.h"

namespace tcpflow {

namespace {

bool is_zero_mac(const uint8_t* mac) {
    static const uint8_t zero[6] = {};
    return std::equal(mac, mac + 6, zero);
}

std::string mac_text(const uint8_t* mac) {
    std::string out;
    append_mac(out, mac);
    return out;
}

/// Attribute values stay strings: XML does not type them, and "00080" must not become 80.
void write_attributes(JsonWriter& w, const XmlAttributes& attrs) {
    w.begin_object();
    for (const auto& [name, value] : attrs) w.member(name, value);
    w.end_object();
}

/// {"element":..., "attributes":{...}, "text":..., "children":[...]}: any scanner's element.
void write_element(JsonWriter& w, const XmlNode& n) {
    w.begin_object().member("element", n.name);
    if (!n.attributes.empty()) write_attributes(w.key("attributes"), n.attributes);
    if (!n.text.empty()) w.member("text", n.text);
    if (!n.children.empty()) {
        w.key("children").begin_array();
        for (const XmlNode& c : n.children) write_element(w, c);
        w.end_array();
    }
    w.end_object();
}

const std::string* attribute(const XmlAttributes& attrs, const char* name) {
    for (const auto& [n, v] : attrs)
        if (n == name) return &v;
    return nullptr;
}

/// The host's <byte_runs><byte_run file_offset=><fileobject ...><filename/><filesize/>...:
/// the derived objects (HTTP bodies...), as {"file","size","offset","attributes","annotations"}.
void write_objects(JsonWriter& w, const XmlNode& byte_runs) {
    for (const XmlNode& run : byte_runs.children) {
        for (const XmlNode& fo : run.children) {
            if (fo.name != "fileobject") continue;
            w.begin_object();
            std::vector<const XmlNode*> rest;
            for (const XmlNode& c : fo.children) {
                if (c.name == "filename") w.member("file", c.text);
                else if (c.name == "filesize") w.key("size").number(strtoull(c.text.c_str(), nullptr, 10));
                else rest.push_back(&c);
            }
            if (const std::string* off = attribute(run.attributes, "file_offset"))
                w.key("offset").number(strtoull(off->c_str(), nullptr, 10));
            if (!fo.attributes.empty()) write_attributes(w.key("attributes"), fo.attributes);
            if (!rest.empty()) {
                w.key("annotations").begin_array();
                for (const XmlNode* c : rest) write_element(w, *c);
                w.end_array();
            }
            w.end_object();
        }
    }
}

/// The report's rule: what report.xml would keep as <invalid_annotation> stays text here too.
void write_annotations(JsonWriter& w, const FlowInfo& flow) {
    const std::string& attrs = flow.xml_attributes.str();
    const std::string& annotations = flow.xml_annotations.str();
    if (!attrs.empty()) {
        if (is_attribute_list(attrs, {}))
            write_attributes(w.key("attributes"), parse_xml_attributes(attrs));
        else
            w.member("invalid_attributes", attrs);
    }
    if (annotations.empty()) return;
    if (!is_well_formed_fragment(annotations)) {
        w.member("invalid_annotation", annotations);
        return;
    }
    const std::vector<XmlNode> nodes = parse_xml_fragment(annotations);
    bool any_plain = false, any_objects = false;
    for (const XmlNode& n : nodes) (n.name == "byte_runs" ? any_objects : any_plain) = true;
    if (any_plain) {
        w.key("annotations").begin_array();
        for (const XmlNode& n : nodes)
            if (n.name != "byte_runs") write_element(w, n);
        w.end_array();
    }
    if (any_objects) {
        w.key("objects").begin_array();
        for (const XmlNode& n : nodes)
            if (n.name == "byte_runs") write_objects(w, n);
        w.end_array();
    }
}

void write_counts(JsonWriter& w, const char* name, const std::vector<NamedCount>& v) {
    if (v.empty()) return;
    w.key(name).begin_object();
    for (const NamedCount& c : v) w.member(c.name, c.value);
    w.end_object();
}

}  // namespace

std::string json_direction(const FlowInfo& flow) {
    std::string out;
    JsonWriter w(out);
    const FlowKey& k = flow.key;
    w.begin_object();
    w.member("src", format_plain_address(k.family, k.src));
    w.member("dst", format_plain_address(k.family, k.dst));
    w.member("sport", uint64_t(k.sport)).member("dport", uint64_t(k.dport));
    w.member("family", uint64_t(k.family));
    if (k.has_vlan) w.member("vlan", uint64_t(k.vlan));
    if (flow.has_mac && !is_zero_mac(flow.mac_src)) w.member("mac_src", mac_text(flow.mac_src));
    if (flow.has_mac && !is_zero_mac(flow.mac_dst)) w.member("mac_dst", mac_text(flow.mac_dst));
    w.member("start", iso8601_usec(flow.first_ts)).member("end", iso8601_usec(flow.last_ts));
    w.key("syn").boolean(flow.saw_syn);
    w.member("packets", flow.packets).member("wire_bytes", flow.wire_bytes).member("captured_bytes", flow.cap_bytes);
    w.member("stream_bytes", flow.logical_size);
    if (!flow.path.empty()) {
        w.member("file", flow.path).member("stored_bytes", flow.stored_bytes);
        if (flow.file_truncated) w.key("file_truncated").boolean(true);
    }
    w.member("close_reason", close_reason_name(flow.close_reason));
    if (const ReassemblyStats* s = flow.reassembly) {
        w.member("out_of_order_count", s->out_of_order_count).member("duplicate_bytes", s->duplicate_bytes);
        w.member("overlap_conflicts", s->overlap_conflicts).member("violations", s->violations);
        w.member("gap_bytes", s->gap_bytes).member("forced_gaps", s->forced_gaps);
        w.key("gaps").begin_array();
        for (const GapRecord& g : s->gaps) w.begin_object().member("offset", g.offset).member("length", g.length).end_object();
        w.end_array();
    }
    write_annotations(w, flow);
    w.end_object();
    return out;
}

JsonFlowLog::JsonFlowLog(std::shared_ptr<JsonLineFile> out) : out_(std::move(out)) {}

void JsonFlowLog::on_open(FlowInfo& flow) {
    Connection& c = open_[flow.session_id];
    c.id = flow.connection_id;
    ++c.open;
}

void JsonFlowLog::on_close(FlowInfo& flow) {
    auto it = open_.find(flow.session_id);
    if (it == open_.end()) return;  // opened before this sink existed
    Connection& c = it->second;
    c.directions.push_back(json_direction(flow));
    c.flow_ids.push_back(flow.flow_id);
    if (--c.open > 0) return;
    Connection done = std::move(c);
    open_.erase(it);
    emit(done);
}

void JsonFlowLog::on_end_of_run() {
    for (auto& [session, c] : open_)
        if (!c.directions.empty()) emit(c);
    open_.clear();
}

void JsonFlowLog::emit(Connection& c) {
    // Directions in the order they were created: the first is the one that opened the connection.
    std::vector<size_t> order(c.directions.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return c.flow_ids[a] < c.flow_ids[b]; });
    std::string line;
    JsonWriter w(line);
    w.begin_object().member("type", "connection").member("id", connection_id_text(c.id));
    w.key("directions").begin_array();
    for (size_t i : order) w.raw_value(c.directions[i]);
    w.end_array().end_object();
    out_->append_line(line);
}

std::string json_summary_line(const RunSummary& s, uint64_t connections) {
    std::string line;
    JsonWriter w(line);
    w.begin_object().member("type", "summary").member("connections", connections);
    w.member("total_flows", s.total_flows).member("total_packets", s.total_packets);
    w.member("max_open_flows", s.max_open_flows).member("flow_map_size", s.flow_map_size);
    w.member("open_fds_at_end", s.open_fds_at_end);
    write_counts(w, "packets_not_processed", s.unprocessed_packets);
    write_counts(w, "cap_evictions", s.cap_evictions);
    write_counts(w, "run_counters", s.counters);
    write_counts(w, "capture_stats", s.capture_stats);
    if (!s.error.empty()) w.member("run_error", s.error);
    if (s.has_interruption) {
        const Interruption& i = s.interruption;
        w.key("interrupted").begin_object().member("signal", i.signal).key("forced").boolean(i.forced);
        w.member("packets_read", i.packets_read).member("input", i.input).member("input_offset", i.input_offset);
        w.end_object();
    }
    if (!s.scanner_faults.empty()) {
        w.key("scanner_faults").begin_array();
        for (const ScannerFault& f : s.scanner_faults) {
            w.begin_object().member("scanner", f.scanner).member("event", f.event);
            if (!f.flow.empty()) w.member("flow", f.flow);
            w.member("message", f.message).end_object();
        }
        w.end_array();
    }
    if (!s.summary_xml.empty()) {
        if (is_well_formed_fragment(s.summary_xml)) {
            w.key("scanner_summary").begin_array();
            for (const XmlNode& n : parse_xml_fragment(s.summary_xml)) write_element(w, n);
            w.end_array();
        } else {
            w.member("invalid_annotation", s.summary_xml);
        }
    }
    w.end_object();
    return line;
}

}  // namespace tcpflow
