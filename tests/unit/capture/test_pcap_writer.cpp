// The classic-pcap writer: what it writes reads back the same, through our
// reader and through libpcap; failures are one clear line.
#include <cppunit/extensions/HelperMacros.h>
#include <pcap/pcap.h>

#include "capture/pcap_writer.h"
#include "capture_builder.h"

namespace tcpflow {
using namespace testcap;

namespace {

struct Sample {
    std::vector<uint8_t> data;
    RawPacket raw;
};

std::vector<Sample> samples(size_t n) {
    std::vector<Sample> s(n);
    for (size_t i = 0; i < n; ++i) {
        s[i].data = payload(40 + i * 13 % 1500, uint8_t(i));
        s[i].raw.ts = {int64_t(1600000000 + i), uint32_t(i * 1000 + 7)};
        s[i].raw.dlt = 1;
        s[i].raw.caplen = uint32_t(s[i].data.size());
        s[i].raw.wirelen = s[i].raw.caplen + 4;
        s[i].raw.data = s[i].data.data();
    }
    return s;
}

}  // namespace

class PcapWriterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PcapWriterTest);
    CPPUNIT_TEST(writesPacketsThatReadBackWithMicrosecondTimes);
    CPPUNIT_TEST(keepsNanosecondsWithNanosecondMagic);
    CPPUNIT_TEST(writesFilesLibpcapReads);
    CPPUNIT_TEST(cutsPacketsLongerThanItsSnaplen);
    CPPUNIT_TEST(appendsRecordsAfterAnExistingHeader);
    CPPUNIT_TEST(reportsUncreatableFileInOneLine);
    CPPUNIT_TEST(reportsFullDiskInOneLine);
    CPPUNIT_TEST_SUITE_END();

public:
    void writesPacketsThatReadBackWithMicrosecondTimes() {
        TempFile f(".pcap");
        auto s = samples(500);
        PcapWriter w;
        w.open(f.path(), 1, 65535, {false, 4096, false});  // small buffer: many flushes
        for (auto& x : s) w.write(x.raw);
        w.close();
        ReadResult r = read_capture(f.path());
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(500), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(65535u, r.snaplen);
        for (size_t i = 0; i < s.size(); ++i) {
            CPPUNIT_ASSERT(r.packets[i].data == s[i].data);
            CPPUNIT_ASSERT_EQUAL(s[i].raw.ts.sec, r.packets[i].ts.sec);
            CPPUNIT_ASSERT_EQUAL(s[i].raw.ts.nsec / 1000 * 1000, r.packets[i].ts.nsec);
            CPPUNIT_ASSERT_EQUAL(s[i].raw.wirelen, r.packets[i].wirelen);
        }
    }

    void keepsNanosecondsWithNanosecondMagic() {
        TempFile f(".pcap");
        auto s = samples(3);
        PcapWriter w;
        w.open(f.path(), 101, 262144, {true, 65536, false});
        for (auto& x : s) w.write(x.raw);
        w.close();
        ReadResult r = read_capture(f.path());
        CPPUNIT_ASSERT_EQUAL(size_t(3), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(101, r.packets[2].dlt);
        CPPUNIT_ASSERT_EQUAL(2007u, r.packets[2].ts.nsec);
    }

    void writesFilesLibpcapReads() {
        TempFile f(".pcap");
        auto s = samples(20);
        {
            PcapWriter w;
            w.open(f.path(), 1, 65535);
            for (auto& x : s) w.write(x.raw);
        }  // the destructor closes and flushes
        char err[PCAP_ERRBUF_SIZE];
        pcap_t* p = pcap_open_offline(f.path().c_str(), err);
        CPPUNIT_ASSERT(p != nullptr);
        CPPUNIT_ASSERT_EQUAL(DLT_EN10MB, pcap_datalink(p));
        pcap_pkthdr* h;
        const u_char* d;
        int n = 0;
        while (pcap_next_ex(p, &h, &d) == 1) {
            CPPUNIT_ASSERT_EQUAL(s[n].raw.caplen, h->caplen);
            ++n;
        }
        pcap_close(p);
        CPPUNIT_ASSERT_EQUAL(20, n);
    }

    void cutsPacketsLongerThanItsSnaplen() {
        TempFile f(".pcap");
        auto s = samples(2);
        PcapWriter w;
        w.open(f.path(), 1, 30);
        w.write(s[1].raw);
        w.close();
        ReadResult r = read_capture(f.path());
        CPPUNIT_ASSERT_EQUAL(30u, r.packets.at(0).caplen);
        CPPUNIT_ASSERT_EQUAL(s[1].raw.wirelen, r.packets.at(0).wirelen);
    }

    void appendsRecordsAfterAnExistingHeader() {
        TempFile f(".pcap");
        auto s = samples(4);
        PcapWriter w;
        w.open(f.path(), 1, 65535);
        w.write(s[0].raw);
        w.write(s[1].raw);
        w.close();
        w.open(f.path(), 1, 65535, {false, 65536, true});
        w.write(s[2].raw);
        w.write(s[3].raw);
        w.close();
        ReadResult r = read_capture(f.path());
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(4), r.packets.size());
        CPPUNIT_ASSERT(r.packets[3].data == s[3].data);
    }

    void reportsUncreatableFileInOneLine() {
        PcapWriter w;
        try {
            w.open("/nonexistent-dir/x.pcap", 1, 65535);
            CPPUNIT_FAIL("no exception");
        } catch (const std::runtime_error& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("cannot create '/nonexistent-dir/x.pcap': No such file or directory"),
                                 std::string(e.what()));
        }
    }

    void reportsFullDiskInOneLine() {
        auto s = samples(1);
        PcapWriter w;
        w.open("/dev/full", 1, 65535);
        w.write(s[0].raw);
        try {
            w.close();
            CPPUNIT_FAIL("no exception");
        } catch (const std::runtime_error& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("cannot write '/dev/full': No space left on device"), std::string(e.what()));
        }
        CPPUNIT_ASSERT(!w.is_open());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PcapWriterTest);

}  // namespace tcpflow
