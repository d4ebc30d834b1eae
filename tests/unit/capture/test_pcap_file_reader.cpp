// Classic pcap reading: byte orders, time units, limits and damaged files.
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <unistd.h>

#include "capture_builder.h"

namespace tcpflow {
using namespace testcap;

class PcapFileReaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PcapFileReaderTest);
    CPPUNIT_TEST(readsLittleEndianMicrosecondRecords);
    CPPUNIT_TEST(readsBigEndianNanosecondRecords);
    CPPUNIT_TEST(readsModifiedPcapWith24ByteRecordHeaders);
    CPPUNIT_TEST(keepsWireLengthOfSnaplenTruncatedRecords);
    CPPUNIT_TEST(raisesWireLengthToCapturedLengthWhenRecordClaimsLess);
    CPPUNIT_TEST(carriesMicrosecondsPastOneSecondIntoSeconds);
    CPPUNIT_TEST(acceptsCaplenUpToALargeSnaplen);
    CPPUNIT_TEST(readsRecordLargerThanTheReadBuffer);
    CPPUNIT_TEST(keepsEveryByteAcrossBufferRefills);
    CPPUNIT_TEST(rejectsCaplenAboveSnaplenAnd262144KeepingEarlierPackets);
    CPPUNIT_TEST(rejectsAbsurdCaplenEvenWithHugeSnaplen);
    CPPUNIT_TEST(reportsFileCutInsideRecordData);
    CPPUNIT_TEST(reportsFileCutInsideRecordHeader);
    CPPUNIT_TEST(rejectsUnknownMagic);
    CPPUNIT_TEST(rejectsEmptyFile);
    CPPUNIT_TEST(rejectsFileShorterThanItsHeader);
    CPPUNIT_TEST(rejectsMajorVersionOtherThan2);
    CPPUNIT_TEST(rejectsLinktypeWithReservedBits);
    CPPUNIT_TEST(reportsMissingFile);
    CPPUNIT_TEST(readsGzipCompressedCapture);
    CPPUNIT_TEST(reportsGzipStreamCutShort);
    CPPUNIT_TEST(readsStdinWhenPathIsDash);
    CPPUNIT_TEST_SUITE_END();

    static Bytes two_packet_file(bool big_endian, bool nsec) {
        Bytes b = pcap_file(big_endian, nsec, 65535, 1);
        pcap_record(b, 1500000000, nsec ? 123456789 : 123456, payload(60, 1));
        pcap_record(b, 1500000001, 7, payload(1514, 2));
        return b;
    }

