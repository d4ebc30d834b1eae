// pcapng reading: interfaces with their own link types and clocks, sections,
// every packet block type, and the ways a block can be damaged.
#include <cppunit/extensions/HelperMacros.h>

#include "capture_builder.h"

namespace tcpflow {
using namespace testcap;

class PcapngReaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PcapngReaderTest);
    CPPUNIT_TEST(givesEachPacketItsInterfaceLinkTypeAndClock);
    CPPUNIT_TEST(convertsPowerOfTwoTimestampResolution);
    CPPUNIT_TEST(addsInterfaceTimestampOffset);
    CPPUNIT_TEST(followsByteOrderOfEachSection);
    CPPUNIT_TEST(restartsInterfaceIdsInEachSection);
    CPPUNIT_TEST(readsSimplePacketsCutToInterfaceZeroSnaplen);
    CPPUNIT_TEST(readsObsoletePacketBlocks);
    CPPUNIT_TEST(skipsUnknownBlockTypes);
    CPPUNIT_TEST(readsGzipCompressedPcapng);
    CPPUNIT_TEST(rejectsBlockLengthNotAMultipleOf4);
    CPPUNIT_TEST(rejectsBlockShorterThanItsTypeAllows);
    CPPUNIT_TEST(rejectsOptionRunningPastItsBlock);
    CPPUNIT_TEST(rejectsTrailerLengthDifferentFromHeader);
    CPPUNIT_TEST(rejectsCaplenRunningPastItsBlock);
    CPPUNIT_TEST(rejectsCaplenAboveTheMaximum);
    CPPUNIT_TEST(rejectsPacketOnUndefinedInterface);
    CPPUNIT_TEST(rejectsPacketBeforeAnyInterface);
    CPPUNIT_TEST(reportsFileCutInsideABlock);
    CPPUNIT_TEST(rejectsUnsupportedVersion);
    CPPUNIT_TEST(rejectsSectionWithoutByteOrderMagic);
    CPPUNIT_TEST(rejectsUnsupportedTimestampResolution);
    CPPUNIT_TEST_SUITE_END();

    static Bytes one_interface(bool big_endian = false, uint32_t snaplen = 65535) {
        Bytes b;
        b.big_endian = big_endian;
        ng_section(b);
        ng_interface(b, 1, snaplen);
        return b;
    }

