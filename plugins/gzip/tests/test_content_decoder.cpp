// The content decoder on streams made with zlib here: every format, stacked
// codings, input split at every byte, damaged and truncated input, and the caps.
#include <cppunit/extensions/HelperMacros.h>
#include <zlib.h>

#include <string>

#include "config.h"
#include "content_decoder.h"

using namespace tcpflow::decode;

namespace {

enum class Wrap { gzip, zlib, raw };

std::string compress(const std::string& plain, Wrap wrap) {
    z_stream z{};
    const int bits = wrap == Wrap::gzip ? 16 + MAX_WBITS : wrap == Wrap::zlib ? MAX_WBITS : -MAX_WBITS;
    deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, plain.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    z.avail_in = static_cast<uInt>(plain.size());
    z.next_out = reinterpret_cast<Bytef*>(&out[0]);
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

struct Result {
    std::string out;
    bool fed_ok = true, finished_ok = true;
    std::string error;
    DecodeStop stop = DecodeStop::none;
};

// Feeds `in` in pieces of `piece` bytes (0 = all at once).
Result decode(const std::string& encoding, const std::string& in, size_t piece = 0, DecodeLimits limits = {}) {
    ContentDecoder d(parse_coding_list(encoding), limits);
    Result r;
    Emit sink = [&](const uint8_t* p, size_t n) {
        r.out.append(reinterpret_cast<const char*>(p), n);
        return true;
    };
    const size_t step = piece ? piece : in.size() + 1;
    for (size_t i = 0; i < in.size(); i += step) {
        const size_t n = std::min(step, in.size() - i);
        r.fed_ok = d.feed(reinterpret_cast<const uint8_t*>(in.data() + i), n, sink) && r.fed_ok;
    }
    r.finished_ok = d.finish(sink);
    r.error = d.error();
    r.stop = d.stop();
    return r;
}

std::string sample_text() {
    std::string s;
    for (int i = 0; i < 2000; ++i) s += "line " + std::to_string(i * 7919 % 1000) + " of the sample body\n";
    return s;
}

}  // namespace

class ContentDecoderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ContentDecoderTest);
    CPPUNIT_TEST(coding_list_drops_identity_and_maps_aliases);
    CPPUNIT_TEST(gzip_zlib_and_raw_deflate_decode_under_either_name);
    CPPUNIT_TEST(input_split_at_every_byte_decodes_the_same);
    CPPUNIT_TEST(stacked_codings_are_undone_last_first);
    CPPUNIT_TEST(concatenated_gzip_members_all_decode);
    CPPUNIT_TEST(corrupt_data_keeps_what_decoded_and_says_why);
    CPPUNIT_TEST(truncated_stream_is_an_error_after_its_prefix);
    CPPUNIT_TEST(size_cap_stops_at_exactly_the_cap);
    CPPUNIT_TEST(ratio_cap_stops_a_bomb);
    CPPUNIT_TEST(unknown_coding_is_unsupported);
    CPPUNIT_TEST(brotli_decodes_or_is_unsupported);
    CPPUNIT_TEST(empty_list_passes_bytes_through);
    CPPUNIT_TEST_SUITE_END();

