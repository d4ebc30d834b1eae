// XmlWriter: escaping, sanitising of bytes XML cannot hold, numbers, buffering
// and write errors.
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <unistd.h>
#include "output/xml_fragment_check.h"
#include "output/xml_writer.h"
#include "output_test_util.h"

using namespace tcpflow;
using tcpflow::test::TempDir;
using tcpflow::test::read_file;

namespace {

/// What `fill` writes, read back from a scratch file.
template <class F>
std::string written(F fill, size_t buffer = 256 << 10) {
    TempDir d;
    {
        XmlWriter w(d / "x.xml", buffer);
        fill(w);
        w.close();
    }
    return read_file(d / "x.xml");
}

}  // namespace

class XmlWriterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(XmlWriterTest);
    CPPUNIT_TEST(text_escapes_the_five_markup_characters);
    CPPUNIT_TEST(text_keeps_tab_newline_and_valid_utf8);
    CPPUNIT_TEST(control_bytes_become_backslash_x);
    CPPUNIT_TEST(invalid_utf8_becomes_backslash_x);
    CPPUNIT_TEST(surrogates_and_nonchars_become_backslash_x);
    CPPUNIT_TEST(attribute_escapes_quotes_and_whitespace_controls);
    CPPUNIT_TEST(raw_sanitized_keeps_markup_but_fixes_bytes);
    CPPUNIT_TEST(numbers_are_decimal);
    CPPUNIT_TEST(output_larger_than_the_buffer_is_complete);
    CPPUNIT_TEST(write_error_throws_with_the_name);
    CPPUNIT_TEST(unwritable_path_throws_with_the_path);
    CPPUNIT_TEST(fragment_check_accepts_scanner_markup);
    CPPUNIT_TEST(fragment_check_refuses_broken_markup);
    CPPUNIT_TEST(attribute_list_check);
    CPPUNIT_TEST(records_reach_the_file_whole_when_the_buffer_fills);
    CPPUNIT_TEST(a_record_bigger_than_the_buffer_is_kept_whole);
    CPPUNIT_TEST(write_error_cuts_the_file_back_to_the_last_whole_record);
    CPPUNIT_TEST_SUITE_END();

