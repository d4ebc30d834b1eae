// The md5 scanner driven through the host with mock flows: its digest must
// equal OpenSSL's one-shot digest of what the flow file holds.
#include <cppunit/extensions/HelperMacros.h>
#include <openssl/evp.h>

#include "host_test_support.h"

namespace tcpflow {
namespace {

std::string one_shot(const char* algorithm, const std::string& bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_get_digestbyname(algorithm), nullptr);
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) (out += hex[md[i] >> 4]) += hex[md[i] & 15];
    return out;
}

class Md5ScannerTest : public CppUnit::TestFixture, public test::HostRig {
    CPPUNIT_TEST_SUITE(Md5ScannerTest);
    CPPUNIT_TEST(digest_equals_one_shot_md5_with_zero_filled_gap);
    CPPUNIT_TEST(trailing_gap_counts_only_if_the_file_holds_it);
    CPPUNIT_TEST(digest_covers_only_bytes_below_the_b_cap);
    CPPUNIT_TEST(hole_followed_only_by_bytes_past_the_cap_is_not_hashed);
    CPPUNIT_TEST(extra_algorithms_add_hashdigest_elements);
    CPPUNIT_TEST(unknown_algorithm_fails_initialisation);
    CPPUNIT_TEST(flow_without_file_gets_no_digest);
    CPPUNIT_TEST(digest_openssl_cannot_compute_fails_initialisation);
    CPPUNIT_TEST(truncated_file_gets_no_digest);
    CPPUNIT_TEST(derived_objects_get_their_digest);
    CPPUNIT_TEST(derived_objects_undigested_by_default);
    CPPUNIT_TEST_SUITE_END();

    void make_host(const std::vector<std::string>& enable, const std::vector<NameValue>& params, uint64_t max_bytes = 0) {
        RunSettings rs;
        rs.max_bytes = max_bytes;
        start_host({{test::plugin_so("md5"), "scan_md5.so"}, {test::fixture_so("fix_valid"), "scan_fixture.so"}},
                   enable, params, rs);
    }

    // Delivers `chunks` (data, or a gap when the text is "GAP:n") and stores `file` as the flow file.
    FlowInfo run_flow(const std::vector<std::string>& chunks, const std::string& file) {
        FlowInfo fi = test::make_flow(1, out->file("flow"));
        out->write("flow", file);
        host->on_open(fi);
        uint64_t off = 0;
        for (const auto& c : chunks) {
            if (c.rfind("GAP:", 0) == 0) {
                uint64_t n = std::stoull(c.substr(4));
                host->on_gap(fi, off, n);
                off += n;
            } else {
                host->on_data(fi, off, reinterpret_cast<const uint8_t*>(c.data()), c.size());
                off += c.size();
            }
        }
        host->on_close(fi);
        return fi;
    }

    static std::string digest_element(const char* type, const std::string& hex) {
        return std::string("      <hashdigest type='") + type + "'>" + hex + "</hashdigest>\n";
    }

public:
    void tearDown() override {
        host.reset();
        err.str("");
    }

    void digest_equals_one_shot_md5_with_zero_filled_gap() {
        make_host({"md5"}, {});
        const std::string file = std::string("GET / HTTP/1.1\r\n") + std::string(1000, '\0') + "tail";
        FlowInfo fi = run_flow({"GET / HTTP/1.1\r\n", "GAP:1000", "tail"}, file);
        CPPUNIT_ASSERT_EQUAL(digest_element("MD5", one_shot("md5", file)), fi.xml_annotations.str());
    }

    void trailing_gap_counts_only_if_the_file_holds_it() {
        make_host({"md5"}, {});
        FlowInfo held = run_flow({"abc", "GAP:5"}, std::string("abc\0\0\0\0\0", 8));
        CPPUNIT_ASSERT_EQUAL(digest_element("MD5", one_shot("md5", std::string("abc\0\0\0\0\0", 8))), held.xml_annotations.str());
        FlowInfo cut = run_flow({"abc", "GAP:5"}, "abc");
        CPPUNIT_ASSERT_EQUAL(digest_element("MD5", one_shot("md5", "abc")), cut.xml_annotations.str());
    }

    void digest_covers_only_bytes_below_the_b_cap() {
        make_host({"md5"}, {}, 10);
        FlowInfo fi = run_flow({"0123456", "GAP:2", "789abcdef"}, std::string("0123456\0\0" "7", 10));
        CPPUNIT_ASSERT_EQUAL(digest_element("MD5", one_shot("md5", std::string("0123456\0\0" "7", 10))), fi.xml_annotations.str());
    }

