#include "top_chart_renderer.h"

#include <algorithm>

#include "chart_style.h"
#include "text_painter.h"
#include "units.h"

namespace tcpflow {
namespace netviz {

namespace {

constexpr double kTitleRoom = 16;
constexpr double kAxisRoom = 12;     // tick labels under the bars
constexpr double kLineHeight = 10;   // the top-3 text lines
constexpr double kLabelSize = 7;
constexpr double kMaxLabelShare = 0.42;  // of the chart's width, for the label column
constexpr double kValueRoom = 38;    // right of the longest bar, for its value
constexpr double kMaxRowHeight = 12;

double label_column(TextPainter& text, const Rect& area, const TopChart& c) {
    text.font(kLabelSize);
    double w = 0;
    for (const auto& item : c.items) w = std::max(w, text.width(item.label));
    return std::min(w + 6, area.w * kMaxLabelShare);
}

void draw_axis(cairo_t* cr, TextPainter& text, const Rect& bars, uint64_t top, uint64_t step) {
    text.font(6);
    for (uint64_t v = 0; v <= top; v += step) {
        const double x = bars.x + bars.w * static_cast<double>(v) / static_cast<double>(top);
        if (v) line(cr, x, bars.y, x, bars.bottom(), kGridLine, kGridWidth);
        line(cr, x, bars.bottom(), x, bars.bottom() + 2, kInk, kAxisWidth);
        set_color(cr, kMutedInk);
        text.draw(format_bytes(v), x, bars.bottom() + 9, Align::Center);
    }
    line(cr, bars.x, bars.bottom(), bars.right(), bars.bottom(), kInk, kAxisWidth);
    line(cr, bars.x, bars.y, bars.x, bars.bottom(), kInk, kAxisWidth);
}

void draw_rows(cairo_t* cr, TextPainter& text, const Rect& bars, double label_w, uint64_t top, const TopChart& c) {
    const double row = std::min(kMaxRowHeight, bars.h / static_cast<double>(kTopBars));
    for (size_t i = 0; i < c.items.size(); ++i) {
        const TopItem& item = c.items[i];
        const double y = bars.y + row * static_cast<double>(i);
        const double len = bars.w * static_cast<double>(item.bytes) / static_cast<double>(top);
        fill_rect(cr, bars.x, y + row * 0.15, len, row * 0.7, kBarColor);
        set_color(cr, kInk);
        text.font(kLabelSize);
        text.draw_fitted(item.label, bars.x - 3, y + row * 0.5 + 2.5, label_w - 3, Align::Right);
        text.font(6);
        set_color(cr, kMutedInk);
        text.draw(format_bytes(item.bytes), bars.x + len + 2, y + row * 0.5 + 2);
    }
}

void draw_top_lines(TextPainter& text, const Rect& area, const TopChart& c) {
    text.font(8);
    const size_t n = std::min(kTopLines, c.items.size());
    for (size_t i = 0; i < n; ++i) {
        const TopItem& item = c.items[i];
        text.draw_fitted(std::to_string(i + 1) + ") " + item.label + "  " + format_bytes(item.bytes) + " (" +
                             item.percent + ")",
                         area.x, area.bottom() - kLineHeight * static_cast<double>(kTopLines - 1 - i) - 2, area.w,
                         Align::Left);
    }
}

}  // namespace

void draw_top_chart(cairo_t* cr, const Rect& area, const TopChart& c) {
    TextPainter text(cr);
    set_color(cr, kInk);
    text.font(10, true);
    text.draw(c.title, area.x, area.y + 10);
    const double basis_room = area.w - text.width(c.title) - 8;
    text.font(7);
    set_color(cr, kMutedInk);
    text.draw_fitted(c.basis + (c.approximate ? ", approximate" : ""), area.right(), area.y + 10, basis_room,
                     Align::Right);
    if (c.items.empty()) {
        set_color(cr, kMutedInk);
        text.font(9);
        text.draw("no such traffic in the capture", area.x + area.w / 2, area.y + area.h / 2, Align::Center);
        return;
    }

    const double label_w = label_column(text, area, c);
    const double text_room = kLineHeight * static_cast<double>(kTopLines) + 4;
    Rect bars = {area.x + label_w, area.y + kTitleRoom, area.w - label_w - kValueRoom,
                 area.h - kTitleRoom - kAxisRoom - text_room};
    bars.h = std::min(bars.h, kMaxRowHeight * static_cast<double>(kTopBars));

    const uint64_t largest = std::max<uint64_t>(c.items.front().bytes, 1);
    const uint64_t step = nice_step(largest, 3);
    const uint64_t top = (largest + step - 1) / step * step;
    draw_axis(cr, text, bars, top, step);
    draw_rows(cr, text, bars, label_w, top, c);
    set_color(cr, kInk);
    draw_top_lines(text, area, c);
}

}  // namespace netviz
}  // namespace tcpflow
