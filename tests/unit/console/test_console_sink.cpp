// ConsoleSink: every console mode on hand-made flows and chunks, compared with
// the exact text tcpflow 1.6.1 prints for the same chunk (-c, -C, -0, -B, -s,
// -D, -g, -b), plus what this rewrite does differently on purpose (green for
// undecided flows, -b by stream offset, gaps, JSON, buffering, write errors).
#include <cppunit/extensions/HelperMacros.h>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <vector>
#include "console/console_sink.h"
#include "console_test_util.h"

using namespace tcpflow;
using tcpflow::test::bytes;
using tcpflow::test::CapturedOutput;
using tcpflow::test::client_flow;
using tcpflow::test::console_flow;
using tcpflow::test::server_flow;

namespace {

const std::string kClientName = "192.168.001.002.02345-010.000.000.001.00080";
const std::string kServerName = "010.000.000.001.00080-192.168.001.002.02345";
const std::string kBlue = "\033[0;34m", kRed = "\033[0;31m", kGreen = "\033[0;32m", kReset = "\033[0m";

/// Print `chunks` (each at the offset following the previous, each the data of its own
/// segment) of one flow and return the output.
std::string print(const ConsoleConfig& cfg, FlowInfo flow, const std::vector<std::string>& chunks) {
    CapturedOutput out;
    {
        ConsoleSink sink(cfg, FlowNamer(), out.file());
        sink.on_open(flow);
        uint64_t offset = 0;
        for (const std::string& c : chunks) {
            sink.on_data(flow, offset, bytes(c), c.size());
            sink.on_deliveries_done();
            offset += c.size();
        }
        sink.on_close(flow);
        sink.on_end_of_run();
    }
    return out.text();
}

ConsoleConfig c_mode() { return ConsoleConfig(); }
ConsoleConfig C_mode() {
    ConsoleConfig cfg;
    cfg.header = false;
    return cfg;
}

}  // namespace

class ConsoleSinkTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ConsoleSinkTest);
    CPPUNIT_TEST(c_prints_header_text_and_newline);
    CPPUNIT_TEST(default_replaces_nonprintables_but_keeps_cr_lf);
    CPPUNIT_TEST(C_omits_the_header);
    CPPUNIT_TEST(zero_omits_the_newline);
    CPPUNIT_TEST(B_prints_raw_bytes);
    CPPUNIT_TEST(s_wins_over_B);
    CPPUNIT_TEST(header_has_outdir_prefix_and_counter_zero);
    CPPUNIT_TEST(ipv6_header_uses_inet_ntop_form);
    CPPUNIT_TEST(header_follows_the_template);
    CPPUNIT_TEST(hex_dump_with_header_matches_1_6_1);
    CPPUNIT_TEST(hex_dump_without_header_or_newline);
    CPPUNIT_TEST(colours_by_direction);
    CPPUNIT_TEST(colour_wraps_hex_dump_like_1_6_1);
    CPPUNIT_TEST(b_caps_each_flow_by_stream_offset);
    CPPUNIT_TEST(gap_prints_nothing);
    CPPUNIT_TEST(pieces_of_one_segment_print_as_one_chunk);
    CPPUNIT_TEST(a_long_run_is_cut_into_chunks_of_kMaxChunk);
    CPPUNIT_TEST(another_flows_data_or_a_close_ends_the_chunk);
    CPPUNIT_TEST(json_line_per_chunk_ignores_text_options);
    CPPUNIT_TEST(json_respects_b_and_reports_offsets);
    CPPUNIT_TEST(pipe_output_is_buffered_until_end_of_run);
    CPPUNIT_TEST(terminal_output_is_flushed_per_chunk);
    CPPUNIT_TEST(closed_flow_frees_its_state);
    CPPUNIT_TEST(write_error_is_recorded_not_thrown);
    CPPUNIT_TEST_SUITE_END();

