// --shard K/N parsing, the shard rule on segments, and the --merge pieces that
// work on text: the command line shards must share, and path rewriting.
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <set>
#include <stdexcept>
#include "decode/packet.h"
#include "flow/flow_bucket.h"
#include "flow/flow_key.h"
#include "shard/shard_filter.h"
#include "shard/shard_report.h"
#include "shard/shard_set_check.h"

using namespace tcpflow;

namespace {

TcpSegment segment(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport) {
    TcpSegment s;
    s.family = 4;
    memcpy(s.src, &src, 4);
    memcpy(s.dst, &dst, 4);
    s.sport = sport;
    s.dport = dport;
    return s;
}

ShardReport report(uint32_t k, uint32_t n, const std::string& command_line) {
    ShardReport r;
    r.shard = parse_shard_spec(std::to_string(k) + "/" + std::to_string(n));
    r.command_line = command_line;
    r.dir = "s" + std::to_string(k);
    r.outdir = r.dir;
    return r;
}

}  // namespace

class ShardTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ShardTest);
    CPPUNIT_TEST(parses_k_of_n);
    CPPUNIT_TEST(refuses_bad_specs);
    CPPUNIT_TEST(both_directions_in_one_shard_and_every_connection_in_exactly_one);
    CPPUNIT_TEST(command_line_without_per_shard_options);
    CPPUNIT_TEST(split_inputs_recognised);
    CPPUNIT_TEST(refuses_sets);
    CPPUNIT_TEST(rewrites_paths_under_the_shard_folder_only);
    CPPUNIT_TEST_SUITE_END();

