// The report files themselves: each format is written, is what its name says
// (checked by magic bytes), and failures are reported, not crashed on.
#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "histogram_dump.h"
#include "packet_builder.h"
#include "report_writer.h"

namespace tcpflow {
namespace netviz {

using namespace test;

namespace {
constexpr int64_t kT0 = 1368627667LL * 1000000000LL;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/netviz-test-XXXXXX";
        path_ = mkdtemp(tmpl) ? tmpl : "/tmp";
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

CaptureStats sample(int packets) {
    CaptureStats s(1000);
    for (int i = 0; i < packets; ++i) {
        const std::string dst = "2001:db8::" + std::to_string(i % 13 + 1);
        const Bytes f = i % 2 ? ethernet(0x0800, ipv4("192.0.2.1", "198.51.100.7", 6, tcp(443, 50000)))
                              : ethernet(0x86dd, ipv6("2001:db8::ffff:1", dst.c_str(), 17, udp(40000, 53)));
        s.add(classify_packet(1, f.data(), static_cast<uint32_t>(f.size())), kT0 + i * 37000000LL,
              static_cast<uint64_t>(60 + i % 1400));
    }
    return s;
}

ReportContext context() { return {"tcpflow test", "netviz test", "Ethernet capture", "now"}; }
}  // namespace

class ReportWriterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ReportWriterTest);
    CPPUNIT_TEST(writes_pdf_png_and_svg);
    CPPUNIT_TEST(writes_a_page_for_empty_and_single_packet_captures);
    CPPUNIT_TEST(unwritable_path_is_an_error_not_a_crash);
    CPPUNIT_TEST(dump_lists_every_structure);
    CPPUNIT_TEST(a4_is_taller_and_narrower_than_letter);
    CPPUNIT_TEST_SUITE_END();

public:
    void writes_pdf_png_and_svg() {
        TempDir dir;
        const ReportModel m = build_report_model(sample(500), context());
        const std::pair<OutputFormat, std::string> cases[] = {
            {OutputFormat::Pdf, "%PDF-"}, {OutputFormat::Png, "\x89PNG"}, {OutputFormat::Svg, "<?xml"}};
        for (const auto& [format, magic] : cases) {
            const std::string path = dir.file(std::string("report.") + extension(format));
            std::string error;
            CPPUNIT_ASSERT_MESSAGE(error, write_report(path, format, PageSize::Letter, m, error));
            const std::string bytes = read_file(path);
            CPPUNIT_ASSERT(bytes.size() > 1000);
            CPPUNIT_ASSERT_EQUAL(magic, bytes.substr(0, magic.size()));
        }
        CPPUNIT_ASSERT(read_file(dir.file("report.svg")).find("<svg") != std::string::npos);
    }

    void writes_a_page_for_empty_and_single_packet_captures() {
        TempDir dir;
        for (int packets : {0, 1}) {
            const std::string path = dir.file("r" + std::to_string(packets) + ".pdf");
            std::string error;
            CPPUNIT_ASSERT(write_report(path, OutputFormat::Pdf, PageSize::A4,
                                        build_report_model(sample(packets), context()), error));
            CPPUNIT_ASSERT_EQUAL(std::string("%PDF-"), read_file(path).substr(0, 5));
        }
    }

    void unwritable_path_is_an_error_not_a_crash() {
        const ReportModel m = build_report_model(sample(3), context());
        for (OutputFormat f : {OutputFormat::Pdf, OutputFormat::Png, OutputFormat::Svg}) {
            std::string error;
            CPPUNIT_ASSERT(!write_report("/nonexistent-dir/report.x", f, PageSize::Letter, m, error));
            CPPUNIT_ASSERT(!error.empty());
        }
    }

    void dump_lists_every_structure() {
        std::ostringstream out;
        dump_histograms(out, sample(10));
        const std::string text = out.str();
        CPPUNIT_ASSERT(text.find("netviz: 10 packets") != std::string::npos);
        CPPUNIT_ASSERT(text.find("source addresses: 2 keys tracked (capacity 1000)") != std::string::npos);
        CPPUNIT_ASSERT(text.find("  192.0.2.1\t") != std::string::npos);
        CPPUNIT_ASSERT(text.find("destination ports: 2 keys") != std::string::npos);
        CPPUNIT_ASSERT(text.find("time histogram: 67 buckets of 5 ms") != std::string::npos);  // 333 ms span
    }

    void a4_is_taller_and_narrower_than_letter() {
        const PageLayout a4 = layout_page(PageSize::A4), letter = layout_page(PageSize::Letter);
        CPPUNIT_ASSERT(a4.height > letter.height && a4.width < letter.width);
        for (const PageLayout& p : {a4, letter}) {
            CPPUNIT_ASSERT(p.histogram.y >= p.header.bottom());
            CPPUNIT_ASSERT(p.charts[0].y >= p.histogram.bottom());
            CPPUNIT_ASSERT(p.charts[3].bottom() <= p.height);
            CPPUNIT_ASSERT(p.charts[1].right() <= p.width);
        }
        CPPUNIT_ASSERT(parse_page_size("a4") == PageSize::A4);
        CPPUNIT_ASSERT(parse_output_format("svg") == OutputFormat::Svg);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReportWriterTest);

}  // namespace netviz
}  // namespace tcpflow
