// Colours and line weights shared by the charts, so the page looks like one piece.
#ifndef TCPFLOW_NETVIZ_CHART_STYLE_H
#define TCPFLOW_NETVIZ_CHART_STYLE_H

#include <cairo.h>

#include "report_model.h"

namespace tcpflow {
namespace netviz {

constexpr Color kInk = {0.10, 0.10, 0.10};
constexpr Color kMutedInk = {0.40, 0.40, 0.40};
constexpr Color kGridLine = {0.87, 0.87, 0.87};
constexpr Color kBarColor = {0.27, 0.47, 0.67};
constexpr double kAxisWidth = 0.8;
constexpr double kGridWidth = 0.4;

inline void set_color(cairo_t* cr, const Color& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

inline void line(cairo_t* cr, double x0, double y0, double x1, double y1, const Color& c, double width) {
    set_color(cr, c);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

inline void fill_rect(cairo_t* cr, double x, double y, double w, double h, const Color& c) {
    set_color(cr, c);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

}  // namespace netviz
}  // namespace tcpflow

#endif