    void hole_followed_only_by_bytes_past_the_cap_is_not_hashed() {
        make_host({"md5"}, {}, 100);
        FlowInfo fi = run_flow({"GAP:238", "late bytes"}, "");  // the file writer stored nothing
        CPPUNIT_ASSERT_EQUAL(digest_element("MD5", one_shot("md5", "")), fi.xml_annotations.str());
    }

    void extra_algorithms_add_hashdigest_elements() {
        make_host({"md5"}, {{"md5_algorithms", "md5, SHA1,sha256"}});
        FlowInfo fi = run_flow({"hello"}, "hello");
        CPPUNIT_ASSERT_EQUAL(digest_element("MD5", one_shot("md5", "hello")) +
                                 digest_element("SHA1", one_shot("sha1", "hello")) +
                                 digest_element("SHA256", one_shot("sha256", "hello")),
                             fi.xml_annotations.str());
    }

    // The scanner's words reach the user in the init failure (a command-line error).
    std::string init_failure(const std::string& algorithms) {
        try {
            make_host({"md5"}, {{"md5_algorithms", algorithms}});
        } catch (const std::exception& e) {
            return e.what();
        }
        return "(init succeeded)";
    }

    void unknown_algorithm_fails_initialisation() {
        const std::string why = init_failure("md5,crc99");
        CPPUNIT_ASSERT_MESSAGE(why, why.find("unknown digest 'crc99'") != std::string::npos);
    }

    void flow_without_file_gets_no_digest() {
        make_host({"md5"}, {});
        FlowInfo fi = test::make_flow(1, "");
        host->on_open(fi);
        host->on_data(fi, 0, reinterpret_cast<const uint8_t*>("x"), 1);
        host->on_close(fi);
        CPPUNIT_ASSERT_EQUAL(std::string(), fi.xml_annotations.str());
    }

    void digest_openssl_cannot_compute_fails_initialisation() {
        // OpenSSL 3 knows the name md4 but its default provider cannot compute
        // it: refused at init (a command-line error), not at the first flow.
        const std::string why = init_failure("sha256,md4");
        CPPUNIT_ASSERT_MESSAGE(why, why.find("unknown digest 'md4'") != std::string::npos);
    }

    void truncated_file_gets_no_digest() {
        // SDK 1.2 file_truncated: a write failed, the file holds less than the
        // stream; the stream's digest would misdescribe it.
        make_host({"md5"}, {});
        FlowInfo fi = test::make_flow(1, out->file("flow"));
        out->write("flow", "ab");
        host->on_open(fi);
        host->on_data(fi, 0, reinterpret_cast<const uint8_t*>("abc"), 3);
        fi.file_truncated = true;
        host->on_close(fi);
        CPPUNIT_ASSERT_EQUAL(std::string(), fi.xml_annotations.str());
        FlowInfo whole = run_flow({"abc"}, "abc");
        CPPUNIT_ASSERT(whole.xml_annotations.str().find("hashdigest") != std::string::npos);
    }

    void derived_objects_get_their_digest() {
        make_host({"md5", "fixture"}, {{"fixture_object", "yes"}, {"md5_objects", "YES"}});
        FlowInfo fi = run_flow({"abc"}, "abc");
        const std::string obj = "<filesize>12</filesize><hashdigest type='MD5'>" + one_shot("md5", "hello object") +
                                "</hashdigest>";
        CPPUNIT_ASSERT_MESSAGE(fi.xml_annotations.str(), fi.xml_annotations.str().find(obj) != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(fi.xml_annotations.str(), fi.xml_annotations.str().find(one_shot("md5", "nested")) != std::string::npos);
    }

    void derived_objects_undigested_by_default() {
        // tcpflow 1.6 digests flow files only; the flow keeps its own digest.
        make_host({"md5", "fixture"}, {{"fixture_object", "yes"}});
        FlowInfo fi = run_flow({"abc"}, "abc");
        CPPUNIT_ASSERT_MESSAGE(fi.xml_annotations.str(), fi.xml_annotations.str().find("<filesize>12</filesize>") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(fi.xml_annotations.str(), fi.xml_annotations.str().find(one_shot("md5", "hello object")) == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(fi.xml_annotations.str(), fi.xml_annotations.str().find(one_shot("md5", "abc")) != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(Md5ScannerTest);

}  // namespace
}  // namespace tcpflow