public:
    void readsLittleEndianMicrosecondRecords() {
        ReadResult r = read_bytes(two_packet_file(false, false).v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(1, r.primary_dlt);
        CPPUNIT_ASSERT_EQUAL(65535u, r.snaplen);
        CPPUNIT_ASSERT_EQUAL(int64_t(1500000000), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(123456000u, r.packets[0].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(7000u, r.packets[1].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(1, r.packets[1].dlt);
        CPPUNIT_ASSERT_EQUAL(1514u, r.packets[1].caplen);
        CPPUNIT_ASSERT(r.packets[1].data == payload(1514, 2));
    }

    void readsBigEndianNanosecondRecords() {
        ReadResult r = read_bytes(two_packet_file(true, true).v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(int64_t(1500000000), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(123456789u, r.packets[0].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(7u, r.packets[1].ts.nsec);
        CPPUNIT_ASSERT(r.packets[0].data == payload(60, 1));
    }

    void readsModifiedPcapWith24ByteRecordHeaders() {
        Bytes b = pcap_file(false, false, 65535, 1);
        b.set32(0, 0xa1b2cd34);
        for (uint32_t i = 0; i < 2; ++i) {
            pcap_record(b, 10 + i, 0, {});  // header with caplen 0, patched below
            size_t hdr = b.v.size() - 16;
            b.set32(hdr + 8, 40);
            b.set32(hdr + 12, 40);
            b.u32(3);        // ifindex
            b.u16(0x0800);   // protocol
            b.u8(0);         // packet type
            b.u8(0);
            b.raw(payload(40, uint8_t(i)));
        }
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT(r.packets[1].data == payload(40, 1));
    }

    void keepsWireLengthOfSnaplenTruncatedRecords() {
        Bytes b = pcap_file(false, false, 96, 1);
        pcap_record(b, 1, 0, payload(96, 0), 1500);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(96u, r.packets.at(0).caplen);
        CPPUNIT_ASSERT_EQUAL(1500u, r.packets.at(0).wirelen);
    }

    void raisesWireLengthToCapturedLengthWhenRecordClaimsLess() {
        Bytes b = pcap_file(false, false, 65535, 1);
        pcap_record(b, 1, 0, payload(100, 0), 50);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(100u, r.packets.at(0).caplen);
        CPPUNIT_ASSERT_EQUAL(100u, r.packets.at(0).wirelen);
    }

    void carriesMicrosecondsPastOneSecondIntoSeconds() {
        Bytes b = pcap_file(false, false, 65535, 1);
        pcap_record(b, 100, 2500000, payload(10, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(int64_t(102), r.packets.at(0).ts.sec);
        CPPUNIT_ASSERT_EQUAL(500000000u, r.packets.at(0).ts.nsec);
    }

    void acceptsCaplenUpToALargeSnaplen() {
        Bytes b = pcap_file(false, false, 1 << 20, 1);
        pcap_record(b, 1, 0, payload(300000, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(300000u, r.packets.at(0).caplen);
    }

    void readsRecordLargerThanTheReadBuffer() {
        Bytes b = pcap_file(false, false, 8u << 20, 1);
        pcap_record(b, 1, 0, payload(10, 0));
        pcap_record(b, 2, 0, payload(3u << 20, 5));
        pcap_record(b, 3, 0, payload(10, 9));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(3), r.packets.size());
        CPPUNIT_ASSERT(r.packets[1].data == payload(3u << 20, 5));
        CPPUNIT_ASSERT(r.packets[2].data == payload(10, 9));
    }

    void keepsEveryByteAcrossBufferRefills() {
        Bytes b = pcap_file(false, false, 65535, 1);
        for (uint32_t i = 0; i < 4000; ++i) pcap_record(b, i, 0, payload(1 + (i * 37) % 1514, uint8_t(i)));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(4000), r.packets.size());
        for (uint32_t i = 0; i < 4000; ++i) {
            CPPUNIT_ASSERT_EQUAL(int64_t(i), r.packets[i].ts.sec);
            CPPUNIT_ASSERT(r.packets[i].data == payload(1 + (i * 37) % 1514, uint8_t(i)));
        }
    }

    void rejectsCaplenAboveSnaplenAnd262144KeepingEarlierPackets() {
        Bytes b = pcap_file(false, false, 65535, 1);
        pcap_record(b, 1, 0, payload(60, 0));
        pcap_record(b, 2, 0, payload(60, 0), 0, 300000);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(
            std::string("FILE: record 2: captured length 300000 is larger than the maximum 262144 (snaplen 65535)"),
            r.error);
    }

    void rejectsAbsurdCaplenEvenWithHugeSnaplen() {
        Bytes b = pcap_file(false, false, 0xffffffff, 1);
        pcap_record(b, 1, 0, payload(60, 0), 0, 20u << 20);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT(r.packets.empty());
        CPPUNIT_ASSERT(r.error.find("record 1: captured length 20971520 is larger than the maximum 16777216") !=
                       std::string::npos);
    }

    void reportsFileCutInsideRecordData() {
        Bytes b = two_packet_file(false, false);
        b.v.resize(b.v.size() - 100);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: truncated: the file ends in the middle of record 2"), r.error);
    }

    void reportsFileCutInsideRecordHeader() {
        Bytes b = two_packet_file(false, false);
        b.v.resize(24 + 16 + 60 + 5);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: truncated: the file ends in the middle of record 2"), r.error);
    }

    void rejectsUnknownMagic() {
        ReadResult r = read_bytes(std::vector<uint8_t>(100, 'x'));
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: not a pcap or pcapng capture"), r.error);
    }

    void rejectsEmptyFile() {
        ReadResult r = read_bytes({});
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: the file is empty"), r.error);
    }

    void rejectsFileShorterThanItsHeader() {
        Bytes b = pcap_file(false, false, 65535, 1);
        b.v.resize(20);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: truncated: the file ends inside the pcap file header"), r.error);
    }

    void rejectsMajorVersionOtherThan2() {
        ReadResult r = read_bytes(pcap_file(false, false, 65535, 1, 1, 4).v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: unsupported pcap version 1.4 (only 2.x is supported)"), r.error);
    }

    void rejectsLinktypeWithReservedBits() {
        ReadResult r = read_bytes(pcap_file(false, false, 65535, 0x00300000).v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: link type field 0x00300000 has reserved bits set"), r.error);
    }

    void reportsMissingFile() {
        ReadResult r = read_capture("/nonexistent/x.pcap");
        CPPUNIT_ASSERT_EQUAL(std::string("/nonexistent/x.pcap: cannot open: No such file or directory"), r.error);
    }

    void readsGzipCompressedCapture() {
        Bytes b = pcap_file(false, false, 65535, 1);
        for (uint32_t i = 0; i < 3000; ++i) pcap_record(b, i, i, payload(1 + i % 1500, uint8_t(i)));
        TempFile f(".pcap.gz");
        f.write_gzip(b.v);
        CPPUNIT_ASSERT(read_file(f.path()).at(0) == 0x1f);  // really compressed
        ReadResult r = read_capture(f.path());
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(3000), r.packets.size());
        CPPUNIT_ASSERT(r.packets[2999].data == payload(1 + 2999 % 1500, uint8_t(2999)));
    }

    void reportsGzipStreamCutShort() {
        Bytes b = pcap_file(false, false, 65535, 1);
        for (uint32_t i = 0; i < 3000; ++i) pcap_record(b, i, i, payload(1 + i % 1500, uint8_t(i)));
        TempFile gz(".pcap.gz");
        gz.write_gzip(b.v);
        std::vector<uint8_t> z = read_file(gz.path());
        z.resize(z.size() / 2);
        TempFile cut(".pcap.gz");
        cut.write(z);
        ReadResult r = read_capture(cut.path());
        CPPUNIT_ASSERT(!r.packets.empty());
        CPPUNIT_ASSERT(r.packets.size() < 3000);
        CPPUNIT_ASSERT(r.error.find(": truncated: ") != std::string::npos);
    }

    void readsStdinWhenPathIsDash() {
        TempFile f(".pcap");
        f.write(two_packet_file(false, false).v);
        int saved = ::dup(0);
        int fd = ::open(f.path().c_str(), O_RDONLY);
        ::dup2(fd, 0);
        ::close(fd);
        std::string name;
        size_t count = 0;
        {
            auto src = open_capture_file("-");
            name = src->describe();
            RawPacket p;
            while (src->next(p)) ++count;
        }
        ::dup2(saved, 0);
        ::close(saved);
        CPPUNIT_ASSERT_EQUAL(std::string("stdin"), name);
        CPPUNIT_ASSERT_EQUAL(size_t(2), count);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PcapFileReaderTest);

}  // namespace tcpflow
