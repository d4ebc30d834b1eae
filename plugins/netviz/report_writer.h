// Writes the rendered page to a file as PDF, PNG or SVG.
#ifndef TCPFLOW_NETVIZ_REPORT_WRITER_H
#define TCPFLOW_NETVIZ_REPORT_WRITER_H

#include <string>

#include "page_layout.h"
#include "report_model.h"

namespace tcpflow {
namespace netviz {

enum class OutputFormat { Pdf, Png, Svg };
/// "pdf", "png" or "svg" (the netviz_format choices); anything else is Pdf.
OutputFormat parse_output_format(const std::string& name);
/// "pdf", "png", "svg": the extension of report.<ext>.
const char* extension(OutputFormat format);

/// Renders `model` to `path` (a link there is refused, never followed). On
/// failure returns false and says why in `error`.
bool write_report(const std::string& path, OutputFormat format, PageSize page, const ReportModel& model,
                  std::string& error);
/// The same into `fd` (from the host's create_output_file), which it closes.
bool write_report(int fd, OutputFormat format, PageSize page, const ReportModel& model, std::string& error);

}  // namespace netviz
}  // namespace tcpflow

#endif
