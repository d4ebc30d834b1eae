// Draws the whole report page onto a cairo context (any surface type).
#ifndef TCPFLOW_NETVIZ_PAGE_RENDERER_H
#define TCPFLOW_NETVIZ_PAGE_RENDERER_H

#include <cairo.h>

#include "page_layout.h"
#include "report_model.h"

namespace tcpflow {
namespace netviz {

void render_page(cairo_t* cr, const PageLayout& layout, const ReportModel& model);

}  // namespace netviz
}  // namespace tcpflow

#endif