public:
    void c_prints_header_text_and_newline() {
        CPPUNIT_ASSERT_EQUAL(kClientName + ": GET / HTTP/1.1\r\n\n" + kClientName + ": more\n",
                             print(c_mode(), client_flow(), {"GET / HTTP/1.1\r\n", "more"}));
    }
    void default_replaces_nonprintables_but_keeps_cr_lf() {
        std::string chunk("a\0b\tc\x7f\x80\xff\r\n~ ", 12);
        CPPUNIT_ASSERT_EQUAL(kClientName + ": a.b.c...\r\n~ \n", print(c_mode(), client_flow(), {chunk}));
        ConsoleConfig s = c_mode();
        s.strip = true;  // -s is the default already
        CPPUNIT_ASSERT_EQUAL(kClientName + ": a.b.c...\r\n~ \n", print(s, client_flow(), {chunk}));
    }
    void C_omits_the_header() {
        CPPUNIT_ASSERT_EQUAL(std::string("one\ntwo\n"), print(C_mode(), client_flow(), {"one", "two"}));
    }
    void zero_omits_the_newline() {
        ConsoleConfig cfg = c_mode();
        cfg.no_newline = true;
        CPPUNIT_ASSERT_EQUAL(kClientName + ": one" + kClientName + ": two", print(cfg, client_flow(), {"one", "two"}));
        cfg.header = false;
        CPPUNIT_ASSERT_EQUAL(std::string("onetwo"), print(cfg, client_flow(), {"one", "two"}));
    }
    void B_prints_raw_bytes() {
        ConsoleConfig cfg = C_mode();
        cfg.binary = true;
        std::string chunk("\x1f\x8b\0\xff\t", 5);
        CPPUNIT_ASSERT_EQUAL(chunk + "\n", print(cfg, client_flow(), {chunk}));
    }
    void s_wins_over_B() {
        ConsoleConfig cfg = C_mode();
        cfg.binary = true;
        cfg.strip = true;
        CPPUNIT_ASSERT_EQUAL(std::string("..x\n"), print(cfg, client_flow(), {std::string("\0\xffx", 3)}));
    }
    void header_has_outdir_prefix_and_counter_zero() {
        ConsoleConfig cfg = c_mode();
        cfg.outdir = "out";
        FlowInfo flow = client_flow();
        flow.connection_count = 3;  // a file writer's counter never shows on the console
        CPPUNIT_ASSERT_EQUAL("out/" + kClientName + ": x\n", print(cfg, flow, {"x"}));
    }
    void ipv6_header_uses_inet_ntop_form() {
        FlowInfo flow = console_flow("2001:db8::1", 2345, "2001:db8::2", 80);
        CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::1.02345-2001:db8::2.00080: x\n"), print(c_mode(), flow, {"x"}));
    }
    void header_follows_the_template() {
        CapturedOutput out;
        FlowNamer namer;
        namer.set_template("%a-%b");
        ConsoleSink sink(c_mode(), namer, out.file());
        FlowInfo flow = client_flow();
        sink.on_data(flow, 0, bytes("x"), 1);
        sink.on_end_of_run();
        CPPUNIT_ASSERT_EQUAL(std::string("02345-00080: x\n"), out.text());
    }
    void hex_dump_with_header_matches_1_6_1() {
        // tcpflow 1.6.1 -c -D on http-post.pcap, the server's first segment.
        ConsoleConfig cfg = c_mode();
        cfg.hex = true;
        CPPUNIT_ASSERT_EQUAL(kServerName + ": \n0000: 4854 5450 2f31 2e31 2032 3030 204f 4b0d 0a HTTP/1.1 200 OK..\n\n",
                             print(cfg, server_flow(), {"HTTP/1.1 200 OK\r\n"}));
    }
    void hex_dump_without_header_or_newline() {
        ConsoleConfig cfg = C_mode();
        cfg.hex = true;
        cfg.no_newline = true;
        CPPUNIT_ASSERT_EQUAL(std::string("0000: 6f6b  ok\n0000: 21 !\n"), print(cfg, client_flow(), {"ok", "!"}));
    }
    void colours_by_direction() {
        ConsoleConfig cfg = c_mode();
        cfg.color = true;
        CPPUNIT_ASSERT_EQUAL(kBlue + kClientName + ": GET\r\n" + kReset + "\n",
                             print(cfg, client_flow(), {"GET\r\n"}));
        CPPUNIT_ASSERT_EQUAL(kRed + kServerName + ": 200\r\n" + kReset + "\n", print(cfg, server_flow(), {"200\r\n"}));
        // No handshake seen: green, as the man page says (1.6.1 printed red).
        FlowInfo midstream = console_flow("192.168.1.2", 2345, "10.0.0.1", 80);
        CPPUNIT_ASSERT_EQUAL(kGreen + kClientName + ": x" + kReset + "\n", print(cfg, midstream, {"x"}));
        CPPUNIT_ASSERT_EQUAL(std::string(kGreen), std::string(console_color(midstream)));
        cfg.header = false;
        cfg.no_newline = true;
        CPPUNIT_ASSERT_EQUAL(kBlue + "a" + kReset + kBlue + "b" + kReset, print(cfg, client_flow(), {"a", "b"}));
    }
    void colour_wraps_hex_dump_like_1_6_1() {
        ConsoleConfig cfg = c_mode();
        cfg.color = true;
        cfg.hex = true;
        CPPUNIT_ASSERT_EQUAL(kBlue + kClientName + ": \n0000: 6f6b  ok\n" + kReset + "\n",
                             print(cfg, client_flow(), {"ok"}));
    }
    void b_caps_each_flow_by_stream_offset() {
        ConsoleConfig cfg = C_mode();
        cfg.max_bytes = 15;
        // The chunk wholly past the cap prints nothing at all, not even a newline.
        CPPUNIT_ASSERT_EQUAL(std::string("0123456789\nabcde\n"),
                             print(cfg, client_flow(), {"0123456789", "abcdefghij", "klm"}));
        // Each flow has its own budget.
        CapturedOutput out;
        ConsoleSink sink(cfg, FlowNamer(), out.file());
        FlowInfo a = client_flow(), b = server_flow();
        sink.on_data(a, 0, bytes("aaaaaaaaaaaaaaaaaaaa"), 20);
        sink.on_data(b, 0, bytes("bbbbbbbbbbbbbbbbbbbb"), 20);
        sink.on_end_of_run();
        CPPUNIT_ASSERT_EQUAL(std::string(15, 'a') + "\n" + std::string(15, 'b') + "\n", out.text());
    }
    void gap_prints_nothing() {
        CapturedOutput out;
        ConsoleSink sink(C_mode(), FlowNamer(), out.file());
        FlowInfo flow = client_flow();
        sink.on_data(flow, 0, bytes("ab"), 2);
        sink.on_gap(flow, 2, 100);  // the same segment: the bytes after a gap start a new chunk
        sink.on_data(flow, 102, bytes("cd"), 2);
        sink.on_end_of_run();
        CPPUNIT_ASSERT_EQUAL(std::string("ab\ncd\n"), out.text());
    }
    void pieces_of_one_segment_print_as_one_chunk() {
        // A segment that fills a hole lets held and read-back bytes through in several
        // on_data calls: one chunk, whatever the pieces (they depend on -j's memory share).
        CapturedOutput out;
        ConsoleSink sink(c_mode(), FlowNamer(), out.file());
        FlowInfo flow = client_flow();
        sink.on_data(flow, 0, bytes("GET "), 4);
        sink.on_data(flow, 4, bytes("/ HTTP"), 6);
        CPPUNIT_ASSERT_EQUAL(std::string(), out.text());  // the segment is not done yet
        sink.on_deliveries_done();
        sink.on_data(flow, 10, bytes("/1.1"), 4);
        sink.on_deliveries_done();
        sink.on_end_of_run();
        CPPUNIT_ASSERT_EQUAL(kClientName + ": GET / HTTP\n" + kClientName + ": /1.1\n", out.text());
    }
    void a_long_run_is_cut_into_chunks_of_kMaxChunk() {
        CapturedOutput out;
        ConsoleSink sink(C_mode(), FlowNamer(), out.file());
        FlowInfo flow = client_flow();
        const size_t max = ConsoleSink::kMaxChunk;
        const std::string a(max - 5, 'a'), b(20, 'b');  // the cut falls inside b
        sink.on_data(flow, 0, bytes(a), a.size());
        sink.on_data(flow, a.size(), bytes(b), b.size());
        sink.on_deliveries_done();
        sink.on_end_of_run();
        CPPUNIT_ASSERT(out.text() == a + "bbbbb\n" + std::string(15, 'b') + "\n");
    }
    void another_flows_data_or_a_close_ends_the_chunk() {
        CapturedOutput out;
        ConsoleSink sink(C_mode(), FlowNamer(), out.file());
        FlowInfo a = client_flow(), b = server_flow();
        sink.on_data(a, 0, bytes("a1"), 2);
        sink.on_data(b, 0, bytes("b1"), 2);  // the flow table closing another flow, say
        sink.on_data(a, 2, bytes("a2"), 2);
        sink.on_close(a);
        CPPUNIT_ASSERT_EQUAL(std::string("a1\nb1\na2\n"), out.text());
        sink.on_end_of_run();
    }
    void json_line_per_chunk_ignores_text_options() {
        ConsoleConfig cfg;
        cfg.json = true;
        cfg.color = cfg.hex = cfg.no_newline = cfg.binary = true;
        cfg.header = false;
        cfg.outdir = "o";
        FlowInfo flow = console_flow("2001:db8::1", 2345, "2001:db8::2", 80);
        const std::string prefix =
            "{\"src_host\":\"2001:db8::1\",\"src_port\":2345,\"dst_host\":\"2001:db8::2\",\"dst_port\":80,";
        const std::string suffix = ",\"timestamp\":\"2013-03-19T16:05:11.129592Z\","
                                   "\"flow\":\"o/2001:db8::1.02345-2001:db8::2.00080\",\"payload\":";
        CPPUNIT_ASSERT_EQUAL(prefix + "\"offset\":0" + suffix + "\"Zm9v\"}\n" + prefix + "\"offset\":3" + suffix +
                                 "\"AP8=\"}\n",
                             print(cfg, flow, {"foo", std::string("\0\xff", 2)}));
    }
    void json_respects_b_and_reports_offsets() {
        ConsoleConfig cfg;
        cfg.json = true;
        cfg.max_bytes = 4;
        std::string out = print(cfg, client_flow(), {"abc", "def", "ghi"});
        CPPUNIT_ASSERT(out.find("\"offset\":0,") != std::string::npos);
        CPPUNIT_ASSERT(out.find("\"payload\":\"YWJj\"}") != std::string::npos);       // "abc"
        CPPUNIT_ASSERT(out.find("\"offset\":3,") != std::string::npos);
        CPPUNIT_ASSERT(out.find("\"payload\":\"ZA==\"}") != std::string::npos);       // "d" only
        CPPUNIT_ASSERT(out.find("\"offset\":6") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(size_t(2), size_t(std::count(out.begin(), out.end(), '\n')));
    }
    void pipe_output_is_buffered_until_end_of_run() {
        CapturedOutput out;  // a regular file: not a terminal, no -L
        ConsoleSink sink(C_mode(), FlowNamer(), out.file());
        FlowInfo flow = client_flow();
        sink.on_data(flow, 0, bytes("buffered"), 8);
        CPPUNIT_ASSERT_EQUAL(std::string(), out.written());
        sink.on_end_of_run();
        CPPUNIT_ASSERT_EQUAL(std::string("buffered\n"), out.written());
    }
    void terminal_output_is_flushed_per_chunk() {
        int master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0) return;  // no pseudo-terminals here
        if (grantpt(master) != 0 || unlockpt(master) != 0) {
            close(master);
            return;
        }
        FILE* tty = fopen(ptsname(master), "w");
        CPPUNIT_ASSERT(tty != nullptr);
        {
            // -0: no newline, so stdio's line buffering of terminals would not flush it.
            ConsoleConfig cfg = C_mode();
            cfg.no_newline = true;
            ConsoleSink sink(cfg, FlowNamer(), tty);
            FlowInfo flow = client_flow();
            sink.on_data(flow, 0, bytes("now"), 3);  // no on_end_of_run, no fflush
            sink.on_deliveries_done();
            std::string seen;
            pollfd p{master, POLLIN, 0};
            while (seen.find("now") == std::string::npos && poll(&p, 1, 2000) > 0) {
                char buf[64];
                ssize_t n = read(master, buf, sizeof buf);
                if (n <= 0) break;
                seen.append(buf, static_cast<size_t>(n));
            }
            CPPUNIT_ASSERT(seen.find("now") != std::string::npos);
        }  // the sink flushes its FILE* when it goes, so it goes first
        fclose(tty);
        close(master);
    }
    void closed_flow_frees_its_state() {
        CapturedOutput out;
        ConsoleSink sink(c_mode(), FlowNamer(), out.file());
        FlowInfo flow = client_flow();
        sink.on_open(flow);
        CPPUNIT_ASSERT(flow.console_state != nullptr);
        sink.on_close(flow);
        CPPUNIT_ASSERT(flow.console_state == nullptr);
        sink.on_close(flow);  // twice is harmless
        // A sink that missed on_open still names the flow on its first chunk.
        FlowInfo late = server_flow();
        sink.on_data(late, 0, bytes("x"), 1);
        sink.on_end_of_run();
        CPPUNIT_ASSERT_EQUAL(kServerName + ": x\n", out.text());
        sink.on_close(late);
    }
    void write_error_is_recorded_not_thrown() {
        FILE* full = fopen("/dev/full", "w");
        if (!full) return;  // no /dev/full on this system
        {
            ConsoleSink sink(c_mode(), FlowNamer(), full);
            FlowInfo flow = client_flow();
            CPPUNIT_ASSERT(!sink.write_failed());
            sink.on_data(flow, 0, bytes("x"), 1);
            sink.on_end_of_run();
            CPPUNIT_ASSERT(sink.write_failed());
            CPPUNIT_ASSERT_EQUAL(ENOSPC, sink.write_errno());
        }
        fclose(full);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(ConsoleSinkTest);
