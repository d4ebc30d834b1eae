#include "page_layout.h"

namespace tcpflow {
namespace netviz {

namespace {
constexpr double kMargin = 36;       // half an inch all round
constexpr double kHeaderHeight = 104; // title + up to six lines of 9 pt text
constexpr double kGap = 14;          // between blocks
// The histogram is the report's main figure; it gets this share of the
// height left after the header, the 2x2 grid of top-N charts the rest.
constexpr double kHistogramShare = 0.40;
}  // namespace

PageSize parse_page_size(const std::string& name) { return name == "a4" ? PageSize::A4 : PageSize::Letter; }

PageLayout layout_page(PageSize size) {
    PageLayout p;
    if (size == PageSize::A4) {
        p.width = 595.276;  // 210 x 297 mm
        p.height = 841.890;
    } else {
        p.width = 612;  // 8.5 x 11 in
        p.height = 792;
    }
    const double content_w = p.width - 2 * kMargin;
    p.header = {kMargin, kMargin, content_w, kHeaderHeight};

    const double rest = p.height - 2 * kMargin - kHeaderHeight - 2 * kGap;
    const double hist_h = rest * kHistogramShare;
    p.histogram = {kMargin, p.header.bottom() + kGap, content_w, hist_h};

    const double grid_y = p.histogram.bottom() + kGap;
    const double cell_w = (content_w - 2 * kGap) / 2;
    const double cell_h = (rest - hist_h - kGap) / 2;
    for (int i = 0; i < 4; ++i) {
        const int row = i / 2, col = i % 2;
        p.charts[i] = {kMargin + col * (cell_w + 2 * kGap), grid_y + row * (cell_h + kGap), cell_w, cell_h};
    }
    return p;
}

}  // namespace netviz
}  // namespace tcpflow
