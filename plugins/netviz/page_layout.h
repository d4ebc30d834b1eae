// Where each part of the one-page report goes, in PostScript points, for the
// supported paper sizes. Pure geometry: no drawing here.
#ifndef TCPFLOW_NETVIZ_PAGE_LAYOUT_H
#define TCPFLOW_NETVIZ_PAGE_LAYOUT_H

#include <string>

namespace tcpflow {
namespace netviz {

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    double right() const { return x + w; }
    double bottom() const { return y + h; }
};

enum class PageSize { Letter, A4 };
/// "letter" or "a4" (the netviz_page_size choices); anything else is Letter.
PageSize parse_page_size(const std::string& name);

struct PageLayout {
    double width = 0, height = 0;  // the page
    Rect header;                   // title and header lines
    Rect histogram;                // time histogram with its axes, title and legend
    Rect charts[4];                // top-N charts: row by row, left to right
};

PageLayout layout_page(PageSize size);

}  // namespace netviz
}  // namespace tcpflow

#endif
