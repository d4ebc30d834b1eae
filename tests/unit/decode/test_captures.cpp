// Real captures (copies listed in captures/MANIFEST.tsv): per capture, the TCP
// segments, declared payload bytes and 4-tuples must match what tshark counts
// with `-Y tcp` (tshark reassembles IP fragments and decodes every tunnel here).
#include <cppunit/extensions/HelperMacros.h>
#include <pcap.h>

#include <cstring>
#include <set>
#include <string>

#include "decode/decoder.h"

#ifndef DECODE_TESTDATA
#define DECODE_TESTDATA "tests/unit/decode"
#endif

using namespace tcpflow;

namespace {

struct Expected {
    const char* file;
    size_t flows;       // distinct (src, sport, dst, dport)
    uint64_t segments;  // tshark: frames matching `tcp`
    uint64_t bytes;     // tshark: sum of tcp.len
};

const Expected kCaptures[] = {
    {"ipv4-frag-tcp.pcap", 2, 3, 69},
    {"ipv6-frag-vlan-tcp.pcap", 1, 1, 1000},
    {"ipip-tcp.pcap", 1, 1, 52},
    {"sll2-http.pcap", 2, 5, 82},
    {"rawip4-linktype228.pcap", 2, 7, 164},
    {"mpls-in-vlan-nosyn.pcap", 3, 3, 2311},
    {"ipv6-http-atomic-frag.pcap", 8, 36, 412},
    {"gre-tcp.pcap", 2, 22, 2623},
    {"vxlan-http.pcap", 2, 12, 9299},
    {"ipv6-http-null.pcap", 2, 14, 791},
    {"pppoe-qinq-tcp.pcap", 2, 86, 34520},
};

struct Counted {
    std::set<std::string> flows;
    uint64_t segments = 0, bytes = 0;
};

Counted decode_file(const std::string& path, Decoder& d) {
    char err[PCAP_ERRBUF_SIZE];
    pcap_t* pc = pcap_open_offline(path.c_str(), err);
    CPPUNIT_ASSERT_MESSAGE(path + ": " + err, pc != nullptr);
    const int dlt = pcap_datalink(pc);
    CPPUNIT_ASSERT(Decoder::supports_dlt(dlt));
    Counted c;
    pcap_pkthdr* h;
    const u_char* data;
    while (pcap_next_ex(pc, &h, &data) == 1) {
        Timestamp ts;
        ts.sec = h->ts.tv_sec;
        ts.nsec = uint32_t(h->ts.tv_usec) * 1000u;
        TcpSegment s;
        if (d.decode(dlt, ts, data, h->caplen, h->len, s) != DecodeStatus::Tcp) continue;
        std::string key(reinterpret_cast<const char*>(s.src), 16);
        key.append(reinterpret_cast<const char*>(s.dst), 16);
        key += std::to_string(s.sport) + "/" + std::to_string(s.dport);
        c.flows.insert(key);
        ++c.segments;
        c.bytes += s.payload_wire_len;
    }
    pcap_close(pc);
    return c;
}

}  // namespace

class CaptureTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CaptureTest);
    CPPUNIT_TEST(segments_and_bytes_match_tshark_on_real_captures);
    CPPUNIT_TEST(ipv6_fragments_behind_a_vlan_tag_keep_the_vlan);
    CPPUNIT_TEST_SUITE_END();

public:
    void segments_and_bytes_match_tshark_on_real_captures() {
        for (const Expected& e : kCaptures) {
            Decoder d;
            const Counted c = decode_file(std::string(DECODE_TESTDATA) + "/captures/" + e.file, d);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.flows, c.flows.size());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.segments, c.segments);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.bytes, c.bytes);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, uint64_t(0), d.stats().malformed);
        }
    }

    void ipv6_fragments_behind_a_vlan_tag_keep_the_vlan() {
        char err[PCAP_ERRBUF_SIZE];
        pcap_t* pc = pcap_open_offline((std::string(DECODE_TESTDATA) + "/captures/ipv6-frag-vlan-tcp.pcap").c_str(), err);
        CPPUNIT_ASSERT(pc != nullptr);
        Decoder d;
        pcap_pkthdr* h;
        const u_char* data;
        int tcp = 0;
        while (pcap_next_ex(pc, &h, &data) == 1) {
            TcpSegment s;
            if (d.decode(pcap_datalink(pc), Timestamp(), data, h->caplen, h->len, s) != DecodeStatus::Tcp) continue;
            ++tcp;
            CPPUNIT_ASSERT(s.has_vlan);
            CPPUNIT_ASSERT_EQUAL(uint8_t(6), s.family);
            CPPUNIT_ASSERT_EQUAL(uint32_t(1000), s.payload_len);
        }
        pcap_close(pc);
        CPPUNIT_ASSERT_EQUAL(1, tcp);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().reassembled);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CaptureTest);
