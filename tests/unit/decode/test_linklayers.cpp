// The link layers added for issue 15: 802.11 (plain, radiotap, Prism, AVS, PPI;
// QoS, 4-address, A-MSDU, protected), 802.2 LLC/SNAP on 802.3, FDDI and token
// ring, NFLOG, PFLOG, ARCNET, IPoIB, GPRS LLC, capture headers (ipnet, enc,
// PKTAP, netANALYZER), 802.11 in Aruba GRE and CAPWAP. Whole captures of each
// are checked against tshark by tests/decode/linklayers.sh; here each layer's
// corner cases and bounds.
#include <cppunit/extensions/HelperMacros.h>

#include "decode/decoder.h"
#include "frames.h"

using namespace tcpflow;
using namespace tcpflow::testframes;

namespace {
const Bytes kData = text("hello");

Bytes le16(uint16_t v) { return {uint8_t(v), uint8_t(v >> 8)}; }
Bytes le32(uint32_t v) { return le16(uint16_t(v)) + le16(uint16_t(v >> 16)); }
Bytes be32(uint32_t v) { Bytes b; put32(b, v); return b; }

Bytes snap(uint16_t type = 0x0800) {
    Bytes b = {0xaa, 0xaa, 0x03, 0, 0, 0};
    put16(b, type);
    return b;
}

// 802.11 data frame header: flags (byte 2 of frame control), QoS control if any.
Bytes wlan(uint8_t flags, bool qos = false, uint16_t qos_ctl = 0, uint8_t subtype_bits = 0) {
    Bytes b = {uint8_t(0x08 | (qos ? 0x80 : 0) | subtype_bits), flags, 0, 0};
    append(b, Bytes(18, 0x11));  // three addresses
    append(b, Bytes{0x10, 0});   // sequence control
    if ((flags & 0x03) == 0x03) append(b, Bytes(6, 0x22));
    if (qos) append(b, le16(qos_ctl));
    return b;
}

Bytes radiotap(uint8_t flags) {
    // present: flags only (bit 1); header 9 bytes
    return Bytes{0, 0} + le16(9) + le32(0x2) + Bytes{flags};
}

void assert_tcp(const Result& r, const std::string& payload = "hello") {
    CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
    CPPUNIT_ASSERT_EQUAL(payload, r.payload);
}
}  // namespace

class LinkLayersTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LinkLayersTest);
    CPPUNIT_TEST(every_prefix_of_every_new_link_type_is_safe);
    CPPUNIT_TEST(ieee80211_non_data_null_and_protected_frames_are_not_ip);
    CPPUNIT_TEST(ieee80211_four_address_qos_with_ht_control);
    CPPUNIT_TEST(ieee80211_amsdu_finds_the_tcp_subframe);
    CPPUNIT_TEST(ieee80211_more_fragments_is_not_decoded);
    CPPUNIT_TEST(radiotap_fcs_is_trimmed_and_bad_fcs_dropped);
    CPPUNIT_TEST(radiotap_data_pad_aligns_the_payload);
    CPPUNIT_TEST(radiotap_lengths_beyond_the_frame_are_malformed);
    CPPUNIT_TEST(llc_on_8023_is_bounded_by_the_length_field);
    CPPUNIT_TEST(llc_non_snap_saps_are_not_ip);
    CPPUNIT_TEST(nflog_big_endian_tlvs_and_missing_payload);
    CPPUNIT_TEST(arcnet_exception_and_split_packets);
    CPPUNIT_TEST(gprs_llc_compressed_segmented_and_control_frames);
    CPPUNIT_TEST(capwap_dtls_keepalive_and_ethernet_payloads);
    CPPUNIT_TEST(aruba_gre_carries_80211);
    CPPUNIT_TEST(ppi_and_pktap_nesting_is_bounded);
    CPPUNIT_TEST(erf_extension_headers_record_length_and_pos);
    CPPUNIT_TEST(linktype9_carries_cisco_hdlc);
    CPPUNIT_TEST_SUITE_END();

