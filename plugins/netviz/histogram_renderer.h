// Draws the time histogram: stacked bars of bytes per bucket, labelled axes
// and the legend of the stacked ports.
#ifndef TCPFLOW_NETVIZ_HISTOGRAM_RENDERER_H
#define TCPFLOW_NETVIZ_HISTOGRAM_RENDERER_H

#include <cairo.h>

#include "page_layout.h"
#include "report_model.h"

namespace tcpflow {
namespace netviz {

void draw_histogram(cairo_t* cr, const Rect& area, const HistogramView& view);

}  // namespace netviz
}  // namespace tcpflow

#endif
