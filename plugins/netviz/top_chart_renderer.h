// Draws one top-N chart: horizontal bars (the labels are addresses, which
// read better horizontally), a byte axis, and the top entries as text.
#ifndef TCPFLOW_NETVIZ_TOP_CHART_RENDERER_H
#define TCPFLOW_NETVIZ_TOP_CHART_RENDERER_H

#include <cairo.h>

#include "page_layout.h"
#include "report_model.h"

namespace tcpflow {
namespace netviz {

void draw_top_chart(cairo_t* cr, const Rect& area, const TopChart& chart);

}  // namespace netviz
}  // namespace tcpflow

#endif
