// Fragment reassembly, through the Decoder and on the Defragmenter directly.
#include <cppunit/extensions/HelperMacros.h>

#include "decode/decoder.h"
#include "decode/defrag.h"
#include "frames.h"

using namespace tcpflow;
using namespace tcpflow::testframes;

namespace {

// TCP header + 48 bytes of data: 68 bytes to cut into 8-byte-aligned pieces.
const std::string kData = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL";
Bytes segment() { return tcp(text(kData)); }

Bytes frag4(const Bytes& ip_payload, size_t from, size_t to, bool more, uint16_t id = 0x1234, uint8_t ttl = 64) {
    Ip4 h;
    h.id = id;
    h.more = more;
    h.offset8 = uint16_t(from / 8);
    h.ttl = ttl;
    return ether(0x0800) + ipv4(h, slice(ip_payload, from, to));
}

Bytes frag6_frame(const Bytes& ip_payload, size_t from, size_t to, bool more, uint32_t id = 99,
                  const Bytes& before = {}) {
    Ip6 h;
    h.next = before.empty() ? 44 : 60;
    return ether(0x86dd) + ipv6(h, before + frag6(6, uint16_t(from), more, id) + slice(ip_payload, from, to));
}

Timestamp at(int64_t sec) {
    Timestamp t;
    t.sec = sec;
    return t;
}

}  // namespace

class DefragTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DefragTest);
    CPPUNIT_TEST(ipv4_fragments_in_order_reassemble);
    CPPUNIT_TEST(ipv4_fragments_reversed_reassemble);
    CPPUNIT_TEST(overlapping_fragment_first_data_wins_and_is_counted);
    CPPUNIT_TEST(overlapping_fragment_last_data_wins_by_default_as_tshark);
    CPPUNIT_TEST(duplicated_fragment_is_an_overlap_not_a_second_datagram);
    CPPUNIT_TEST(first_fragment_alone_is_held_not_a_truncated_segment);
    CPPUNIT_TEST(different_ids_do_not_mix);
    CPPUNIT_TEST(incomplete_datagram_times_out_in_packet_time);
    CPPUNIT_TEST(max_datagrams_evicts_the_oldest);
    CPPUNIT_TEST(max_bytes_evicts_the_oldest);
    CPPUNIT_TEST(reassembled_header_is_the_first_fragments);
    CPPUNIT_TEST(datagram_past_64k_is_invalid);
    CPPUNIT_TEST(conflicting_last_fragments_are_invalid);
    CPPUNIT_TEST(snaplen_cut_fragment_is_truncated_not_stored);
    CPPUNIT_TEST(ipv6_fragments_reassemble_behind_extension_headers);
    CPPUNIT_TEST(ipv6_fragments_reversed_reassemble);
    CPPUNIT_TEST(ipv6_fragmentable_part_may_hold_extension_headers);
    CPPUNIT_TEST(fragmented_tunnel_is_decoded_after_reassembly);
    CPPUNIT_TEST(every_prefix_of_a_completing_fragment_is_safe);
    CPPUNIT_TEST(tiny_fragments_many_holes_fill_in_any_order);
    CPPUNIT_TEST_SUITE_END();