public:
    void coding_list_drops_identity_and_maps_aliases() {
        CodingList l = parse_coding_list(" identity, X-GZIP ;q=1,deflate,, Br ");
        CPPUNIT_ASSERT_EQUAL(size_t(3), l.codings.size());
        CPPUNIT_ASSERT(l.codings[0] == Coding::gzip);
        CPPUNIT_ASSERT(l.codings[1] == Coding::deflate);
        CPPUNIT_ASSERT(l.codings[2] == Coding::br);
        CPPUNIT_ASSERT_EQUAL(std::string("x-gzip"), l.names[0]);
        CPPUNIT_ASSERT(parse_coding_list("identity").empty());
    }

    void gzip_zlib_and_raw_deflate_decode_under_either_name() {
        const std::string plain = sample_text();
        for (Wrap w : {Wrap::gzip, Wrap::zlib, Wrap::raw})
            for (const char* name : {"gzip", "x-gzip", "deflate"}) {
                Result r = decode(name, compress(plain, w));
                CPPUNIT_ASSERT_MESSAGE(name, r.finished_ok && r.fed_ok);
                CPPUNIT_ASSERT_MESSAGE(name, r.out == plain);
            }
    }

    void input_split_at_every_byte_decodes_the_same() {
        const std::string plain = sample_text().substr(0, 3000);
        for (Wrap w : {Wrap::gzip, Wrap::zlib, Wrap::raw}) {
            const std::string z = compress(plain, w);
            for (size_t piece : {size_t(1), size_t(2), size_t(3), size_t(7), size_t(64)}) {
                Result r = decode("gzip", z, piece);
                CPPUNIT_ASSERT(r.finished_ok);
                CPPUNIT_ASSERT(r.out == plain);
            }
        }
    }

    void stacked_codings_are_undone_last_first() {
        const std::string plain = sample_text();
        // "deflate, gzip": deflate applied first, then gzip around it.
        Result r = decode("deflate, gzip", compress(compress(plain, Wrap::zlib), Wrap::gzip), 5);
        CPPUNIT_ASSERT(r.finished_ok);
        CPPUNIT_ASSERT(r.out == plain);
        Result twice = decode("gzip, identity, gzip", compress(compress(plain, Wrap::gzip), Wrap::gzip));
        CPPUNIT_ASSERT(twice.out == plain);
    }

    void concatenated_gzip_members_all_decode() {
        Result r = decode("gzip", compress("first;", Wrap::gzip) + compress("second", Wrap::gzip), 3);
        CPPUNIT_ASSERT(r.finished_ok);
        CPPUNIT_ASSERT_EQUAL(std::string("first;second"), r.out);
    }

    void corrupt_data_keeps_what_decoded_and_says_why() {
        const std::string plain = sample_text();
        std::string z = compress(plain, Wrap::gzip);
        for (size_t i = z.size() / 2; i < z.size() / 2 + 64; ++i) z[i] = static_cast<char>(z[i] ^ 0x5a);
        Result r = decode("gzip", z, 100);
        CPPUNIT_ASSERT(!r.finished_ok);
        CPPUNIT_ASSERT(r.stop == DecodeStop::error);
        CPPUNIT_ASSERT(!r.error.empty());
        CPPUNIT_ASSERT(r.out.size() < plain.size());
        CPPUNIT_ASSERT(plain.compare(0, r.out.size(), r.out) == 0);  // a true prefix, nothing invented
    }

    void truncated_stream_is_an_error_after_its_prefix() {
        const std::string plain = sample_text();
        const std::string z = compress(plain, Wrap::gzip);
        Result r = decode("gzip", z.substr(0, z.size() * 2 / 3));
        CPPUNIT_ASSERT(r.fed_ok);
        CPPUNIT_ASSERT(!r.finished_ok);
        CPPUNIT_ASSERT_EQUAL(std::string("compressed data ends early"), r.error);
        CPPUNIT_ASSERT(plain.compare(0, r.out.size(), r.out) == 0);
        CPPUNIT_ASSERT(!r.out.empty());
    }

    void size_cap_stops_at_exactly_the_cap() {
        DecodeLimits l;
        l.max_bytes = 1000;
        Result r = decode("gzip", compress(sample_text(), Wrap::gzip), 0, l);
        CPPUNIT_ASSERT_EQUAL(size_t(1000), r.out.size());
        CPPUNIT_ASSERT(r.stop == DecodeStop::size_cap);
    }

    void ratio_cap_stops_a_bomb() {
        const std::string zeros(8u << 20, '\0');  // 8 MiB of zeros: about 1000:1
        DecodeLimits l;
        l.max_ratio = 100;
        Result r = decode("gzip", compress(zeros, Wrap::gzip), 4096, l);
        CPPUNIT_ASSERT(r.stop == DecodeStop::ratio_cap);
        CPPUNIT_ASSERT(r.out.size() < zeros.size());
        DecodeLimits loose;
        loose.max_ratio = 100000;
        CPPUNIT_ASSERT(decode("gzip", compress(zeros, Wrap::gzip), 4096, loose).out == zeros);
    }

    void unknown_coding_is_unsupported() {
        Result r = decode("gzip, compress", "whatever");
        CPPUNIT_ASSERT(r.stop == DecodeStop::unsupported);
        CPPUNIT_ASSERT_EQUAL(std::string("unsupported encoding compress"), r.error);
        CPPUNIT_ASSERT(r.out.empty());
    }

    void brotli_decodes_or_is_unsupported() {
        static const unsigned char br[] = {0x1b, 0x29, 0x00, 0x00, 0xc4, 0x6d, 0xec, 0x7b, 0x96, 0x7c,
                                           0xef, 0xf2, 0x09, 0x82, 0x10, 0xe5, 0x20, 0x8a, 0xf0, 0x53,
                                           0x8f, 0xe7, 0xf4, 0x2b, 0xfa, 0xf6, 0x0d, 0x05};
        Result r = decode("br", std::string(reinterpret_cast<const char*>(br), sizeof br), 1);
#ifdef HAVE_BROTLI
        CPPUNIT_ASSERT(r.finished_ok);
        CPPUNIT_ASSERT_EQUAL(std::string("hello, brotli hello, brotli hello, brotli\n"), r.out);
#else
        CPPUNIT_ASSERT(r.stop == DecodeStop::unsupported);
#endif
    }

    void empty_list_passes_bytes_through() {
        Result r = decode("identity", "as is", 2);
        CPPUNIT_ASSERT(r.finished_ok);
        CPPUNIT_ASSERT_EQUAL(std::string("as is"), r.out);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ContentDecoderTest);
