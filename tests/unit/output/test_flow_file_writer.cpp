// FlowFileWriter: names, exclusive creation with counters, buffering, holes,
// -b, the open-file cap, timestamps, -FX and -I, on a scratch directory.
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <sys/stat.h>
#include "flow/flow_table.h"
#include "output/flow_file_writer.h"
#include "output/output_dir.h"
#include "output_test_util.h"

using namespace tcpflow;
using tcpflow::test::TempDir;
using tcpflow::test::file_exists;
using tcpflow::test::make_flow;
using tcpflow::test::read_file;

namespace {

const uint8_t* bytes(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

void data(FlowFileWriter& w, FlowInfo& f, uint64_t off, const std::string& s) {
    w.on_data(f, off, bytes(s.data()), s.size());
}

// A data segment of flow 10.0.0.1:<port> -> 10.0.0.2:80 (the flow starts midstream at seq 1000).
TcpSegment data_segment(uint16_t port, uint32_t seq, const std::string& payload) {
    TcpSegment s;
    s.family = 4;
    const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
    std::memcpy(s.src, a, 4);
    std::memcpy(s.dst, b, 4);
    s.sport = port;
    s.dport = 80;
    s.seq = seq;
    s.flags = kAck;
    s.payload = bytes(payload.data());
    s.payload_len = static_cast<uint32_t>(payload.size());
    s.caplen = s.wirelen = static_cast<uint32_t>(54 + payload.size());
    return s;
}

off_t size_on_disk(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 ? st.st_size : -1;
}

}  // namespace

class FlowFileWriterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FlowFileWriterTest);
    CPPUNIT_TEST(file_is_named_by_the_template_under_outdir);
    CPPUNIT_TEST(outdir_dot_gives_bare_names);
    CPPUNIT_TEST(existing_name_makes_the_next_flow_c1);
    CPPUNIT_TEST(two_live_flows_with_one_name_get_c0_and_c1_in_order_of_first_data);
    CPPUNIT_TEST(small_flow_is_written_once_at_close);
    CPPUNIT_TEST(buffer_is_written_when_it_reaches_per_flow_buffer);
    CPPUNIT_TEST(gap_between_data_reads_as_zeros);
    CPPUNIT_TEST(trailing_gap_extends_the_file_with_zeros);
    CPPUNIT_TEST(max_bytes_cuts_the_file_but_not_the_logical_size);
    CPPUNIT_TEST(fd_cap_of_two_with_five_interleaved_flows_keeps_content);
    CPPUNIT_TEST(flows_the_table_discards_open_reach_their_files);
    CPPUNIT_TEST(global_buffer_cap_writes_least_recent_buffers);
    CPPUNIT_TEST(mtime_and_atime_are_the_first_packet_time);
    CPPUNIT_TEST(no_store_writes_nothing_and_leaves_path_empty);
    CPPUNIT_TEST(index_lists_offset_time_and_length_per_chunk);
    CPPUNIT_TEST(index_stops_at_max_bytes);
    CPPUNIT_TEST(binning_template_creates_subdirectories);
    CPPUNIT_TEST(strip_nonprintable_replaces_bytes_with_dots);
    CPPUNIT_TEST(outdir_that_is_a_file_fails_with_the_path);
    CPPUNIT_TEST(check_output_dir_creates_missing_parents);
    CPPUNIT_TEST(check_output_dir_refuses_a_file);
    CPPUNIT_TEST(flow_without_data_has_no_file);
    CPPUNIT_TEST(buffered_bytes_reach_the_file_once_the_flush_interval_has_passed);
    CPPUNIT_TEST(the_interval_counts_from_the_first_unwritten_byte);
    CPPUNIT_TEST(flush_interval_zero_writes_every_byte_at_once);
    CPPUNIT_TEST(index_lines_follow_the_flush_interval_too);
    CPPUNIT_TEST(first_write_error_throws_once_then_every_flow_says_what_is_on_disk);
    CPPUNIT_TEST_SUITE_END();

    OutputConfig config(const TempDir& d) {
        OutputConfig c;
        c.outdir = d.path();
        return c;
    }