public:
    void ipv4_fragments_in_order_reassemble() {
        const Bytes s = segment();
        Decoder d;
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 0, 24, true)).status == DecodeStatus::FragmentHeld);
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 24, 48, true)).status == DecodeStatus::FragmentHeld);
        Result r = run(d, 1, frag4(s, 48, s.size(), false));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
        CPPUNIT_ASSERT_EQUAL(uint16_t(1234), r.seg.sport);
        CPPUNIT_ASSERT_EQUAL(uint8_t(10), r.seg.src[0]);
        CPPUNIT_ASSERT(r.seg.has_mac);
        CPPUNIT_ASSERT_EQUAL(uint64_t(3), d.stats().fragments);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.stats().datagrams_reassembled);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.stats().tcp);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().reassembled);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), d.defrag_stats().overlaps);
    }

    void ipv4_fragments_reversed_reassemble() {
        const Bytes s = segment();
        Decoder d;
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 48, s.size(), false)).status == DecodeStatus::FragmentHeld);
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 24, 48, true)).status == DecodeStatus::FragmentHeld);
        Result r = run(d, 1, frag4(s, 0, 24, true));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
    }

    // Fragment 2 rewrites 16..32 (already held) and brings 32..48 (forged X at 24..40).
    static std::string overlap_result(bool first_wins, uint64_t& overlaps) {
        const Bytes s = segment();
        Bytes forged = s;
        for (size_t i = 24; i < 40; ++i) forged[i] = 'X';
        DefragConfig cfg;
        cfg.first_wins = first_wins;
        Decoder d(cfg);
        run(d, 1, frag4(s, 0, 32, true));
        run(d, 1, frag4(forged, 16, 48, true));
        Result r = run(d, 1, frag4(s, 48, s.size(), false));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        overlaps = d.defrag_stats().overlaps;
        return r.payload;
    }

    void overlapping_fragment_first_data_wins_and_is_counted() {
        uint64_t overlaps = 0;
        std::string expect = kData;
        for (size_t i = 32 - 20; i < 40 - 20; ++i) expect[i] = 'X';  // only the hole took the new bytes
        CPPUNIT_ASSERT_EQUAL(expect, overlap_result(true, overlaps));
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), overlaps);
    }

    void overlapping_fragment_last_data_wins_by_default_as_tshark() {
        uint64_t overlaps = 0;
        std::string expect = kData;
        for (size_t i = 24 - 20; i < 40 - 20; ++i) expect[i] = 'X';  // the later copy replaced held bytes too
        CPPUNIT_ASSERT_EQUAL(expect, overlap_result(false, overlaps));
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), overlaps);
    }

    void duplicated_fragment_is_an_overlap_not_a_second_datagram() {
        const Bytes s = segment();
        Decoder d;
        run(d, 1, frag4(s, 0, 32, true));
        run(d, 1, frag4(s, 0, 32, true));
        Result r = run(d, 1, frag4(s, 32, s.size(), false));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().overlaps);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().reassembled);
        // A late duplicate of the completed datagram starts a new one; it never completes.
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, s.size(), false)).status == DecodeStatus::FragmentHeld);
    }

    void first_fragment_alone_is_held_not_a_truncated_segment() {
        // tcpflow 1.6.1 stored a first fragment as if it were the whole packet.
        const Bytes s = segment();
        Decoder d;
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 0, 32, true)).status == DecodeStatus::FragmentHeld);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), d.stats().tcp);
    }

    void different_ids_do_not_mix() {
        const Bytes s = segment();
        Decoder d;
        run(d, 1, frag4(s, 0, 32, true, 1));
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, s.size(), false, 2)).status == DecodeStatus::FragmentHeld);
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, s.size(), false, 1)).status == DecodeStatus::Tcp);
    }

    void incomplete_datagram_times_out_in_packet_time() {
        const Bytes s = segment();
        DefragConfig cfg;
        cfg.timeout_sec = 30;
        Decoder d(cfg);
        run(d, 1, frag4(s, 0, 32, true), at(100));
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, 48, true), at(130)).status == DecodeStatus::FragmentHeld);  // 30 s: kept
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), d.defrag_stats().timed_out);
        // 31 s after the first fragment: the datagram is gone, the last piece starts a new one.
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 48, s.size(), false), at(131)).status == DecodeStatus::FragmentHeld);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().timed_out);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), d.defrag_stats().reassembled);
    }

    void max_datagrams_evicts_the_oldest() {
        const Bytes s = segment();
        DefragConfig cfg;
        cfg.max_datagrams = 2;
        Decoder d(cfg);
        run(d, 1, frag4(s, 0, 32, true, 1));
        run(d, 1, frag4(s, 0, 32, true, 2));
        run(d, 1, frag4(s, 0, 32, true, 3));  // pushes out id 1
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().evicted);
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, s.size(), false, 1)).status == DecodeStatus::FragmentHeld);
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, s.size(), false, 3)).status == DecodeStatus::Tcp);
    }

    void max_bytes_evicts_the_oldest() {
        // Each datagram costs its bytes plus 60 bytes of header room: 96 bytes -> 156.
        Defragmenter df([] {
            DefragConfig c;
            c.max_bytes = 400;
            return c;
        }());
        const Bytes data(400, 'a');
        auto piece = [&](uint32_t id, uint32_t off, uint32_t len, bool more) {
            Fragment f;
            f.key.family = 6;
            f.key.id = id;
            f.offset = off;
            f.data = data.data();
            f.len = len;
            f.more = more;
            f.next_proto = 6;
            return f;
        };
        Reassembled r;
        CPPUNIT_ASSERT(df.add(at(1), piece(1, 0, 96, true), r) == DefragResult::Held);
        CPPUNIT_ASSERT(df.add(at(1), piece(2, 0, 96, true), r) == DefragResult::Held);
        CPPUNIT_ASSERT_EQUAL(uint64_t(312), df.bytes_held());
        CPPUNIT_ASSERT(df.add(at(1), piece(3, 0, 96, true), r) == DefragResult::Held);  // evicts id 1
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), df.stats().evicted);
        CPPUNIT_ASSERT_EQUAL(size_t(2), df.pending());
        CPPUNIT_ASSERT_EQUAL(uint64_t(312), df.bytes_held());
        // Id 1 is gone: its last piece alone does not complete anything.
        CPPUNIT_ASSERT(df.add(at(1), piece(1, 96, 8, false), r) == DefragResult::Held);
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), df.stats().evicted);  // and made room by pushing out id 2
        // A datagram larger than the whole budget is dropped without pushing others out.
        CPPUNIT_ASSERT(df.add(at(1), piece(9, 0, 360, true), r) == DefragResult::Dropped);
        CPPUNIT_ASSERT_EQUAL(uint64_t(3), df.stats().evicted);
        CPPUNIT_ASSERT_EQUAL(size_t(2), df.pending());
        CPPUNIT_ASSERT(df.bytes_held() <= 400);
    }

    void reassembled_header_is_the_first_fragments() {
        Defragmenter df;
        const Bytes s = segment();
        Reassembled r;
        auto add = [&](size_t from, size_t to, bool more, uint8_t ttl) {
            Ip4 h;
            h.more = more;
            h.offset8 = uint16_t(from / 8);
            h.ttl = ttl;
            const Bytes pkt = ipv4(h, slice(s, from, to));
            Fragment f;
            f.key.family = 4;
            f.key.proto = 6;
            f.key.id = h.id;
            f.offset = uint32_t(from);
            f.data = pkt.data() + 20;
            f.len = uint32_t(to - from);
            f.more = more;
            f.next_proto = 6;
            f.header = pkt.data();
            f.header_len = 20;
            return df.add(Timestamp(), f, r);
        };
        CPPUNIT_ASSERT(add(40, s.size(), false, 3) == DefragResult::Held);
        CPPUNIT_ASSERT(add(0, 40, true, 7) == DefragResult::Complete);
        CPPUNIT_ASSERT_EQUAL(uint32_t(20), r.header_len);
        CPPUNIT_ASSERT_EQUAL(uint8_t(7), r.header[8]);                          // TTL of the first fragment
        CPPUNIT_ASSERT_EQUAL(uint32_t(20 + s.size()), uint32_t(r.header[2] << 8 | r.header[3]));
        CPPUNIT_ASSERT_EQUAL(uint8_t(0), uint8_t(r.header[6] & 0x3f));          // MF and offset cleared
        CPPUNIT_ASSERT_EQUAL(uint8_t(0), r.header[7]);
        CPPUNIT_ASSERT(r.header + r.header_len == r.payload);
        CPPUNIT_ASSERT_EQUAL(uint32_t(s.size()), r.len);
        CPPUNIT_ASSERT(std::equal(s.begin(), s.end(), r.payload));
        CPPUNIT_ASSERT_EQUAL(size_t(0), df.pending());
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), df.bytes_held());
    }

    void datagram_past_64k_is_invalid() {
        Decoder d;
        Ip4 h;
        h.offset8 = 8189;  // 65512 + 20 header + 24 data > 65535
        h.more = false;
        CPPUNIT_ASSERT(run(d, 1, ether(0x0800) + ipv4(h, Bytes(24, 0))).status == DecodeStatus::Malformed);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().invalid);
    }

    void conflicting_last_fragments_are_invalid() {
        const Bytes s = segment();
        Decoder d;
        run(d, 1, frag4(s, 32, s.size(), false));
        CPPUNIT_ASSERT(run(d, 1, frag4(s, 32, 56, false)).status == DecodeStatus::Malformed);  // another end
        CPPUNIT_ASSERT(run(d, 1, frag4(Bytes(200, 0), 64, 104, true)).status == DecodeStatus::Malformed);  // past the end
        CPPUNIT_ASSERT_EQUAL(uint64_t(2), d.defrag_stats().invalid);
        Result r = run(d, 1, frag4(s, 0, 32, true));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
    }

    void snaplen_cut_fragment_is_truncated_not_stored() {
        const Bytes s = segment();
        const Bytes whole = frag4(s, 0, 32, true);
        Decoder d;
        CPPUNIT_ASSERT(run(d, 1, slice(whole, 0, whole.size() - 4), Timestamp(), int(whole.size())).status ==
                       DecodeStatus::Truncated);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), d.defrag_stats().fragments);
    }

    void ipv6_fragments_reassemble_behind_extension_headers() {
        const Bytes s = segment();
        Decoder d;
        CPPUNIT_ASSERT(run(d, 1, frag6_frame(s, 0, 32, true, 99, ext8(44))).status == DecodeStatus::FragmentHeld);
        Result r = run(d, 1, frag6_frame(s, 32, s.size(), false, 99, ext8(44)));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
        CPPUNIT_ASSERT_EQUAL(uint8_t(6), r.seg.family);
        CPPUNIT_ASSERT_EQUAL(uint8_t(2), r.seg.dst[15]);
    }

    void ipv6_fragments_reversed_reassemble() {
        const Bytes s = segment();
        Decoder d;
        run(d, 1, frag6_frame(s, 48, s.size(), false));
        run(d, 1, frag6_frame(s, 16, 48, true));
        Result r = run(d, 1, frag6_frame(s, 0, 16, true));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), d.defrag_stats().reassembled);
    }

    void ipv6_fragmentable_part_may_hold_extension_headers() {
        // Destination options inside the fragmentable part, before TCP.
        const Bytes inner = ext8(6) + segment();
        Decoder d;
        auto frame = [&](size_t from, size_t to, bool more) {
            Ip6 h;
            h.next = 44;
            return ether(0x86dd) + ipv6(h, frag6(60, uint16_t(from), more, 5) + slice(inner, from, to));
        };
        run(d, 1, frame(0, 40, true));
        Result r = run(d, 1, frame(40, inner.size(), false));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
    }

    void fragmented_tunnel_is_decoded_after_reassembly() {
        // As in erspan-gre-http-frag.pcap: the outer IPv4 carrying GRE is fragmented.
        Bytes gre = {0x00, 0x00, 0x65, 0x58};
        const Bytes tunnelled = gre + ether(0x0800) + ipv4(segment());
        Decoder d;
        auto outer = [&](size_t from, size_t to, bool more) {
            Ip4 h;
            h.proto = 47;
            h.src = 0xc0a80001;
            h.more = more;
            h.offset8 = uint16_t(from / 8);
            return ether(0x0800) + ipv4(h, slice(tunnelled, from, to));
        };
        CPPUNIT_ASSERT(run(d, 1, outer(0, 56, true)).status == DecodeStatus::FragmentHeld);
        Result r = run(d, 1, outer(56, tunnelled.size(), false));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
        CPPUNIT_ASSERT_EQUAL(uint8_t(10), r.seg.src[0]);  // the inner source
    }

    void every_prefix_of_a_completing_fragment_is_safe() {
        const Bytes s = segment();
        const Bytes last = frag4(s, 32, s.size(), false);
        for (size_t n = 0; n <= last.size(); ++n) {
            Decoder d;
            run(d, 1, frag4(s, 0, 32, true));
            std::unique_ptr<uint8_t[]> copy(new uint8_t[n ? n : 1]);
            std::copy(last.begin(), last.begin() + n, copy.get());
            TcpSegment seg;
            const DecodeStatus st = d.decode(1, Timestamp(), copy.get(), uint32_t(n), uint32_t(last.size()), seg);
            CPPUNIT_ASSERT_MESSAGE(std::to_string(n), (st == DecodeStatus::Tcp) == (n == last.size()));
        }
    }

    void tiny_fragments_many_holes_fill_in_any_order() {
        const Bytes s = segment();  // 68 bytes: pieces 0,8,...,64
        Decoder d;
        const size_t order[] = {8, 56, 24, 64, 0, 40, 16, 48};
        Result r;
        for (size_t from : order) {
            const size_t to = std::min(from + 8, s.size());
            r = run(d, 1, frag4(s, from, to, to != s.size()));
        }
        CPPUNIT_ASSERT(r.status == DecodeStatus::FragmentHeld);  // 32..40 still missing
        r = run(d, 1, frag4(s, 32, 40, true));
        CPPUNIT_ASSERT(r.status == DecodeStatus::Tcp);
        CPPUNIT_ASSERT_EQUAL(kData, r.payload);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DefragTest);
