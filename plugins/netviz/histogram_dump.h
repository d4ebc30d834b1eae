// netviz_histogram_dump: every structure netviz kept, as plain text, so the
// numbers behind the picture can be checked or fed to other tools.
#ifndef TCPFLOW_NETVIZ_HISTOGRAM_DUMP_H
#define TCPFLOW_NETVIZ_HISTOGRAM_DUMP_H

#include <ostream>

#include "capture_stats.h"

namespace tcpflow {
namespace netviz {

void dump_histograms(std::ostream& out, const CaptureStats& stats);

}  // namespace netviz
}  // namespace tcpflow

#endif