public:
    void parses_k_of_n() {
        ShardSpec s = parse_shard_spec("0/1");
        CPPUNIT_ASSERT_EQUAL(0u, s.index);
        CPPUNIT_ASSERT_EQUAL(1u, s.count);
        s = parse_shard_spec("65535/65536");
        CPPUNIT_ASSERT_EQUAL(65535u, s.index);
        CPPUNIT_ASSERT_EQUAL(std::string("65535/65536"), shard_text(s));
        CPPUNIT_ASSERT(s.active() && !s.keeps_packet_level());
        CPPUNIT_ASSERT(parse_shard_spec("0/7").keeps_packet_level());
    }

    void refuses_bad_specs() {
        for (const char* bad : {"", "1", "1/", "/2", "2/2", "3/2", "-1/2", "0/0", "0/65537", "a/2", "0/2x", "+0/2",
                                " 0/2", "0/2/3", "0x1/2", "99999999999/2"})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, parse_shard_spec(bad), std::invalid_argument);
    }

    void both_directions_in_one_shard_and_every_connection_in_exactly_one() {
        const uint32_t n = 8;
        std::set<uint32_t> used;
        for (uint16_t port = 1000; port < 1400; ++port) {
            const TcpSegment out = segment(0x0100000a, port, 0x0200000a, 80);
            const TcpSegment back = segment(0x0200000a, 80, 0x0100000a, port);
            int holders = 0;
            for (uint32_t k = 0; k < n; ++k) {
                ShardSpec s = parse_shard_spec(std::to_string(k) + "/" + std::to_string(n));
                CPPUNIT_ASSERT_EQUAL(shard_keeps(s, out), shard_keeps(s, back));
                if (shard_keeps(s, out)) {
                    ++holders;
                    used.insert(k);
                    // The one function -j uses too, at the shard level.
                    CPPUNIT_ASSERT_EQUAL(k, flow_bucket(flow_key_of(out), n, BucketLevel::Shard));
                }
            }
            CPPUNIT_ASSERT_EQUAL(1, holders);
        }
        CPPUNIT_ASSERT_EQUAL(size_t(n), used.size());  // 400 connections reach every shard
        CPPUNIT_ASSERT(shard_keeps(ShardSpec(), segment(1, 2, 3, 4)));  // not sharded: keeps all
    }

    void command_line_without_per_shard_options() {
        bool split = false;
        const std::string a = shard_invariant_command(
            report(1, 4, "/opt/a/tcpflow -q --shard 1/4 -o out/s1 -w out/s1/u.pcap -e md5 -r x.pcap"), split);
        const std::string b = shard_invariant_command(
            report(2, 4, "tcpflow -q --shard=2/4 -oout/s2 -wout/s2/u.pcap -e md5 -r x.pcap"), split);
        CPPUNIT_ASSERT_EQUAL(std::string("-q -e md5 -r x.pcap"), a);
        CPPUNIT_ASSERT_EQUAL(a, b);
        CPPUNIT_ASSERT(!split);
        const std::string c = shard_invariant_command(report(2, 4, "tcpflow --shard 2/4 -o s2 -e md5 -r y.pcap"), split);
        CPPUNIT_ASSERT(a != c);
    }

    void split_inputs_recognised() {
        bool split = false;
        const std::string a = shard_invariant_command(report(0, 3, "tcpflow --shard 0/3 -o s0 -r d/shard-0-of-3.pcap"), split);
        CPPUNIT_ASSERT(split);
        const std::string b = shard_invariant_command(report(2, 3, "tcpflow --shard 2/3 -o s2 -r d/shard-2-of-3.pcap"), split);
        CPPUNIT_ASSERT_EQUAL(std::string("-r d/shard-*-of-3.pcap"), a);
        CPPUNIT_ASSERT_EQUAL(a, b);
        // Another shard's file is not this shard's part.
        split = false;
        const std::string c = shard_invariant_command(report(1, 3, "tcpflow --shard 1/3 -o s1 -r d/shard-2-of-3.pcap"), split);
        CPPUNIT_ASSERT(!split);
        CPPUNIT_ASSERT(c != a);
        CPPUNIT_ASSERT_EQUAL(std::string("shard-4-of-9.pcap"), split_file_name(4, 9));
    }

    void refuses_sets() {
        ShardInputs inputs;
        const std::string cmd = "tcpflow -r x.pcap";
        std::vector<ShardReport> ok{report(1, 2, cmd), report(0, 2, cmd)};
        std::vector<ShardReport> ordered = check_shard_set(ok, false, inputs);
        CPPUNIT_ASSERT_EQUAL(0u, ordered[0].shard.index);  // sorted by index
        CPPUNIT_ASSERT(inputs == ShardInputs::Whole);
        CPPUNIT_ASSERT_THROW(check_shard_set({report(0, 2, cmd)}, false, inputs), ShardMergeError);  // missing 1
        CPPUNIT_ASSERT_THROW(check_shard_set({report(0, 2, cmd), report(0, 2, cmd)}, false, inputs), ShardMergeError);
        CPPUNIT_ASSERT_THROW(check_shard_set({report(0, 2, cmd), report(1, 3, cmd)}, false, inputs), ShardMergeError);
        CPPUNIT_ASSERT_THROW(check_shard_set({report(0, 2, cmd), report(1, 2, "tcpflow -r y.pcap")}, false, inputs),
                             ShardMergeError);
        std::vector<ShardReport> failed{report(0, 2, cmd), report(1, 2, cmd)};
        failed[1].interrupted = true;
        CPPUNIT_ASSERT_THROW(check_shard_set(failed, false, inputs), ShardMergeError);
        CPPUNIT_ASSERT_NO_THROW(check_shard_set(failed, true, inputs));
    }

    void rewrites_paths_under_the_shard_folder_only() {
        ShardReport r = report(0, 2, "");
        r.outdir = "run/s0";
        CPPUNIT_ASSERT_EQUAL(std::string("      <filename>m/a/b</filename>"),
                             rewrite_paths("      <filename>run/s0/a/b</filename>", r, "m"));
        CPPUNIT_ASSERT_EQUAL(std::string("<netviz path='m/report.pdf' x='run/s01/y'/>"),
                             rewrite_paths("<netviz path='run/s0/report.pdf' x='run/s01/y'/>", r, "m"));
        CPPUNIT_ASSERT_EQUAL(std::string("<filename>f</filename>"), rewrite_paths("<filename>run/s0/f</filename>", r, "."));
        r.outdir = "a&amp;b";  // as escaped in the report
        CPPUNIT_ASSERT_EQUAL(std::string("<filename>c&amp;d/f</filename>"),
                             rewrite_paths("<filename>a&amp;b/f</filename>", r, "c&d"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ShardTest);
