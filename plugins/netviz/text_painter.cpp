#include "text_painter.h"

namespace tcpflow {
namespace netviz {

namespace {
// Below this, text is unreadable on paper; past it we let the text overflow.
constexpr double kMinFontSize = 4.5;
}  // namespace

void TextPainter::font(double size, bool bold) {
    size_ = size;
    bold_ = bold;
    cairo_select_font_face(cr_, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
}

double TextPainter::width(const std::string& text) const {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, text.c_str(), &e);
    return e.x_advance;
}

void TextPainter::draw(const std::string& text, double x, double y, Align align) const {
    const double w = align == Align::Left ? 0 : width(text);
    cairo_move_to(cr_, align == Align::Center ? x - w / 2 : align == Align::Right ? x - w : x, y);
    cairo_show_text(cr_, text.c_str());
}

void TextPainter::draw_vertical(const std::string& text, double x, double y) const {
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    cairo_rotate(cr_, -1.5707963267948966);
    draw(text, 0, 0, Align::Center);
    cairo_restore(cr_);
}

void TextPainter::draw_fitted(const std::string& text, double x, double y, double max_width, Align align) {
    const double original = size_;
    const double w = width(text);
    if (w > max_width && w > 0) {
        double fitted = original * max_width / w;
        font(fitted < kMinFontSize ? kMinFontSize : fitted, bold_);
    }
    draw(text, x, y, align);
    font(original, bold_);
}

}  // namespace netviz
}  // namespace tcpflow