public:
    void givesEachPacketItsInterfaceLinkTypeAndClock() {
        Bytes b;
        ng_section(b);
        ng_interface(b, 1, 65535);
        ng_interface(b, 101, 128, 9);  // raw IP, nanoseconds
        ng_enhanced(b, 0, 1500000000123456ull, payload(60, 1));
        ng_enhanced(b, 1, 1500000000123456789ull, payload(40, 2), 1400);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(1, r.primary_dlt);
        CPPUNIT_ASSERT_EQUAL(65535u, r.snaplen);
        CPPUNIT_ASSERT_EQUAL(1, r.packets[0].dlt);
        CPPUNIT_ASSERT_EQUAL(int64_t(1500000000), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(123456000u, r.packets[0].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(101, r.packets[1].dlt);
        CPPUNIT_ASSERT_EQUAL(int64_t(1500000000), r.packets[1].ts.sec);
        CPPUNIT_ASSERT_EQUAL(123456789u, r.packets[1].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(40u, r.packets[1].caplen);
        CPPUNIT_ASSERT_EQUAL(1400u, r.packets[1].wirelen);
        CPPUNIT_ASSERT(r.packets[1].data == payload(40, 2));
    }

    void convertsPowerOfTwoTimestampResolution() {
        Bytes b;
        ng_section(b);
        ng_interface(b, 1, 0, 0x80 | 10);  // 1/1024 s
        ng_enhanced(b, 0, 5 * 1024 + 512, payload(20, 0));
        ng_enhanced(b, 0, 7 * 1024 + 1, payload(20, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(int64_t(5), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(500000000u, r.packets[0].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(int64_t(7), r.packets[1].ts.sec);
        CPPUNIT_ASSERT_EQUAL(976562u, r.packets[1].ts.nsec);  // 1e9/1024, rounded down
    }

    void addsInterfaceTimestampOffset() {
        Bytes b;
        ng_section(b);
        ng_interface(b, 1, 65535, 3, 1000000000);  // milliseconds, offset in seconds
        ng_enhanced(b, 0, 2500, payload(20, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(int64_t(1000000002), r.packets.at(0).ts.sec);
        CPPUNIT_ASSERT_EQUAL(500000000u, r.packets.at(0).ts.nsec);
    }

    void followsByteOrderOfEachSection() {
        Bytes b = one_interface(true);
        ng_enhanced(b, 0, 1000001, payload(30, 1));
        b.big_endian = false;
        ng_section(b);
        ng_interface(b, 113, 65535);
        ng_enhanced(b, 0, 2000002, payload(31, 2));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(1, r.packets[0].dlt);
        CPPUNIT_ASSERT_EQUAL(int64_t(1), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(30u, r.packets[0].caplen);
        CPPUNIT_ASSERT_EQUAL(113, r.packets[1].dlt);
        CPPUNIT_ASSERT_EQUAL(int64_t(2), r.packets[1].ts.sec);
        CPPUNIT_ASSERT_EQUAL(2000u, r.packets[1].ts.nsec);
    }

    void restartsInterfaceIdsInEachSection() {
        Bytes b;
        ng_section(b);
        ng_interface(b, 1, 65535);
        ng_interface(b, 1, 65535);
        ng_enhanced(b, 1, 0, payload(20, 0));
        ng_section(b);
        ng_interface(b, 1, 65535);
        ng_enhanced(b, 1, 0, payload(20, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 7: packet on interface 1, but the section describes 1"), r.error);
    }

    void readsSimplePacketsCutToInterfaceZeroSnaplen() {
        Bytes b = one_interface(false, 64);
        ng_enhanced(b, 0, 3000000, payload(20, 0));
        ng_simple(b, payload(64, 7), 100);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(64u, r.packets[1].caplen);
        CPPUNIT_ASSERT_EQUAL(100u, r.packets[1].wirelen);
        CPPUNIT_ASSERT(r.packets[1].data == payload(64, 7));
        // Simple packets carry no time: they keep the clock where it was.
        CPPUNIT_ASSERT_EQUAL(int64_t(3), r.packets[1].ts.sec);
    }

    void readsObsoletePacketBlocks() {
        Bytes b = one_interface();
        ng_obsolete(b, 0, 4000005, payload(33, 3));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(int64_t(4), r.packets.at(0).ts.sec);
        CPPUNIT_ASSERT_EQUAL(5000u, r.packets.at(0).ts.nsec);
        CPPUNIT_ASSERT(r.packets.at(0).data == payload(33, 3));
    }

    void skipsUnknownBlockTypes() {
        Bytes b = one_interface();
        ng_block(b, 4, payload(16, 0));           // name resolution
        ng_enhanced(b, 0, 1, payload(20, 0));
        ng_block(b, 5, payload(20, 0));           // interface statistics
        ng_block(b, 0x40000bad, payload(9, 0));   // custom
        ng_enhanced(b, 0, 2, payload(21, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(2), r.packets.size());
    }

    void readsGzipCompressedPcapng() {
        Bytes b = one_interface();
        for (uint32_t i = 0; i < 500; ++i) ng_enhanced(b, 0, i * 1000000ull, payload(100 + i, uint8_t(i)));
        TempFile f(".pcapng.gz");
        f.write_gzip(b.v);
        ReadResult r = read_capture(f.path());
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(500), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(int64_t(499), r.packets[499].ts.sec);
        CPPUNIT_ASSERT(r.packets[499].data == payload(599, uint8_t(499)));
    }

    void rejectsBlockLengthNotAMultipleOf4() {
        Bytes b = one_interface();
        size_t at = b.v.size();
        ng_enhanced(b, 0, 1, payload(20, 0));
        b.set32(at + 4, 50);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 3: block length 50 is not a multiple of 4"), r.error);
    }

    void rejectsBlockShorterThanItsTypeAllows() {
        Bytes b = one_interface();
        ng_block(b, 6, payload(8, 0));  // 20 bytes: too short for an EPB
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 3: enhanced packet block is too short"), r.error);
    }

    void rejectsOptionRunningPastItsBlock() {
        Bytes b;
        ng_section(b);
        Bytes body = ng_body(b);
        body.u16(1);
        body.u16(0);
        body.u32(65535);
        body.u16(9);    // if_tsresol
        body.u16(200);  // but only 4 bytes follow
        body.u32(6);
        ng_block(b, 1, body.v);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 2: option 9 of length 200 runs past the end of its block"),
                             r.error);
    }

    void rejectsTrailerLengthDifferentFromHeader() {
        Bytes b = one_interface();
        ng_enhanced(b, 0, 1, payload(20, 0));
        b.set32(b.v.size() - 4, 99);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 3: block length 52 in the header and 99 in the trailer differ"),
                             r.error);
    }

    void rejectsCaplenRunningPastItsBlock() {
        Bytes b = one_interface();
        ng_enhanced(b, 0, 1, payload(20, 0));
        ng_enhanced(b, 0, 1, payload(20, 0), 100, 100);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 4: captured length 100 runs past the end of its block"), r.error);
    }

    void rejectsCaplenAboveTheMaximum() {
        Bytes b = one_interface();
        ng_enhanced(b, 0, 1, payload(20, 0), 0, 300000);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(
            std::string("FILE: block 3: captured length 300000 is larger than the maximum 262144 (snaplen 65535)"),
            r.error);
    }

    void rejectsPacketOnUndefinedInterface() {
        Bytes b = one_interface();
        ng_enhanced(b, 3, 1, payload(20, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 3: packet on interface 3, but the section describes 1"), r.error);
    }

    void rejectsPacketBeforeAnyInterface() {
        Bytes b;
        ng_section(b);
        ng_enhanced(b, 0, 1, payload(20, 0));
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT(r.packets.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 2: packet on interface 0, but the section describes 0"), r.error);
    }

    void reportsFileCutInsideABlock() {
        Bytes b = one_interface();
        ng_enhanced(b, 0, 1, payload(20, 0));
        ng_enhanced(b, 0, 2, payload(200, 0));
        b.v.resize(b.v.size() - 30);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: truncated: the file ends in the middle of block 4"), r.error);
    }

    void rejectsUnsupportedVersion() {
        Bytes b;
        ng_section(b, 2);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 1: unsupported pcapng version 2.0"), r.error);
    }

    void rejectsSectionWithoutByteOrderMagic() {
        Bytes b = one_interface();
        b.set32(8, 0x12345678);
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 1: section header has no valid byte-order magic"), r.error);
    }

    void rejectsUnsupportedTimestampResolution() {
        Bytes b;
        ng_section(b);
        ng_interface(b, 1, 65535, 20);  // 10^-20 s overflows 64-bit ticks
        ReadResult r = read_bytes(b.v);
        CPPUNIT_ASSERT_EQUAL(std::string("FILE: block 2: timestamp resolution option value 20 is not supported"),
                             r.error);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PcapngReaderTest);

}  // namespace tcpflow
