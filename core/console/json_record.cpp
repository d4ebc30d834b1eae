#include "console/json_record.h"
#include <cstdio>
#include <ctime>
#include "console/base64.h"
#include "output/flow_namer.h"

namespace tcpflow {

namespace {

void append_uint(std::string& out, uint64_t v) {
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(v));
    out.append(buf, static_cast<size_t>(n));
}

// Same spelling as iso8601_usec(), formatted in place: this runs once per chunk
// and should not allocate.
void append_timestamp(std::string& out, const Timestamp& t) {
    time_t sec = static_cast<time_t>(t.sec);
    struct tm tm {};
    gmtime_r(&sec, &tm);
    char buf[48];
    int n = snprintf(buf, sizeof buf, "\"%04d-%02d-%02dT%02d:%02d:%02d.%06uZ\"", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, t.nsec / 1000);
    out.append(buf, static_cast<size_t>(n));
}

}  // namespace

void append_json_string(std::string& out, const std::string& s) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += ch;  // UTF-8 and other high bytes pass through unchanged
        }
    }
    out += '"';
}

JsonFlowFields make_json_flow_fields(const FlowInfo& flow, const std::string& flow_name) {
    const FlowKey& k = flow.key;
    JsonFlowFields f;
    f.addresses = "{\"src_host\":";
    append_json_string(f.addresses, format_plain_address(k.family, k.src));
    f.addresses += ",\"src_port\":";
    append_uint(f.addresses, k.sport);
    f.addresses += ",\"dst_host\":";
    append_json_string(f.addresses, format_plain_address(k.family, k.dst));
    f.addresses += ",\"dst_port\":";
    append_uint(f.addresses, k.dport);
    if (k.has_vlan) {
        f.addresses += ",\"vlan\":";
        append_uint(f.addresses, k.vlan);
    }
    f.flow = ",\"flow\":";
    append_json_string(f.flow, flow_name);
    return f;
}

void append_json_chunk(std::string& out, const JsonFlowFields& fields, uint64_t offset, const Timestamp& ts,
                       const uint8_t* data, size_t len) {
    out += fields.addresses;
    out += ",\"offset\":";
    append_uint(out, offset);
    out += ",\"timestamp\":";
    append_timestamp(out, ts);
    out += fields.flow;
    out += ",\"payload\":\"";
    append_base64(out, data, len);
    out += "\"}\n";
}

}  // namespace tcpflow
