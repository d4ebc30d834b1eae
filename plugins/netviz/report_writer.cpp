#include "report_writer.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "page_renderer.h"

namespace tcpflow {
namespace netviz {

namespace {

// PNG pixels per point: 2 gives 144 dpi, sharp on screen and still small.
constexpr double kPngScale = 2.0;

// Owns a cairo surface and its context for the length of one report.
class Canvas {
public:
    explicit Canvas(cairo_surface_t* s) : surface_(s), cr_(cairo_create(s)) {}
    ~Canvas() {
        cairo_destroy(cr_);
        cairo_surface_destroy(surface_);
    }
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;
    cairo_t* cr() const { return cr_; }
    cairo_surface_t* surface() const { return surface_; }

private:
    cairo_surface_t* surface_;
    cairo_t* cr_;
};

bool failed(cairo_status_t status, std::string& error) {
    if (status == CAIRO_STATUS_SUCCESS) return false;
    error = cairo_status_to_string(status);
    return true;
}

// Cairo's stream callback: the bytes go to the descriptor in `closure`.
cairo_status_t write_to_fd(void* closure, const unsigned char* data, unsigned int length) {
    const int fd = *static_cast<const int*>(closure);
    while (length > 0) {
        ssize_t w = ::write(fd, data, length);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return CAIRO_STATUS_WRITE_ERROR;
        data += w;
        length -= static_cast<unsigned int>(w);
    }
    return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t* make_surface(int* fd, OutputFormat f, const PageLayout& p) {
    switch (f) {
        case OutputFormat::Svg: return cairo_svg_surface_create_for_stream(write_to_fd, fd, p.width, p.height);
        case OutputFormat::Png:
            return cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::ceil(p.width * kPngScale)),
                                              static_cast<int>(std::ceil(p.height * kPngScale)));
        case OutputFormat::Pdf: break;
    }
    return cairo_pdf_surface_create_for_stream(write_to_fd, fd, p.width, p.height);
}

}  // namespace

OutputFormat parse_output_format(const std::string& name) {
    if (name == "png") return OutputFormat::Png;
    if (name == "svg") return OutputFormat::Svg;
    return OutputFormat::Pdf;
}

const char* extension(OutputFormat f) {
    switch (f) {
        case OutputFormat::Png: return "png";
        case OutputFormat::Svg: return "svg";
        case OutputFormat::Pdf: break;
    }
    return "pdf";
}

static bool render_to(int* fd, OutputFormat format, PageSize page, const ReportModel& model, std::string& error);

bool write_report(const std::string& path, OutputFormat format, PageSize page, const ReportModel& model,
                  std::string& error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    return write_report(fd, format, page, model, error);
}

bool write_report(int fd, OutputFormat format, PageSize page, const ReportModel& model, std::string& error) {
    const bool ok = render_to(&fd, format, page, model, error);
    if (::close(fd) != 0 && ok) {
        error = std::strerror(errno);
        return false;
    }
    return ok;
}

static bool render_to(int* fd, OutputFormat format, PageSize page, const ReportModel& model, std::string& error) {
    const PageLayout layout = layout_page(page);
    Canvas canvas(make_surface(fd, format, layout));
    if (failed(cairo_surface_status(canvas.surface()), error)) return false;
    if (format == OutputFormat::Png) cairo_scale(canvas.cr(), kPngScale, kPngScale);
    render_page(canvas.cr(), layout, model);
    if (failed(cairo_status(canvas.cr()), error)) return false;
    cairo_show_page(canvas.cr());
    if (format == OutputFormat::Png) {
        if (failed(cairo_surface_write_to_png_stream(canvas.surface(), write_to_fd, fd), error)) return false;
    }
    // Vector surfaces write their file when finished; errors show up only then.
    cairo_surface_finish(canvas.surface());
    return !failed(cairo_surface_status(canvas.surface()), error);
}

}  // namespace netviz
}  // namespace tcpflow
