// Real captures kept beside the tests (see MANIFEST.tsv); the expected values
// come from tshark and tcpdump on the same files.
#include <cppunit/extensions/HelperMacros.h>

#include "capture_builder.h"

namespace tcpflow {
using namespace testcap;

class RealCapturesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RealCapturesTest);
    CPPUNIT_TEST(readsNanosecondPcapLikeTshark);
    CPPUNIT_TEST(readsPcapngWhoseInterfacesDifferInSnaplenAndLinkType);
    CPPUNIT_TEST(stopsAtFuzzedCaplenAfterTheGoodRecordLikeLibpcap);
    CPPUNIT_TEST(rejectsSectionHeaderOptionRunningPastItsBlock);
    CPPUNIT_TEST_SUITE_END();

    static std::string path(const char* name) { return data_dir() + "/" + name; }

public:
    void readsNanosecondPcapLikeTshark() {
        ReadResult r = read_capture(path("nsec-http-to-ssh.pcap"));
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(9), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(2000u, r.snaplen);
        CPPUNIT_ASSERT_EQUAL(int64_t(1770126425), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(732560000u, r.packets[0].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(671u, r.packets[3].caplen);
        CPPUNIT_ASSERT_EQUAL(int64_t(1770126426), r.packets[8].ts.sec);
        CPPUNIT_ASSERT_EQUAL(41811000u, r.packets[8].ts.nsec);
    }

    void readsPcapngWhoseInterfacesDifferInSnaplenAndLinkType() {
        // libpcap refuses this file (interfaces differ in snaplen); tshark reads it.
        ReadResult r = read_capture(path("pcapng-126idb-ldap-gap.pcapng"));
        CPPUNIT_ASSERT_EQUAL(std::string(), r.error);
        CPPUNIT_ASSERT_EQUAL(size_t(18), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(1, r.primary_dlt);
        uint64_t bytes = 0;
        for (const Packet& p : r.packets) {
            CPPUNIT_ASSERT_EQUAL(1, p.dlt);  // all on interface 48, Ethernet
            bytes += p.caplen;
        }
        CPPUNIT_ASSERT_EQUAL(uint64_t(4969), bytes);
        CPPUNIT_ASSERT_EQUAL(int64_t(1725966494), r.packets[0].ts.sec);
        CPPUNIT_ASSERT_EQUAL(956327000u, r.packets[0].ts.nsec);
        CPPUNIT_ASSERT_EQUAL(127166000u, r.packets[17].ts.nsec);
    }

    void stopsAtFuzzedCaplenAfterTheGoodRecordLikeLibpcap() {
        ReadResult r = read_capture(path("malformed-caplen-fuzz.pcap"));
        CPPUNIT_ASSERT_EQUAL(size_t(1), r.packets.size());
        CPPUNIT_ASSERT_EQUAL(188u, r.packets[0].caplen);
        CPPUNIT_ASSERT_EQUAL(path("malformed-caplen-fuzz.pcap") +
                                 ": record 2: captured length 1409179648 is larger than the maximum 262144 (snaplen 65535)",
                             r.error);
    }

    void rejectsSectionHeaderOptionRunningPastItsBlock() {
        ReadResult r = read_capture(path("malformed-pcapng-shb-option-too-long.pcapng"));
        CPPUNIT_ASSERT(r.packets.empty());
        CPPUNIT_ASSERT_EQUAL(path("malformed-pcapng-shb-option-too-long.pcapng") +
                                 ": block 1: option 12336 of length 12336 runs past the end of its block",
                             r.error);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RealCapturesTest);

}  // namespace tcpflow
