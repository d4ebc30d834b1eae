#include "histogram_renderer.h"

#include <algorithm>
#include <vector>

#include "chart_style.h"
#include "text_painter.h"
#include "units.h"

namespace tcpflow {
namespace netviz {

namespace {

constexpr int kYTicks = 4;
constexpr size_t kMaxXTicks = 10;
constexpr double kLeftAxisRoom = 62;  // y tick labels and the vertical axis title
constexpr double kTitleRoom = 20;
constexpr double kBottomRoom = 50;    // x tick labels, x axis title, legend

// Bars between two x-axis ticks: a round number keeping the ticks at most kMaxXTicks.
size_t tick_every(size_t bars) {
    for (size_t m : {1, 2, 5, 10, 20, 25, 50, 100})
        if (bars / m <= kMaxXTicks) return m;
    return bars;
}

void draw_y_axis(cairo_t* cr, TextPainter& text, const Rect& plot, uint64_t top, uint64_t step) {
    text.font(7);
    for (uint64_t v = 0; v <= top; v += step) {
        const double y = plot.bottom() - plot.h * static_cast<double>(v) / static_cast<double>(top);
        if (v) line(cr, plot.x, y, plot.right(), y, kGridLine, kGridWidth);
        set_color(cr, kInk);
        text.draw(format_bytes(v), plot.x - 4, y + 2.5, Align::Right);
    }
    line(cr, plot.x, plot.y, plot.x, plot.bottom(), kInk, kAxisWidth);
}

void draw_x_axis(cairo_t* cr, TextPainter& text, const Rect& plot, const HistogramView& v) {
    const size_t n = v.bars.size();
    const TimeUnit unit = time_unit_for_span(static_cast<int64_t>(n) * v.width_ns);
    const size_t every = tick_every(n);
    const double slot = plot.w / static_cast<double>(n);
    text.font(7);
    for (size_t i = 0; i <= n; i += every) {
        const double x = plot.x + slot * static_cast<double>(i);
        line(cr, x, plot.bottom(), x, plot.bottom() + 3, kInk, kAxisWidth);
        set_color(cr, kInk);
        text.draw(format_in_unit(v.start_offset_ns + static_cast<int64_t>(i) * v.width_ns, unit), x,
                  plot.bottom() + 11, Align::Center);
    }
    line(cr, plot.x, plot.bottom(), plot.right(), plot.bottom(), kInk, kAxisWidth);
    text.font(8);
    text.draw(std::string("time since the first packet (") + unit.name + ")", plot.x + plot.w / 2,
              plot.bottom() + 23, Align::Center);
}

void draw_bars(cairo_t* cr, const Rect& plot, const HistogramView& v, uint64_t top) {
    const double slot = plot.w / static_cast<double>(v.bars.size());
    // Thin gaps separate bars only while they stay visible at print size.
    const double gap = slot >= 4 ? slot * 0.15 : 0;
    for (size_t i = 0; i < v.bars.size(); ++i) {
        double y = plot.bottom();
        for (size_t s = 0; s < v.bars[i].size(); ++s) {
            const double h = plot.h * static_cast<double>(v.bars[i][s]) / static_cast<double>(top);
            if (h <= 0) continue;
            y -= h;
            fill_rect(cr, plot.x + slot * static_cast<double>(i) + gap / 2, y, slot - gap, h, v.series[s].color);
        }
    }
}

// A layer with no bytes at all (typically "other") would only puzzle the reader.
std::vector<const Series*> visible_series(const HistogramView& v) {
    std::vector<const Series*> out;
    for (size_t s = 0; s < v.series.size(); ++s) {
        bool any = false;
        for (const auto& bar : v.bars) any = any || bar[s] > 0;
        if (any) out.push_back(&v.series[s]);
    }
    return out;
}

void draw_legend(cairo_t* cr, TextPainter& text, const Rect& area, const HistogramView& v) {
    constexpr double box = 7, pad = 4, between = 14, size = 7.5;
    const std::vector<const Series*> shown = visible_series(v);
    auto row_width = [&] {
        double w = 0;
        for (const Series* s : shown) w += box + pad + text.width(s->label) + between;
        return w;
    };
    text.font(size);
    double total = row_width();
    if (total > area.w) {  // one row always: shrink the labels rather than wrap
        const double fixed = static_cast<double>(shown.size()) * (box + pad + between);
        text.font(std::max(4.0, size * (area.w - fixed) / (total - fixed)));
        total = row_width();
    }
    double x = area.x + std::max(0.0, (area.w - total + between) / 2);
    const double y = area.bottom() - 4;
    for (const Series* sp : shown) {
        const Series& s = *sp;
        fill_rect(cr, x, y - box + 0.5, box, box, s.color);
        set_color(cr, kInk);
        text.draw(s.label, x + box + pad, y);
        x += box + pad + text.width(s.label) + between;
    }
}

}  // namespace

void draw_histogram(cairo_t* cr, const Rect& area, const HistogramView& v) {
    TextPainter text(cr);
    set_color(cr, kInk);
    text.font(11, true);
    text.draw("Bytes over time", area.x, area.y + 11);
    text.font(8);
    set_color(cr, kMutedInk);
    text.draw(std::to_string(v.bars.size()) + (v.bars.size() == 1 ? " bar" : " bars") + " of " + v.width_label +
                  ", busiest service ports stacked",
              area.right(), area.y + 11, Align::Right);
    if (v.bars.empty()) return;

    const Rect plot = {area.x + kLeftAxisRoom, area.y + kTitleRoom + 4, area.w - kLeftAxisRoom - 6,
                       area.h - kTitleRoom - 4 - kBottomRoom};
    const uint64_t step = nice_step(std::max<uint64_t>(v.max_bar, 1), kYTicks);
    const uint64_t top = (std::max<uint64_t>(v.max_bar, 1) + step - 1) / step * step;

    draw_y_axis(cr, text, plot, top, step);
    draw_bars(cr, plot, v, top);
    draw_x_axis(cr, text, plot, v);
    set_color(cr, kInk);
    text.font(8);
    text.draw_vertical("bytes per " + v.width_label, area.x + 8, plot.y + plot.h / 2);
    draw_legend(cr, text, area, v);
}

}  // namespace netviz
}  // namespace tcpflow
