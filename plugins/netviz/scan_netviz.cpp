// The netviz scanner: watches every captured packet (not only TCP) and, at
// the end of the run, draws a one-page picture of the capture: who talked,
// on which ports, and when. Written as <outdir>/report.pdf (or .png/.svg).
//
// Per packet it only classifies the bytes and updates bounded counters
// (see capture_stats.h); all drawing happens once, in end_of_run.
#include <tcpflow/sdk/scanner.hpp>

#include <iostream>

#include "capture_stats.h"
#include "histogram_dump.h"
#include "link_types.h"
#include "report_model.h"
#include "report_writer.h"
#include "units.h"

#ifndef NETVIZ_PROGRAM_VERSION
#define NETVIZ_PROGRAM_VERSION "unknown"
#endif

namespace tcpflow {
namespace netviz {

namespace {
constexpr const char* kVersion = "2.0.0";
}  // namespace

class NetvizScanner : public sdk::Scanner {
public:
    explicit NetvizScanner(const sdk::Host& host)
        : Scanner(host),
          stats_(static_cast<size_t>(host.param_uint("netviz_histogram_size"))),
          dump_(host.param_bool("netviz_histogram_dump")),
          format_(parse_output_format(host.param("netviz_format"))),
          page_(parse_page_size(host.param("netviz_page_size"))) {}

    int packet(const tcpflow_packet& p) override {
        links_.add(p.dlt);
        const PacketFacts facts = classify_packet(p.dlt, p.data, p.caplen);
        stats_.add(facts, packet_time_ns(p.ts.sec, p.ts.nsec), p.wirelen ? p.wirelen : p.caplen);
        return TCPFLOW_OK;
    }

    // -j N: the host folds every worker's instance into the first before
    // end_of_run, so the one report covers every packet (capture_stats.h
    // says when the merged counts equal a single instance's).
    int merge(NetvizScanner& other) {
        stats_.merge(other.stats_);
        links_.merge(other.links_);
        return TCPFLOW_OK;
    }

    int end_of_run() override {
        const std::string path = report_path();
        std::string error;
        if (!write_report_file(path, error)) {
            // A missing picture must not fail the recording; say why and go on.
            host().error("cannot write " + path + ": " + error);
        } else {
            host().add_summary_child("netviz", {"path", path, "packets", std::to_string(stats_.packets()), "bytes",
                                                std::to_string(stats_.bytes())});
        }
        if (dump_) {
            dump_histograms(std::cout, stats_);
            std::cout.flush();
        }
        return TCPFLOW_OK;
    }

private:
    // Through the host (SDK 1.2), so a link planted at report.pdf is replaced,
    // never written through; an older host gets a write that refuses a link.
    bool write_report_file(const std::string& path, std::string& error) {
        const ReportModel model = build_report_model(stats_, context());
        if (!host().has_output_files()) return write_report(path, format_, page_, model, error);
        const int fd = host().create_output_file(std::string("report.") + extension(format_));
        if (fd < 0) {
            error = "the host could not create it";
            return false;
        }
        return write_report(fd, format_, page_, model, error);
    }

    std::string report_path() const {
        std::string dir = host().output_dir();
        if (dir.empty()) dir = ".";
        if (dir.back() != '/') dir += '/';
        return dir + "report." + extension(format_);
    }

    ReportContext context() const {
        ReportContext c;
        // SDK 1.1 run_info: the running host's own name, version and inputs. A
        // 1.0 host cannot say; then the version this scanner was built with is
        // shown and the input is known only by its link types.
        const std::string program = host().run_info("program");
        const std::string version = host().run_info("version");
        c.program = (program.empty() ? std::string("tcpflow") : program) + " " +
                    (version.empty() ? std::string(NETVIZ_PROGRAM_VERSION) : version);
        c.scanner = std::string("netviz ") + kVersion + ", scanner ABI " + std::to_string(host().api()->abi_major) +
                    "." + std::to_string(host().api()->abi_minor);
        c.input = input_label(host().run_info("inputs"), links_.describe());
        c.generated = format_local_now();
        return c;
    }

    CaptureStats stats_;
    LinkTypeSet links_;
    bool dump_;
    OutputFormat format_;
    PageSize page_;
};

namespace {

const char* const kFormats[] = {"pdf", "png", "svg", nullptr};
const char* const kPageSizes[] = {"letter", "a4", nullptr};

constexpr tcpflow_param_desc kParams[] = {
    sdk::param_uint("netviz_histogram_size", "1000",
                    "Most distinct keys (addresses, ports) each top-N structure tracks; memory stays bounded", 1,
                    10000000),
    sdk::param_bool("netviz_histogram_dump", "0", "Dump the histograms to stdout at the end of the run"),
    sdk::param_enum("netviz_format", "pdf", "Report format: report.pdf, report.png or report.svg", kFormats),
    sdk::param_enum("netviz_page_size", "letter", "Paper size of the report: letter or a4", kPageSizes),
};

constexpr tcpflow_scanner_desc kDesc = sdk::describe_per_worker<NetvizScanner>(
    "netviz", kVersion, "GPL-3.0-or-later",
    "One-page visual report of the capture (time histogram, top addresses and ports)", kParams,
    sizeof kParams / sizeof kParams[0], TCPFLOW_EVENT_PACKET | TCPFLOW_EVENT_END_OF_RUN,
    // It reads packets and writes report.pdf under -o: it runs with -FX too.
    TCPFLOW_SCANNER_NO_FLOW_FILES);

}  // namespace

}  // namespace netviz
}  // namespace tcpflow

TCPFLOW_SCANNER(tcpflow::netviz::kDesc)