public:
    void file_is_named_by_the_template_under_outdir() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("141.142.228.5", 53595, "54.243.55.129", 80);
        data(w, f, 0, "GET /");
        w.on_close(f);
        std::string expect = d / "141.142.228.005.53595-054.243.055.129.00080";
        CPPUNIT_ASSERT_EQUAL(expect, f.path);
        CPPUNIT_ASSERT_EQUAL(0u, f.connection_count);
        CPPUNIT_ASSERT_EQUAL(std::string("GET /"), read_file(expect));
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), f.stored_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), f.logical_size);
    }
    void outdir_dot_gives_bare_names() {
        CPPUNIT_ASSERT_EQUAL(std::string("n"), flow_output_path(".", "n"));
        CPPUNIT_ASSERT_EQUAL(std::string("o/n"), flow_output_path("o", "n"));
        CPPUNIT_ASSERT_EQUAL(std::string("o/n"), flow_output_path("o/", "n"));
    }
    void existing_name_makes_the_next_flow_c1() {
        TempDir d;
        tcpflow::test::write_file(d / "010.000.000.001.00080-010.000.000.002.01234", "old");
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "new");
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(d / "010.000.000.001.00080-010.000.000.002.01234c1", f.path);
        CPPUNIT_ASSERT_EQUAL(1u, f.connection_count);
        CPPUNIT_ASSERT_EQUAL(std::string("old"), read_file(d / "010.000.000.001.00080-010.000.000.002.01234"));
        CPPUNIT_ASSERT_EQUAL(std::string("new"), read_file(f.path));
    }
    void two_live_flows_with_one_name_get_c0_and_c1_in_order_of_first_data() {
        TempDir d;
        FlowNamer n;
        n.set_template("%A");
        FlowFileWriter w(config(d), n);
        FlowInfo a = make_flow("10.0.0.1", 1, "10.0.0.2", 2), b = make_flow("10.0.0.1", 3, "10.0.0.2", 4);
        data(w, a, 0, "a");
        data(w, b, 0, "b");
        w.on_close(b);
        w.on_close(a);
        CPPUNIT_ASSERT_EQUAL(std::string("a"), read_file(d / "010.000.000.001"));
        CPPUNIT_ASSERT_EQUAL(std::string("b"), read_file(d / "010.000.000.001c1"));
    }
    void small_flow_is_written_once_at_close() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "abc");
        data(w, f, 3, "def");
        // The name is settled (and the file exists) from the first data on.
        CPPUNIT_ASSERT(file_exists(f.path));
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(f.path));
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("abcdef"), read_file(f.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), w.counters().write_calls);
        CPPUNIT_ASSERT_EQUAL(size_t(0), w.open_files());
    }
    void buffer_is_written_when_it_reaches_per_flow_buffer() {
        TempDir d;
        OutputConfig c = config(d);
        c.per_flow_buffer = 8;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "12345");
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(f.path));
        data(w, f, 5, "678");
        CPPUNIT_ASSERT_EQUAL(off_t(8), size_on_disk(f.path));
        data(w, f, 8, "a large piece goes straight to the file");
        CPPUNIT_ASSERT_EQUAL(off_t(47), size_on_disk(f.path));
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("12345678a large piece goes straight to the file"), read_file(f.path));
    }
    void gap_between_data_reads_as_zeros() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "ABCD");
        w.on_gap(f, 4, 4);
        data(w, f, 8, "IJKL");
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCD\0\0\0\0IJKL", 12), read_file(f.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(8), f.stored_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(12), f.logical_size);
    }
    void trailing_gap_extends_the_file_with_zeros() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "AB");
        w.on_gap(f, 2, 3);
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("AB\0\0\0", 5), read_file(f.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(5), f.logical_size);
    }
    void max_bytes_cuts_the_file_but_not_the_logical_size() {
        TempDir d;
        OutputConfig c = config(d);
        c.max_bytes = 6;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "abcd");
        data(w, f, 4, "efgh");
        data(w, f, 8, "ijkl");
        w.on_gap(f, 12, 100);
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("abcdef"), read_file(f.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), f.stored_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(112), f.logical_size);
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), w.counters().bytes_past_limit);
    }
    void fd_cap_of_two_with_five_interleaved_flows_keeps_content() {
        TempDir d;
        OutputConfig c = config(d);
        c.max_fds = 2;
        c.per_flow_buffer = 4;  // every second piece forces a write
        FlowFileWriter w(c, FlowNamer());
        FlowInfo flows[5];
        std::string expect[5];
        for (int i = 0; i < 5; ++i) flows[i] = make_flow("10.0.0.1", static_cast<uint16_t>(1000 + i), "10.0.0.2", 80);
        uint64_t off[5] = {};
        for (int round = 0; round < 6; ++round) {
            for (int i = 0; i < 5; ++i) {
                std::string piece = std::string(1, char('A' + i)) + char('0' + round);
                data(w, flows[i], off[i], piece);
                off[i] += piece.size();
                expect[i] += piece;
                CPPUNIT_ASSERT(w.open_files() <= 2);
            }
        }
        for (auto& f : flows) w.on_close(f);
        for (int i = 0; i < 5; ++i) CPPUNIT_ASSERT_EQUAL(expect[i], read_file(flows[i].path));
        CPPUNIT_ASSERT(w.counters().fd_evictions > 0);
        CPPUNIT_ASSERT(w.counters().reopenings > 0);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), w.counters().max_open_files);
        CPPUNIT_ASSERT_EQUAL(size_t(0), w.open_files());
    }
    // A failure can end a run before every flow is closed: the flow table then goes away
    // with flows open, and their FlowInfo (whose path is the file's) with it. The writer
    // must write what it holds first, reopening evicted files by that path.
    void flows_the_table_discards_open_reach_their_files() {
        TempDir d;
        OutputConfig c = config(d);
        c.max_fds = 1;                // the second flow's file evicts the first's descriptor
        c.per_flow_buffer = 1 << 20;  // nothing is written before the end
        FlowFileWriter w(c, FlowNamer());
        std::string paths[2];
        {
            FlowConfig fc;
            fc.reassembly.midstream_hold_bytes = 0;  // deliver at once
            FlowTable t(fc, {&w});
            for (uint16_t i = 0; i < 2; ++i) t.process(data_segment(static_cast<uint16_t>(1000 + i), 1000, "first-"));
            for (uint16_t i = 0; i < 2; ++i) t.process(data_segment(static_cast<uint16_t>(1000 + i), 1006, "second"));
            CPPUNIT_ASSERT_EQUAL(size_t(1), w.open_files());
            paths[0] = d.path() + "/010.000.000.001.01000-010.000.000.002.00080";
            paths[1] = d.path() + "/010.000.000.001.01001-010.000.000.002.00080";
            CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(paths[0]));
        }  // no close_all
        for (const std::string& p : paths) CPPUNIT_ASSERT_EQUAL(std::string("first-second"), read_file(p));
        CPPUNIT_ASSERT_EQUAL(size_t(0), w.open_files());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), w.buffered_bytes());
    }
    void global_buffer_cap_writes_least_recent_buffers() {
        TempDir d;
        OutputConfig c = config(d);
        c.max_buffered_bytes = 10;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo a = make_flow("10.0.0.1", 1, "10.0.0.2", 80), b = make_flow("10.0.0.1", 2, "10.0.0.2", 80);
        data(w, a, 0, "aaaaaa");
        data(w, b, 0, "bbbbbb");  // 12 > 10: a, the least recently appended, goes out
        CPPUNIT_ASSERT_EQUAL(off_t(6), size_on_disk(a.path));
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(b.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(6), w.buffered_bytes());
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), w.counters().forced_flushes);
        w.on_close(a);
        w.on_close(b);
        CPPUNIT_ASSERT_EQUAL(std::string("bbbbbb"), read_file(b.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), w.buffered_bytes());
    }
    void mtime_and_atime_are_the_first_packet_time() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        f.first_ts = {1363709111, 62053000};
        data(w, f, 0, "x");
        w.on_close(f);
        struct stat st;
        CPPUNIT_ASSERT_EQUAL(0, ::stat(f.path.c_str(), &st));
        CPPUNIT_ASSERT_EQUAL(time_t(1363709111), st.st_mtim.tv_sec);
        CPPUNIT_ASSERT_EQUAL(62053000L, st.st_mtim.tv_nsec);
        CPPUNIT_ASSERT_EQUAL(time_t(1363709111), st.st_atim.tv_sec);
    }
    void no_store_writes_nothing_and_leaves_path_empty() {
        TempDir d;
        OutputConfig c = config(d);
        c.store_output = false;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        data(w, f, 0, "abc");
        w.on_close(f);
        CPPUNIT_ASSERT(f.path.empty());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), f.stored_bytes);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), f.logical_size);  // tcpflow -FX reports filesize 0
        CPPUNIT_ASSERT(!file_exists(d / "010.000.000.001.00080-010.000.000.002.01234"));
    }
    void index_lists_offset_time_and_length_per_chunk() {
        TempDir d;
        OutputConfig c = config(d);
        c.write_index = true;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        f.last_ts = {1363709111, 129174000};
        data(w, f, 0, std::string(17, 'x'));
        f.last_ts = {1363709111, 129368999};
        data(w, f, 17, std::string(83, 'y'));
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("0|1363709111.129174|17\n17|1363709111.129368|83\n"),
                             read_file(f.path + ".findx"));
    }
    void index_stops_at_max_bytes() {
        // tcpflow -I -b 100 lists the cut piece with its stored length only
        TempDir d;
        OutputConfig c = config(d);
        c.write_index = true;
        c.max_bytes = 100;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        f.last_ts = {5, 0};
        data(w, f, 0, std::string(17, 'x'));
        data(w, f, 17, std::string(143, 'y'));
        data(w, f, 160, std::string(10, 'z'));
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("0|5.000000|17\n17|5.000000|83\n"), read_file(f.path + ".findx"));
    }
    void binning_template_creates_subdirectories() {
        TempDir d;
        OutputConfig c = config(d);
        c.outdir = d / "new/out";
        FlowNamer n;
        n.apply_format_letters("m");
        FlowFileWriter w(c, n);
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        f.flow_id = 1001;
        data(w, f, 0, "abc");
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(d / "new/out/000000-000999/000001/010.000.000.001.00080-010.000.000.002.01234", f.path);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), read_file(f.path));
    }
    void strip_nonprintable_replaces_bytes_with_dots() {
        TempDir d;
        OutputConfig c = config(d);
        c.strip_nonprintable = true;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        w.on_data(f, 0, bytes("a\0b\r\n\x7f\xff"), 7);
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("a.b\r\n.."), read_file(f.path));
    }
    void outdir_that_is_a_file_fails_with_the_path() {
        TempDir d;
        tcpflow::test::write_file(d / "plain", "x");
        OutputConfig c = config(d);
        c.outdir = d / "plain";
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        try {
            data(w, f, 0, "abc");
            CPPUNIT_FAIL("no error");
        } catch (const std::runtime_error& e) {
            std::string what = e.what();
            // The folder is opened before the first file is created in it.
            CPPUNIT_ASSERT(what.find("output directory " + d / "plain") != std::string::npos);
            CPPUNIT_ASSERT(what.find("Not a directory") != std::string::npos);
        }
        w.on_close(f);  // the flow is still released cleanly
    }
    void check_output_dir_creates_missing_parents() {
        TempDir d;
        check_output_dir(d / "a/b/c");
        struct stat st;
        CPPUNIT_ASSERT_EQUAL(0, ::stat((d / "a/b/c").c_str(), &st));
        CPPUNIT_ASSERT(S_ISDIR(st.st_mode));
    }
    void check_output_dir_refuses_a_file() {
        TempDir d;
        tcpflow::test::write_file(d / "plain", "x");
        try {
            check_output_dir(d / "plain/sub");
            CPPUNIT_FAIL("no error");
        } catch (const std::runtime_error& e) {
            std::string what = e.what();
            CPPUNIT_ASSERT(what.find(d / "plain") != std::string::npos);
            CPPUNIT_ASSERT(what.find('\n') == std::string::npos);
        }
    }
    void flow_without_data_has_no_file() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 80, "10.0.0.2", 1234);
        w.on_open(f);
        w.on_close(f);
        CPPUNIT_ASSERT(f.path.empty());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), w.counters().files_created);
    }

    // Durability: a byte waits in memory at most flush_interval_ms (ticks of a wall clock).
    void buffered_bytes_reach_the_file_once_the_flush_interval_has_passed() {
        TempDir d;
        OutputConfig c = config(d);
        c.flush_interval_ms = 1000;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 1000, "10.0.0.2", 80);
        w.flush_aged(5000);
        data(w, f, 0, "abc");
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(f.path));  // created, bytes still buffered
        w.flush_aged(5999);
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(f.path));
        w.flush_aged(6000);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), read_file(f.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), w.buffered_bytes());
        w.on_close(f);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), read_file(f.path));
    }
    void the_interval_counts_from_the_first_unwritten_byte() {
        TempDir d;
        OutputConfig c = config(d);
        c.flush_interval_ms = 1000;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo busy = make_flow("10.0.0.1", 1000, "10.0.0.2", 80);
        FlowInfo idle = make_flow("10.0.0.3", 1000, "10.0.0.2", 80);
        w.flush_aged(0);
        data(w, busy, 0, "a");
        w.flush_aged(600);
        data(w, idle, 0, "x");
        data(w, busy, 1, "b");  // later bytes do not push the first one's deadline back
        w.flush_aged(1000);
        CPPUNIT_ASSERT_EQUAL(std::string("ab"), read_file(busy.path));
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(idle.path));
        w.flush_aged(1600);
        CPPUNIT_ASSERT_EQUAL(std::string("x"), read_file(idle.path));
        w.on_close(busy);
        w.on_close(idle);
    }
    void flush_interval_zero_writes_every_byte_at_once() {
        TempDir d;
        OutputConfig c = config(d);
        c.flush_interval_ms = 0;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 1000, "10.0.0.2", 80);
        data(w, f, 0, "abc");
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), read_file(f.path));
        data(w, f, 3, "de");
        CPPUNIT_ASSERT_EQUAL(std::string("abcde"), read_file(f.path));
        w.on_close(f);
    }
    void index_lines_follow_the_flush_interval_too() {
        TempDir d;
        OutputConfig c = config(d);
        c.flush_interval_ms = 1000;
        c.write_index = true;
        FlowFileWriter w(c, FlowNamer());
        FlowInfo f = make_flow("10.0.0.1", 1000, "10.0.0.2", 80);
        f.last_ts = {1, 0};
        w.flush_aged(0);
        data(w, f, 0, "abc");
        CPPUNIT_ASSERT(!file_exists(f.path + ".findx"));
        w.flush_aged(1000);
        CPPUNIT_ASSERT_EQUAL(std::string("0|1.000000|3\n"), read_file(f.path + ".findx"));
        w.on_close(f);
    }

    // A full disk: the first error stops the run; later flows close quietly with the truth.
    void first_write_error_throws_once_then_every_flow_says_what_is_on_disk() {
        TempDir d;
        FlowFileWriter w(config(d), FlowNamer());
        FlowInfo full = make_flow("10.0.0.1", 1000, "10.0.0.2", 80);
        FlowInfo waiting = make_flow("10.0.0.3", 1000, "10.0.0.2", 80);
        FlowInfo fine = make_flow("10.0.0.4", 1000, "10.0.0.2", 80);
        data(w, fine, 0, "ok");
        w.on_close(fine);
        data(w, waiting, 0, "buffered");
        data(w, full, 0, std::string(100, 'a'));
        {
            tcpflow::test::FileSizeLimit disk(40);
            CPPUNIT_ASSERT_THROW(w.on_close(full), std::runtime_error);
            CPPUNIT_ASSERT(w.failed());
            w.on_close(waiting);  // no second error: its bytes are simply not written
        }
        CPPUNIT_ASSERT(full.file_truncated);
        CPPUNIT_ASSERT_EQUAL(uint64_t(40), full.stored_bytes);
        CPPUNIT_ASSERT_EQUAL(off_t(40), size_on_disk(full.path));
        CPPUNIT_ASSERT_EQUAL(uint64_t(100), full.logical_size);  // tcpflow's <filesize>
        CPPUNIT_ASSERT(waiting.file_truncated);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), waiting.stored_bytes);
        CPPUNIT_ASSERT_EQUAL(off_t(0), size_on_disk(waiting.path));
        CPPUNIT_ASSERT(!fine.file_truncated);
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), read_file(fine.path));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FlowFileWriterTest);
