// Pipes and FIFOs are streams: each complete record is handed out as it arrives, a quiet
// pipe makes read() return Idle (so the caller's loop keeps ticking), and a stop hands out
// what the pipe buffer already holds, then ends, leaving an incomplete record unread.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "capture/packet_source.h"
#include "capture_builder.h"

using namespace tcpflow;
using namespace tcpflow::testcap;

namespace {

struct Pipe {
    int rd = -1, wr = -1;
    Pipe() {
        int p[2];
        if (::pipe(p) == 0) rd = p[0], wr = p[1];
    }
    ~Pipe() {
        if (rd >= 0) ::close(rd);
        close_writer();
    }
    void write(const std::vector<uint8_t>& d, size_t from, size_t to) const {
        CPPUNIT_ASSERT_EQUAL(ssize_t(to - from), ::write(wr, d.data() + from, to - from));
    }
    void close_writer() {
        if (wr >= 0) ::close(wr);
        wr = -1;
    }
    std::string path() const { return "/dev/fd/" + std::to_string(rd); }
};

Bytes three_records(std::vector<size_t>& ends) {
    Bytes b = pcap_file(false, false, 65535, 1);
    ends.push_back(b.v.size());
    for (uint8_t i = 0; i < 3; ++i) {
        pcap_record(b, 1000 + i, 0, payload(100 + i, i));
        ends.push_back(b.v.size());
    }
    return b;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

class StreamInputTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StreamInputTest);
    CPPUNIT_TEST(handsOutEachRecordAsItArrives);
    CPPUNIT_TEST(stopDrainsThePipeBufferAndLeavesAPartialRecord);
    CPPUNIT_TEST(gzipStreamIsInflatedAsItArrives);
    CPPUNIT_TEST(stopOnARegularFileReadToItsEndIsNotAnInterruption);
    CPPUNIT_TEST_SUITE_END();

public:
    void tearDown() override { reset_capture_stop(); }

    void handsOutEachRecordAsItArrives() {
        std::vector<size_t> ends;
        Bytes b = three_records(ends);
        Pipe p;
        p.write(b.v, 0, ends[1] + 10);  // header, record 1, part of record 2
        auto src = open_capture_file(p.path());
        CPPUNIT_ASSERT(src->can_idle());
        RawPacket pkt;
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Packet);
        CPPUNIT_ASSERT_EQUAL(uint32_t(100), pkt.caplen);
        auto t = std::chrono::steady_clock::now();
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Idle);  // record 2 is incomplete
        CPPUNIT_ASSERT(seconds_since(t) < 0.5);
        p.write(b.v, ends[1] + 10, ends[3]);
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Packet);
        CPPUNIT_ASSERT_EQUAL(uint32_t(101), pkt.caplen);
        CPPUNIT_ASSERT_EQUAL(uint8_t(1), pkt.data[0]);
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Packet);
        p.close_writer();
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::End);
        CPPUNIT_ASSERT(!src->stopped_early());
        CPPUNIT_ASSERT_EQUAL(uint64_t(ends[3]), src->offset());
    }

    void stopDrainsThePipeBufferAndLeavesAPartialRecord() {
        std::vector<size_t> ends;
        Bytes b = three_records(ends);
        Pipe p;
        p.write(b.v, 0, ends[1]);
        auto src = open_capture_file(p.path());
        RawPacket pkt;
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Packet);
        p.write(b.v, ends[1], ends[3] - 5);  // record 2 whole, record 3 not: both in the pipe buffer
        request_capture_stop(SIGTERM);
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Packet);
        CPPUNIT_ASSERT_EQUAL(uint32_t(101), pkt.caplen);
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::End);  // the writer is still there: no wait
        CPPUNIT_ASSERT(src->stopped_early());
        CPPUNIT_ASSERT_EQUAL(uint64_t(ends[2]), src->offset());
        CPPUNIT_ASSERT_EQUAL(int(SIGTERM), capture_stop_signal());
    }

    void gzipStreamIsInflatedAsItArrives() {
        std::vector<size_t> ends;
        Bytes b = three_records(ends);
        TempFile gz(".pcap.gz");
        gz.write_gzip(b.v);
        std::ifstream in(gz.path(), std::ios::binary);
        std::vector<uint8_t> z((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        Pipe p;
        p.write(z, 0, z.size());
        auto src = open_capture_file(p.path());
        RawPacket pkt;
        for (int i = 0; i < 3; ++i) {
            CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Packet);
            CPPUNIT_ASSERT_EQUAL(uint32_t(100 + i), pkt.caplen);
        }
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::Idle);  // the writer may still send more
        p.close_writer();
        CPPUNIT_ASSERT(src->read(pkt) == ReadStatus::End);
        CPPUNIT_ASSERT_EQUAL(uint64_t(ends[3]), src->offset());
    }

    void stopOnARegularFileReadToItsEndIsNotAnInterruption() {
        std::vector<size_t> ends;
        Bytes b = three_records(ends);
        TempFile f(".pcap");
        f.write(b.v);
        auto src = open_capture_file(f.path());
        CPPUNIT_ASSERT(!src->can_idle());
        request_capture_stop(SIGINT);
        RawPacket pkt;
        int n = 0;
        while (src->read(pkt) == ReadStatus::Packet) ++n;
        CPPUNIT_ASSERT_EQUAL(3, n);  // all of it was in the read buffer already
        CPPUNIT_ASSERT(!src->stopped_early());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StreamInputTest);
