// BPF filtering in user space, compiled per link type.
#include <algorithm>
#include <cppunit/extensions/HelperMacros.h>

#include "capture/bpf_filter.h"
#include "capture_builder.h"

namespace tcpflow {
using namespace testcap;

namespace {

// IPv4 + TCP header, 10.0.0.1:1234 -> 10.0.0.2:dport, SYN.
std::vector<uint8_t> ipv4_tcp(uint16_t dport) {
    std::vector<uint8_t> ip = {0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
                               0x04, 0xd2, uint8_t(dport >> 8), uint8_t(dport), 0, 0, 0, 1, 0, 0, 0, 0,
                               0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0};
    return ip;
}

std::vector<uint8_t> ethernet(const std::vector<uint8_t>& ip) {
    static const uint8_t header[14] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00};
    std::vector<uint8_t> f(sizeof header + ip.size());
    std::copy(header, header + sizeof header, f.begin());
    std::copy(ip.begin(), ip.end(), f.begin() + sizeof header);
    return f;
}

RawPacket packet(const std::vector<uint8_t>& d, int dlt) {
    RawPacket p;
    p.dlt = dlt;
    p.caplen = p.wirelen = uint32_t(d.size());
    p.data = d.data();
    return p;
}

}  // namespace

class BpfFilterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BpfFilterTest);
    CPPUNIT_TEST(emptyExpressionMatchesEverything);
    CPPUNIT_TEST(badExpressionFailsAtConstructionWithPcapMessage);
    CPPUNIT_TEST(matchesByPortOnEthernet);
    CPPUNIT_TEST(compilesAgainForRawIpLinkType);
    CPPUNIT_TEST(reportsExpressionThatCannotApplyToALinkType);
    CPPUNIT_TEST(selectsTheSamePacketsAsTcpdumpOnARealCapture);
    CPPUNIT_TEST_SUITE_END();

public:
    void emptyExpressionMatchesEverything() {
        BpfFilter f("");
        std::vector<uint8_t> junk = {1, 2, 3};
        CPPUNIT_ASSERT(f.empty());
        CPPUNIT_ASSERT(f.matches(packet(junk, 9999)));
    }

    void badExpressionFailsAtConstructionWithPcapMessage() {
        try {
            BpfFilter f("tcp port");
            CPPUNIT_FAIL("no exception");
        } catch (const CaptureError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("bad filter expression 'tcp port': syntax error"), std::string(e.what()));
        }
    }

    void matchesByPortOnEthernet() {
        auto to80 = ethernet(ipv4_tcp(80));
        auto to81 = ethernet(ipv4_tcp(81));
        BpfFilter port80("tcp port 80");
        BpfFilter udp("udp");
        CPPUNIT_ASSERT(port80.matches(packet(to80, 1)));
        CPPUNIT_ASSERT(!port80.matches(packet(to81, 1)));
        CPPUNIT_ASSERT(!udp.matches(packet(to80, 1)));
    }

    void compilesAgainForRawIpLinkType() {
        auto eth = ethernet(ipv4_tcp(80));
        auto raw = ipv4_tcp(80);
        auto raw81 = ipv4_tcp(81);
        BpfFilter f("tcp dst port 80 and host 10.0.0.2");
        CPPUNIT_ASSERT(f.matches(packet(eth, 1)));
        CPPUNIT_ASSERT(f.matches(packet(raw, 101)));  // LINKTYPE_RAW, DLT_RAW inside libpcap
        CPPUNIT_ASSERT(!f.matches(packet(raw81, 101)));
        CPPUNIT_ASSERT(f.matches(packet(raw, 228)));  // LINKTYPE_IPV4
        CPPUNIT_ASSERT(f.matches(packet(eth, 1)));
    }

    void reportsExpressionThatCannotApplyToALinkType() {
        BpfFilter f("ether host 00:01:02:03:04:05");
        auto raw = ipv4_tcp(80);
        try {
            f.matches(packet(raw, 101));
            CPPUNIT_FAIL("no exception");
        } catch (const CaptureError& e) {
            std::string m = e.what();
            CPPUNIT_ASSERT(m.find("filter 'ether host 00:01:02:03:04:05' cannot be applied to link type 101: ") == 0);
        }
    }

    void selectsTheSamePacketsAsTcpdumpOnARealCapture() {
        auto src = open_capture_file(data_dir() + "/nsec-http-to-ssh.pcap");
        BpfFilter syn("tcp[tcpflags] & tcp-syn != 0");
        BpfFilter rst("tcp[tcpflags] & tcp-rst != 0");
        RawPacket p;
        int syns = 0, rsts = 0;
        while (src->next(p)) {
            syns += syn.matches(p);
            rsts += rst.matches(p);
        }
        CPPUNIT_ASSERT_EQUAL(2, syns);  // tcpdump -r ... 'tcp[tcpflags] & tcp-syn != 0' | wc -l
        CPPUNIT_ASSERT_EQUAL(2, rsts);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BpfFilterTest);

}  // namespace tcpflow