public:
    void text_escapes_the_five_markup_characters() {
        CPPUNIT_ASSERT_EQUAL(std::string("a&amp;b&lt;c&gt;d&apos;e&quot;f"),
                             written([](XmlWriter& w) { w.text("a&b<c>d'e\"f"); }));
    }
    void text_keeps_tab_newline_and_valid_utf8() {
        std::string s = "t\tn\nr\r\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
        CPPUNIT_ASSERT_EQUAL(s, written([&](XmlWriter& w) { w.text(s); }));
    }
    void control_bytes_become_backslash_x() {
        CPPUNIT_ASSERT_EQUAL(std::string("a\\x00b\\x1bc\\x08"),
                             written([](XmlWriter& w) { w.text(std::string("a\0b\x1b" "c\x08", 6)); }));
    }
    void invalid_utf8_becomes_backslash_x() {
        // lone continuation, truncated sequence, overlong '/', byte past U+10FFFF
        CPPUNIT_ASSERT_EQUAL(std::string("\\x80x\\xc3\\xc0\\xaf\\xf5"),
                             written([](XmlWriter& w) { w.text("\x80x\xc3\xc0\xaf\xf5"); }));
    }
    void surrogates_and_nonchars_become_backslash_x() {
        CPPUNIT_ASSERT_EQUAL(std::string("\\xed\\xa0\\x80|\\xef\\xbf\\xbf"),
                             written([](XmlWriter& w) { w.text("\xed\xa0\x80|\xef\xbf\xbf"); }));
    }
    void attribute_escapes_quotes_and_whitespace_controls() {
        CPPUNIT_ASSERT_EQUAL(std::string(" a='&apos;&quot;&#9;&#10;&#13;&lt;' n='42'"),
                             written([](XmlWriter& w) { w.attr("a", "'\"\t\n\r<").attr("n", uint64_t(42)); }));
    }
    void raw_sanitized_keeps_markup_but_fixes_bytes() {
        CPPUNIT_ASSERT_EQUAL(std::string("<x a='1'>\\x01\\xff</x>"),
                             written([](XmlWriter& w) { w.raw_sanitized("<x a='1'>\x01\xff</x>"); }));
    }
    void numbers_are_decimal() {
        CPPUNIT_ASSERT_EQUAL(std::string("0 18446744073709551615 -9223372036854775808 <n>7</n>"),
                             written([](XmlWriter& w) {
                                 w.number(0).raw(" ").number(UINT64_MAX).raw(" ").signed_number(INT64_MIN);
                                 w.raw(" ").element("n", uint64_t(7));
                             }));
    }
    void output_larger_than_the_buffer_is_complete() {
        std::string expect;
        for (int i = 0; i < 1000; ++i) expect += "<e>&amp;" + std::to_string(i) + "</e>";
        CPPUNIT_ASSERT_EQUAL(expect, written(
                                         [](XmlWriter& w) {
                                             for (int i = 0; i < 1000; ++i) w.element("e", "&" + std::to_string(i));
                                         },
                                         16));
    }
    void write_error_throws_with_the_name() {
        int fd = ::open("/dev/full", O_WRONLY);
        CPPUNIT_ASSERT(fd >= 0);
        XmlWriter w(fd, "report.xml", 16);
        try {
            w.raw("0123456789abcdefghij");
            w.flush();
            CPPUNIT_FAIL("no error");
        } catch (const std::runtime_error& e) {
            std::string what = e.what();
            CPPUNIT_ASSERT(what.find("report.xml") != std::string::npos);
            CPPUNIT_ASSERT(what.find("No space left") != std::string::npos);
        }
        ::close(fd);
    }
    void unwritable_path_throws_with_the_path() {
        CPPUNIT_ASSERT_THROW(XmlWriter("/nonexistent-dir/report.xml"), std::runtime_error);
    }
    void fragment_check_accepts_scanner_markup() {
        CPPUNIT_ASSERT(is_well_formed_fragment(""));
        CPPUNIT_ASSERT(is_well_formed_fragment("      <hashdigest type='MD5'>0b35</hashdigest>\n"));
        CPPUNIT_ASSERT(is_well_formed_fragment(
            "    <byte_runs>\n     <byte_run file_offset='103'><fileobject><filename>a&amp;b</filename>"
            "<filesize>353</filesize></fileobject></byte_run>\n    </byte_runs>\n"));
        CPPUNIT_ASSERT(is_well_formed_fragment("<a b=\"x\" c='&#60;'/><!-- note --><![CDATA[<&>]]>"));
    }
    void fragment_check_refuses_broken_markup() {
        CPPUNIT_ASSERT(!is_well_formed_fragment("<a>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("<a></b>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("</a>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("a & b"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("<a x='1' x='2'/>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("<a x='<'/>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("<a x='1'y='2'/>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("<?pi x?>"));
        CPPUNIT_ASSERT(!is_well_formed_fragment("x ]]> y"));
    }
    void attribute_list_check() {
        CPPUNIT_ASSERT(is_attribute_list("", {}));
        CPPUNIT_ASSERT(is_attribute_list("a='1' b=\"2\"", {"len"}));
        CPPUNIT_ASSERT(!is_attribute_list("len='1'", {"len"}));
        CPPUNIT_ASSERT(!is_attribute_list("a='1' a='2'", {}));
        CPPUNIT_ASSERT(!is_attribute_list("a='1' />", {}));
        CPPUNIT_ASSERT(!is_attribute_list("a", {}));
    }

    // Records (mark()): after kill -9 or a full disk the file ends between records.
    void records_reach_the_file_whole_when_the_buffer_fills() {
        TempDir d;
        XmlWriter w(d / "x.xml", 16);
        w.raw("<a>").mark();
        w.raw("<r>1234</r>").mark();
        w.raw("<r>5678");  // the buffer fills inside the third record
        CPPUNIT_ASSERT_EQUAL(std::string("<a><r>1234</r>"), read_file(d / "x.xml"));
        w.raw("</r>").mark();
        w.flush_records();
        CPPUNIT_ASSERT_EQUAL(std::string("<a><r>1234</r><r>5678</r>"), read_file(d / "x.xml"));
    }
    void a_record_bigger_than_the_buffer_is_kept_whole() {
        TempDir d;
        XmlWriter w(d / "x.xml", 8);
        w.raw("<a>").mark();
        std::string big = "<r>" + std::string(40, 'x') + "</r>";
        w.raw(big.substr(0, 20)).raw(big.substr(20));
        CPPUNIT_ASSERT_EQUAL(std::string("<a>"), read_file(d / "x.xml"));
        w.mark();
        w.flush_records();
        CPPUNIT_ASSERT_EQUAL("<a>" + big, read_file(d / "x.xml"));
    }
    void write_error_cuts_the_file_back_to_the_last_whole_record() {
        TempDir d;
        XmlWriter w(d / "x.xml", 64);
        w.raw("<a>").mark();
        w.flush_records();
        w.raw("<r>12345678901234567890</r>").mark();
        {
            tcpflow::test::FileSizeLimit disk(10);  // the record gets 7 bytes in, then the disk is full
            CPPUNIT_ASSERT_THROW(w.flush_records(), std::runtime_error);
        }
        CPPUNIT_ASSERT_EQUAL(std::string("<a>"), read_file(d / "x.xml"));
        w.abandon();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(XmlWriterTest);
