// The JSON flow log's pieces: string escaping, the scanners' XML read back as a tree, and
// the sink writing one line per connection once all its directions closed, then the summary.
#include <cppunit/extensions/HelperMacros.h>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <unistd.h>
#include "flow/connection_id.h"
#include "output/dfxml_report.h"
#include "output/json_flow_log.h"
#include "output/json_line_file.h"
#include "output/json_writer.h"
#include "output/xml_fragment_tree.h"

using namespace tcpflow;

namespace {

FlowInfo direction(uint64_t flow_id, uint64_t session, bool reverse) {
    FlowInfo f;
    f.key.family = 4;
    uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
    std::copy(reverse ? b : a, (reverse ? b : a) + 4, f.key.src);
    std::copy(reverse ? a : b, (reverse ? a : b) + 4, f.key.dst);
    f.key.sport = reverse ? 80 : 1234;
    f.key.dport = reverse ? 1234 : 80;
    f.flow_id = flow_id;
    f.session_id = session;
    f.connection_id = 42;
    f.first_ts.sec = 1363622231;
    f.last_ts.sec = 1363622232;
    return f;
}

std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    lseek(fd, 0, SEEK_SET);
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
    return out;
}

}  // namespace

class JsonFlowLogTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonFlowLogTest);
    CPPUNIT_TEST(strings_are_escaped_and_always_utf8);
    CPPUNIT_TEST(writer_places_commas);
    CPPUNIT_TEST(xml_fragment_reads_back_as_a_tree);
    CPPUNIT_TEST(one_line_per_connection_after_both_directions_close);
    CPPUNIT_TEST(annotations_are_mapped_generically);
    CPPUNIT_TEST(ill_formed_annotation_stays_text);
    CPPUNIT_TEST_SUITE_END();

public:
    void strings_are_escaped_and_always_utf8() {
        std::string out;
        append_json_string(out, std::string("a\"b\\c\n\x01 \xc3\xa9 \xff \xe2\x82", 15));
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\\"b\\\\c\\n\\u0001 \xc3\xa9 \\ufffd \\ufffd\\ufffd\""), out);
        out.clear();
        append_json_string(out, "\xed\xa0\x80");  // a UTF-16 surrogate in UTF-8: not valid
        CPPUNIT_ASSERT_EQUAL(std::string("\"\\ufffd\\ufffd\\ufffd\""), out);
    }

    void writer_places_commas() {
        std::string out;
        JsonWriter w(out);
        w.begin_object().member("a", uint64_t(1)).key("b").begin_array().number(2).string("x");
        w.begin_object().end_object().end_array().key("c").boolean(false).end_object();
        CPPUNIT_ASSERT_EQUAL(std::string("{\"a\":1,\"b\":[2,\"x\",{}],\"c\":false}"), out);
    }

    void xml_fragment_reads_back_as_a_tree() {
        auto nodes = parse_xml_fragment(
            "  <a x='1 &amp; 2' y=\"&#233;\">t&lt;<b/><!-- c --><c><![CDATA[<raw>]]></c></a>\n  <d/>\n");
        CPPUNIT_ASSERT_EQUAL(size_t(2), nodes.size());
        CPPUNIT_ASSERT_EQUAL(std::string("a"), nodes[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("1 & 2"), nodes[0].attributes[0].second);
        CPPUNIT_ASSERT_EQUAL(std::string("\xc3\xa9"), nodes[0].attributes[1].second);
        CPPUNIT_ASSERT_EQUAL(std::string("t<"), nodes[0].text);
        CPPUNIT_ASSERT_EQUAL(size_t(2), nodes[0].children.size());
        CPPUNIT_ASSERT_EQUAL(std::string("<raw>"), nodes[0].children[1].text);
        CPPUNIT_ASSERT_EQUAL(std::string("d"), nodes[1].name);
        auto attrs = parse_xml_attributes(" proto='http' n=\"2\"");
        CPPUNIT_ASSERT_EQUAL(size_t(2), attrs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("n"), attrs[1].first);
    }

    void one_line_per_connection_after_both_directions_close() {
        FILE* tmp = tmpfile();
        auto file = std::make_shared<JsonLineFile>(dup(fileno(tmp)), "test", 0);
        JsonFlowLog log(file);
        FlowInfo a = direction(0, 7, false), b = direction(1, 7, true);
        log.on_open(a);
        log.on_open(b);
        log.on_close(b);
        CPPUNIT_ASSERT_EQUAL(uint64_t(0), file->lines());  // one direction still open
        log.on_close(a);
        CPPUNIT_ASSERT_EQUAL(uint64_t(1), file->lines());
        RunSummary s;
        s.total_flows = 2;
        file->append_line(json_summary_line(s, file->lines()));
        file->close();
        const std::string text = read_all(fileno(tmp));
        fclose(tmp);
        const std::string id = connection_id_text(42);
        CPPUNIT_ASSERT_EQUAL(std::ptrdiff_t(2), std::count(text.begin(), text.end(), '\n'));
        CPPUNIT_ASSERT_EQUAL('\n', text.back());
        CPPUNIT_ASSERT(text.find("{\"type\":\"connection\",\"id\":\"" + id + "\",\"directions\":[{\"src\":\"10.0.0.1\"") == 0);
        // Directions in creation order although the server side closed first.
        CPPUNIT_ASSERT(text.find("\"src\":\"10.0.0.1\"") < text.find("\"src\":\"10.0.0.2\""));
        CPPUNIT_ASSERT(text.find("\n{\"type\":\"summary\",\"connections\":1,\"total_flows\":2,") != std::string::npos);
        CPPUNIT_ASSERT(text.find("\"start\":\"2013-03-18T15:57:11.000000Z\"") != std::string::npos);
    }

    void annotations_are_mapped_generically() {
        FlowInfo f = direction(0, 1, false);
        f.xml_attributes = " proto='http'";
        f.xml_annotations =
            "      <hashdigest type='MD5'>abc</hashdigest>\n"
            "    <byte_runs>\n     <byte_run file_offset='177'><fileobject kind='body'><filename>/o/b.json</filename>"
            "<filesize>197</filesize><hashdigest type='MD5'>def</hashdigest></fileobject></byte_run>\n    </byte_runs>\n";
        const std::string j = json_direction(f);
        CPPUNIT_ASSERT(j.find("\"attributes\":{\"proto\":\"http\"}") != std::string::npos);
        CPPUNIT_ASSERT(j.find("\"annotations\":[{\"element\":\"hashdigest\",\"attributes\":{\"type\":\"MD5\"},"
                              "\"text\":\"abc\"}]") != std::string::npos);
        CPPUNIT_ASSERT(j.find("\"objects\":[{\"file\":\"/o/b.json\",\"size\":197,\"offset\":177,"
                              "\"attributes\":{\"kind\":\"body\"},\"annotations\":[{\"element\":\"hashdigest\","
                              "\"attributes\":{\"type\":\"MD5\"},\"text\":\"def\"}]}]") != std::string::npos);
    }

    void ill_formed_annotation_stays_text() {
        FlowInfo f = direction(0, 1, false);
        f.xml_annotations = "<a><b></a>";
        const std::string j = json_direction(f);
        CPPUNIT_ASSERT(j.find("\"invalid_annotation\":\"<a><b></a>\"") != std::string::npos);
        CPPUNIT_ASSERT(j.find("\"annotations\"") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonFlowLogTest);
