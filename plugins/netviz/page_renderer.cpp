#include "page_renderer.h"

#include "chart_style.h"
#include "histogram_renderer.h"
#include "text_painter.h"
#include "top_chart_renderer.h"

namespace tcpflow {
namespace netviz {

namespace {

constexpr double kHeaderLine = 12;

void draw_header(cairo_t* cr, const Rect& area, const ReportModel& m) {
    TextPainter text(cr);
    set_color(cr, kInk);
    text.font(16, true);
    text.draw(m.title, area.x, area.y + 14);
    text.font(9);
    double y = area.y + 34;
    for (const auto& l : m.header) {
        text.draw_fitted(l, area.x, y, area.w, Align::Left);
        y += kHeaderLine;
    }
    line(cr, area.x, area.bottom(), area.right(), area.bottom(), kGridLine, kAxisWidth);
}

void draw_empty_notice(cairo_t* cr, const Rect& area, const std::string& message) {
    TextPainter text(cr);
    cairo_set_line_width(cr, kAxisWidth);
    set_color(cr, kGridLine);
    cairo_rectangle(cr, area.x, area.y, area.w, area.h);
    cairo_stroke(cr);
    set_color(cr, kMutedInk);
    text.font(12);
    text.draw(message, area.x + area.w / 2, area.y + area.h / 2, Align::Center);
}

}  // namespace

void render_page(cairo_t* cr, const PageLayout& layout, const ReportModel& m) {
    cairo_set_source_rgb(cr, 1, 1, 1);  // PNG surfaces start transparent
    cairo_paint(cr);
    draw_header(cr, layout.header, m);
    if (!m.has_packets) {
        draw_empty_notice(cr, layout.histogram, m.empty_message);
        return;
    }
    draw_histogram(cr, layout.histogram, m.histogram);
    for (size_t i = 0; i < m.charts.size() && i < 4; ++i) draw_top_chart(cr, layout.charts[i], m.charts[i]);
}

}  // namespace netviz
}  // namespace tcpflow
