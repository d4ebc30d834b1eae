// Text on a cairo context: one font family, sizes in points, alignment and
// shrinking to fit, so charts never overflow their boxes.
#ifndef TCPFLOW_NETVIZ_TEXT_PAINTER_H
#define TCPFLOW_NETVIZ_TEXT_PAINTER_H

#include <cairo.h>

#include <string>

namespace tcpflow {
namespace netviz {

enum class Align { Left, Center, Right };

class TextPainter {
public:
    explicit TextPainter(cairo_t* cr) : cr_(cr) {}

    void font(double size, bool bold = false);
    double width(const std::string& text) const;
    /// Draws with the baseline at y; x is the left, centre or right edge.
    void draw(const std::string& text, double x, double y, Align align = Align::Left) const;
    /// Like draw(), rotated a quarter turn anticlockwise around (x, y) (for a vertical axis title).
    void draw_vertical(const std::string& text, double x, double y) const;
    /// Draws at the current size or smaller so the text is at most max_width wide.
    void draw_fitted(const std::string& text, double x, double y, double max_width, Align align);

private:
    cairo_t* cr_;
    double size_ = 10;
    bool bold_ = false;
};

}  // namespace netviz
}  // namespace tcpflow

#endif
