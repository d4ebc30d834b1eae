// -J objects: exact text for IPv4, IPv6 and VLAN flows, string escaping, and
// a JSON validity check by a real parser (python3) on a line with awkward bytes.
#include <cppunit/extensions/HelperMacros.h>
#include <cstdlib>
#include "console/json_record.h"
#include "console_test_util.h"
#include "util/timestamp.h"

using namespace tcpflow;
using tcpflow::test::bytes;
using tcpflow::test::console_flow;

namespace {
std::string record(const FlowInfo& flow, const std::string& name, uint64_t offset, const std::string& payload) {
    std::string out;
    append_json_chunk(out, make_json_flow_fields(flow, name), offset, flow.last_ts, bytes(payload), payload.size());
    return out;
}
std::string quoted(const std::string& s) {
    std::string out;
    append_json_string(out, s);
    return out;
}
}  // namespace

class JsonRecordTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonRecordTest);
    CPPUNIT_TEST(ipv4_object_is_exact);
    CPPUNIT_TEST(ipv6_hosts_are_real_addresses);
    CPPUNIT_TEST(vlan_appears_only_for_tagged_flows);
    CPPUNIT_TEST(timestamp_matches_the_report_spelling);
    CPPUNIT_TEST(strings_escape_quotes_backslashes_and_controls);
    CPPUNIT_TEST(python_parses_the_line_and_decodes_the_payload);
    CPPUNIT_TEST_SUITE_END();

public:
    void ipv4_object_is_exact() {
        FlowInfo f = console_flow("192.168.1.2", 2345, "10.0.0.1", 80);
        f.last_ts = {1363709111, 129592999};  // nanoseconds are cut to microseconds
        CPPUNIT_ASSERT_EQUAL(
            std::string("{\"src_host\":\"192.168.1.2\",\"src_port\":2345,\"dst_host\":\"10.0.0.1\",\"dst_port\":80,"
                        "\"offset\":1000,\"timestamp\":\"2013-03-19T16:05:11.129592Z\","
                        "\"flow\":\"192.168.001.002.02345-010.000.000.001.00080\",\"payload\":\"R0VUIC8=\"}\n"),
            record(f, "192.168.001.002.02345-010.000.000.001.00080", 1000, "GET /"));
    }
    void ipv6_hosts_are_real_addresses() {
        // 1.6.1 parsed these back out of the file name and printed "2001.2350.".
        FlowInfo f = console_flow("2001:db8::1", 443, "2001:db8:0:1::20", 50000);
        std::string r = record(f, "n", 0, "x");
        CPPUNIT_ASSERT(r.find("{\"src_host\":\"2001:db8::1\",\"src_port\":443,"
                              "\"dst_host\":\"2001:db8:0:1::20\",\"dst_port\":50000,\"offset\":0,") == 0);
        CPPUNIT_ASSERT(r.find("\"payload\":\"eA==\"}\n") != std::string::npos);
    }
    void vlan_appears_only_for_tagged_flows() {
        FlowInfo f = console_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        CPPUNIT_ASSERT(record(f, "n", 0, "x").find("vlan") == std::string::npos);
        f.key.has_vlan = true;
        f.key.vlan = 7;
        CPPUNIT_ASSERT(record(f, "n", 0, "x").find("\"dst_port\":1234,\"vlan\":7,\"offset\":0,") != std::string::npos);
    }
    void timestamp_matches_the_report_spelling() {
        FlowInfo f = console_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        f.last_ts = {0, 5000};
        std::string r = record(f, "n", 0, "x");
        CPPUNIT_ASSERT(r.find("\"timestamp\":\"" + iso8601_usec(f.last_ts) + "\"") != std::string::npos);
        CPPUNIT_ASSERT(r.find("1970-01-01T00:00:00.000005Z") != std::string::npos);
    }
    void strings_escape_quotes_backslashes_and_controls() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\\"b\\\\c\\u0001\\u001f\""), quoted("a\"b\\c\x01\x1f"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"out/\xc3\xa9\""), quoted("out/\xc3\xa9"));  // UTF-8 kept
    }
    void python_parses_the_line_and_decodes_the_payload() {
        FlowInfo f = console_flow("2001:db8::1", 443, "2001:db8::2", 50000);
        f.key.has_vlan = true;
        f.key.vlan = 4094;
        std::string payload("\0\xff\"\\\n{}", 7);
        std::string line = record(f, "dir \"x\"\\y", 7, payload);
        tcpflow::test::CapturedOutput file;
        fputs(line.c_str(), file.file());
        fflush(file.file());
        std::string path = "/proc/self/fd/" + std::to_string(fileno(file.file()));
        std::string check =
            "python3 -c 'import sys,json,base64; o=json.loads(open(sys.argv[1]).read());"
            "assert o[\"src_host\"]==\"2001:db8::1\" and o[\"dst_port\"]==50000 and o[\"vlan\"]==4094;"
            "assert o[\"offset\"]==7 and o[\"flow\"]==\"dir \\\"x\\\"\\\\y\";"
            "assert base64.b64decode(o[\"payload\"])==b\"\\0\\xff\\\"\\\\\\n{}\"' " + path;
        int rc = std::system(check.c_str());
        if (WIFEXITED(rc) && WEXITSTATUS(rc) == 127) return;  // no python3: the exact-text tests still hold
        CPPUNIT_ASSERT_EQUAL(0, rc);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(JsonRecordTest);