public:
    void every_prefix_of_every_new_link_type_is_safe() {
        const Bytes ip = ipv4(tcp(kData));
        auto check = [&](int dlt, const Bytes& frame) { check_every_prefix(dlt, frame, frame.size() - kData.size()); };
        check(105, wlan(0x01) + snap() + ip);
        check(127, radiotap(0) + wlan(0x02, true) + snap() + ip);
        check(119, Bytes{0x41, 0, 0, 0} + le32(144) + Bytes(136, 0) + wlan(0x01) + snap() + ip);
        check(163, be32(0x80211001) + be32(64) + Bytes(56, 0) + wlan(0x01) + snap() + ip);
        check(192, Bytes{0, 0} + le16(8) + le32(105) + wlan(0x01) + snap() + ip);
        check(1, Bytes(12, 0x02) + Bytes{0, uint8_t(8 + ip.size())} + snap() + ip);
        check(10, Bytes{0x50} + Bytes(12, 0x02) + snap() + ip);
        check(6, Bytes{0x10, 0x40} + Bytes(6, 0x02) + Bytes{0x80, 0, 0, 0, 0, 1} + Bytes{0x04, 0x30, 0, 0x10} + snap() + ip);
        check(100, snap() + ip);
        check(239, Bytes{2, 0, 0, 0} + le16(8) + le16(1) + Bytes(4, 0) + le16(uint16_t(4 + ip.size())) + le16(9) + ip);
        check(117, Bytes{61, 2} + Bytes(62, 0) + ip);
        check(129, Bytes{1, 2, 0, 0, 0xd4, 0, 0, 1} + ip);
        check(7, Bytes{1, 2, 0xf0} + ip);
        check(242, Bytes(40, 0) + Bytes{0x08, 0x00, 0, 0} + ip);
        check(226, Bytes{2, 2} + Bytes(22, 0) + ip);
        check(109, Bytes(12, 0) + ip);
        check(258, le32(12) + le32(1) + le32(101) + ip);
        check(240, Bytes(4, 0) + ether(0x0800) + ip);
        check(241, Bytes(12, 0) + ether(0x0800) + ip);
        check(219, Bytes{0, 1, 1, 0x40} + ip);
        check(197, Bytes(8, 0) + Bytes{0x02, 0, 0, uint8_t(16 + 2 + 14 + ip.size()), 0, 0, 0, 0} + Bytes{0, 0} + ether(0x0800) + ip);
        check(197, Bytes(8, 0) + Bytes{0x16, 0, 0, uint8_t(16 + ip.size()), 0, 0, 0, 0} + ip);
    }

    void ieee80211_non_data_null_and_protected_frames_are_not_ip() {
        const Bytes payload = snap() + ipv4(tcp(kData));
        Bytes beacon = wlan(0);
        beacon[0] = 0x80;  // management, beacon
        CPPUNIT_ASSERT(run(105, beacon + payload).status == DecodeStatus::NotIp);
        CPPUNIT_ASSERT(run(105, wlan(0x01, false, 0, 0x40) + payload).status == DecodeStatus::NotIp);  // null data
        CPPUNIT_ASSERT(run(105, wlan(0x41) + payload).status == DecodeStatus::NotIp);  // protected
        Bytes v1 = wlan(0x01) + payload;
        v1[0] |= 0x01;  // protocol version 1 does not exist
        CPPUNIT_ASSERT(run(105, v1).status == DecodeStatus::Malformed);
        assert_tcp(run(105, wlan(0x01) + payload));
    }

    void ieee80211_four_address_qos_with_ht_control() {
        // Order flag on a QoS frame: a 4-byte HT control field after QoS control.
        assert_tcp(run(105, wlan(0x83, true) + Bytes(4, 0x44) + snap() + ipv4(tcp(kData))));
        assert_tcp(run(105, wlan(0x03, true) + snap(0x86dd) + ipv6(tcp(kData))));
    }

    void ieee80211_amsdu_finds_the_tcp_subframe() {
        const Bytes stp = {0x42, 0x42, 0x03, 0, 0};  // 14 + 5 bytes: 1 padding byte before the next subframe
        const Bytes ip = snap() + ipv4(tcp(kData));
        Bytes f = wlan(0x01, true, 0x0080);
        append(f, Bytes(12, 0x55) + Bytes{0, uint8_t(stp.size())} + stp + Bytes(1, 0));
        append(f, Bytes(12, 0x66) + Bytes{0, uint8_t(ip.size())} + ip);
        assert_tcp(run(105, f));
        // A subframe length past the frame is truncated, not read.
        Bytes bad = wlan(0x01, true, 0x0080) + Bytes(12, 0x55) + Bytes{0x05, 0xdc} + ip;
        CPPUNIT_ASSERT(run(105, bad).status == DecodeStatus::Truncated);
    }

    void ieee80211_more_fragments_is_not_decoded() {
        CPPUNIT_ASSERT(run(105, wlan(0x05) + snap() + ipv4(tcp(kData))).status == DecodeStatus::Truncated);
    }

    void radiotap_fcs_is_trimmed_and_bad_fcs_dropped() {
        // IPv4 with total length 0 means "what was captured": the FCS must not become data.
        Ip4 h;
        h.total = 0;
        const Bytes frame = wlan(0x01) + snap() + ipv4(h, tcp(kData)) + Bytes{0xde, 0xad, 0xbe, 0xef};
        assert_tcp(run(127, radiotap(0x10) + frame));
        CPPUNIT_ASSERT(run(127, radiotap(0x50) + frame).status == DecodeStatus::Malformed);
    }

    void radiotap_data_pad_aligns_the_payload() {
        // QoS header is 26 bytes: the data pad flag moves the payload to 28.
        assert_tcp(run(127, radiotap(0x20) + wlan(0x01, true) + Bytes{0, 0} + snap() + ipv4(tcp(kData))));
    }

    void radiotap_lengths_beyond_the_frame_are_malformed() {
        CPPUNIT_ASSERT(run(127, Bytes{0, 0} + le16(200) + le32(0) + wlan(0x01)).status == DecodeStatus::Malformed);
        // Extended present words that never end run into the header's end: no flags read.
        Bytes endless = Bytes{0, 0} + le16(16) + le32(0x80000002) + le32(0x80000000) + le32(0x80000000) + wlan(0x01) +
                        snap() + ipv4(tcp(kData));
        assert_tcp(run(127, endless));
        CPPUNIT_ASSERT(run(119, Bytes{0x41, 0, 0, 0} + le32(1000) + wlan(0x01)).status == DecodeStatus::Malformed);
        CPPUNIT_ASSERT(run(163, be32(0x12345678) + be32(64)).status == DecodeStatus::Malformed);
        // Prism files that hold AVS headers are read as AVS.
        assert_tcp(run(119, be32(0x80211001) + be32(64) + Bytes(56, 0) + wlan(0x01) + snap() + ipv4(tcp(kData))));
    }

    void llc_on_8023_is_bounded_by_the_length_field() {
        Ip4 h;
        h.total = 0;  // "what was captured": only the 802.3 length keeps the padding out
        const Bytes llc = snap() + ipv4(h, tcp(kData));
        const Bytes f = Bytes(12, 0x02) + Bytes{0, uint8_t(llc.size())} + llc + Bytes(10, 'P');
        assert_tcp(run(1, f));
    }

    void llc_non_snap_saps_are_not_ip() {
        const Bytes ip = ipv4(tcp(kData));
        CPPUNIT_ASSERT(run(100, Bytes{0x42, 0x42, 0x03} + ip).status == DecodeStatus::NotIp);          // STP
        CPPUNIT_ASSERT(run(100, Bytes{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0} + ip).status == DecodeStatus::NotIp);  // Cisco OUI
        CPPUNIT_ASSERT(run(100, Bytes{0xaa, 0xaa, 0x00, 0x01} + ip).status == DecodeStatus::NotIp);    // I frame
        assert_tcp(run(100, Bytes{0x06, 0x06, 0x03} + ip));                                             // RFC 948
        Bytes sll(14, 0);
        put16(sll, 0x0004);  // ETH_P_802_2: the frame is 802.2 LLC
        assert_tcp(run(113, sll + snap() + ip));
        CPPUNIT_ASSERT(run(10, Bytes{0x41} + Bytes(12, 0) + snap() + ip).status == DecodeStatus::NotIp);  // FDDI SMT
        CPPUNIT_ASSERT(run(6, Bytes{0x10, 0x00} + Bytes(12, 0) + snap() + ip).status == DecodeStatus::NotIp);  // MAC frame
    }

    void nflog_big_endian_tlvs_and_missing_payload() {
        const Bytes ip = ipv4(tcp(kData));
        Bytes be = {2, 0, 0, 0};
        put16(be, 8); put16(be, 1); append(be, Bytes(4, 0));
        put16(be, uint16_t(4 + ip.size())); put16(be, 9); append(be, ip);
        assert_tcp(run(239, be));
        const Bytes no_payload = Bytes{2, 0, 0, 0} + le16(8) + le16(1) + Bytes(4, 0);
        CPPUNIT_ASSERT(run(239, no_payload).status == DecodeStatus::NotIp);
        const Bytes zero_len = Bytes{2, 0, 0, 0} + le16(8) + le16(1) + Bytes(4, 0) + le16(0) + le16(9);
        CPPUNIT_ASSERT(run(239, zero_len).status == DecodeStatus::Malformed);
        CPPUNIT_ASSERT(run(239, Bytes{2, 1, 0, 0}).status == DecodeStatus::Malformed);  // version 1
    }

    void arcnet_exception_and_split_packets() {
        const Bytes ip = ipv4(tcp(kData));
        assert_tcp(run(129, Bytes{1, 2, 0, 0, 0xd4, 0xff, 0xff, 0xff, 0xd4, 0, 0, 1} + ip));
        CPPUNIT_ASSERT(run(129, Bytes{1, 2, 0, 0, 0xd4, 0x01, 0, 1} + ip).status == DecodeStatus::Truncated);
        CPPUNIT_ASSERT(run(129, Bytes{1, 2, 0, 0, 0xd5, 0, 0, 1} + ip).status == DecodeStatus::NotIp);  // ARP
        assert_tcp(run(7, Bytes{1, 2, 0xc4, 0, 0, 1} + ipv6(tcp(kData))));
    }

    void gprs_llc_compressed_segmented_and_control_frames() {
        const Bytes ip = ipv4(tcp(kData));
        const Bytes fcs = {1, 2, 3};
        assert_tcp(run(169, Bytes{0x03, 0xc0, 0x00, 0x65, 0x00, 0, 0} + ip + fcs));
        CPPUNIT_ASSERT(run(169, Bytes{0x03, 0xc0, 0x00, 0x65, 0x11, 0, 0} + ip + fcs).status == DecodeStatus::NotIp);
        CPPUNIT_ASSERT(run(169, Bytes{0x03, 0xc0, 0x00, 0x75, 0x00, 0, 0} + ip + fcs).status == DecodeStatus::Truncated);
        CPPUNIT_ASSERT(run(169, Bytes{0x03, 0xc0, 0x00, 0x25, 0, 0} + ip + fcs).status == DecodeStatus::Truncated);
        CPPUNIT_ASSERT(run(169, Bytes{0x01, 0xc0, 0x00, 0x65, 0x00, 0, 0} + ip + fcs).status == DecodeStatus::NotIp);  // GMM
        CPPUNIT_ASSERT(run(169, Bytes{0x03, 0xe0} + ip).status == DecodeStatus::NotIp);  // U frame
        CPPUNIT_ASSERT(run(169, Bytes{0x83, 0xc0, 0}).status == DecodeStatus::Malformed);
    }

    void capwap_dtls_keepalive_and_ethernet_payloads() {
        Ip4 outer;
        outer.proto = 17;
        outer.src = 0xc0a80001;
        auto capwap = [&](uint32_t word, const Bytes& payload, bool to_ac = true) {
            Bytes c = be32(word) + Bytes(4, 0) + payload;
            Bytes u;
            put16(u, to_ac ? 40000 : 5247);
            put16(u, to_ac ? 5247 : 40000);
            put16(u, uint16_t(8 + c.size()));
            put16(u, 0);
            return ether(0x0800) + ipv4(outer, u + c);
        };
        const Bytes wifi = wlan(0x01) + snap() + ipv4(tcp(kData));
        const uint32_t hlen2 = 2u << 19, native80211 = (1u << 9) | 0x100;
        assert_tcp(run(1, capwap(hlen2 | native80211, wifi)));
        assert_tcp(run(1, capwap(hlen2 | native80211, wifi, false)));
        // Cisco access points swap the frame control bytes.
        Bytes swapped = wifi;
        std::swap(swapped[0], swapped[1]);
        assert_tcp(run(1, capwap(hlen2 | native80211, swapped)));
        assert_tcp(run(1, capwap(hlen2, ether(0x0800) + ipv4(tcp(kData)))));
        CPPUNIT_ASSERT(run(1, capwap(0x01000000, wifi)).status == DecodeStatus::NotTcp);                 // DTLS
        CPPUNIT_ASSERT(run(1, capwap(hlen2 | native80211 | 0x04, wifi)).status == DecodeStatus::NotTcp);  // keep-alive
        CPPUNIT_ASSERT(run(1, capwap(hlen2 | native80211 | 0x80, wifi)).status == DecodeStatus::Truncated);  // fragment
        CPPUNIT_ASSERT(run(1, capwap(31u << 19 | native80211, wifi)).status == DecodeStatus::Truncated);
    }

    void aruba_gre_carries_80211() {
        Ip4 outer;
        outer.proto = 47;
        const Bytes wifi = wlan(0x01, true) + snap() + ipv4(tcp(kData));
        for (uint16_t proto : {0x8200, 0x8210, 0x83f0}) {
            Bytes gre;
            put16(gre, 0);
            put16(gre, proto);
            assert_tcp(run(1, ether(0x0800) + ipv4(outer, gre + wifi)));
        }
    }

    void ppi_and_pktap_nesting_is_bounded() {
        const Bytes ip = ipv4(tcp(kData));
        Bytes f = ip;
        for (int i = 0; i < 40; ++i) f = Bytes{0, 0} + le16(8) + le32(192) + f;  // PPI in PPI in ...
        CPPUNIT_ASSERT(run(192, f).status == DecodeStatus::Malformed);
        assert_tcp(run(192, Bytes{0, 0} + le16(8) + le32(101) + ip));
        CPPUNIT_ASSERT(run(192, Bytes{0, 0} + le16(8) + le32(147) + ip).status == DecodeStatus::NotIp);
        CPPUNIT_ASSERT(run(258, le32(12) + le32(2) + le32(101) + ip).status == DecodeStatus::NotIp);
    }

    void erf_extension_headers_record_length_and_pos() {
        const Bytes ip = ipv4(tcp(kData));
        auto record = [&](uint8_t type, const Bytes& body, uint16_t rlen) {
            Bytes r = Bytes(8, 0) + Bytes{type, 0};
            put16(r, rlen);
            put32(r, 0);
            return r + body;
        };
        // Two extension headers (the first says another follows), then Ethernet.
        const Bytes ext = Bytes{0x81, 0, 0, 0, 0, 0, 0, 1} + Bytes{0x01, 0, 0, 0, 0, 0, 0, 2};
        const Bytes eth = Bytes{0, 0} + ether(0x0800) + ip;
        assert_tcp(run(197, record(0x82, ext + eth, uint16_t(16 + ext.size() + eth.size()))));
        // Packet over SONET with Cisco HDLC.
        const Bytes pos = Bytes{0x0f, 0x00, 0x08, 0x00} + ip;
        assert_tcp(run(197, record(0x01, pos, uint16_t(16 + pos.size()))));
        // A record length shorter than the header, or one that cuts the extension headers.
        CPPUNIT_ASSERT(run(197, record(0x02, eth, 8)).status == DecodeStatus::Malformed);
        CPPUNIT_ASSERT(run(197, record(0x82, ext + eth, 20)).status == DecodeStatus::Truncated);
        CPPUNIT_ASSERT(run(197, record(0x03, eth, uint16_t(16 + eth.size()))).status == DecodeStatus::NotIp);  // ATM
    }

    void linktype9_carries_cisco_hdlc() {
        assert_tcp(run(9, Bytes{0x0f, 0x00, 0x08, 0x00} + ipv4(tcp(kData))));
        assert_tcp(run(9, Bytes{0xff, 0x03, 0x00, 0x21} + ipv4(tcp(kData))));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LinkLayersTest);
