// The extensions are the ones tcpflow 1.6.1 writes (checked type by type
// against Debian's binary, hence "video/mp4 -> m4v" and "audio/mpeg -> mpga"),
// so body names stay comparable. Types 1.6.1 leaves without an extension
// but that are common today are added at the end (marked); everything else
// gets none, like 1.6.1.
#include "mime_table.h"

#include <algorithm>
#include <iterator>

#include "header_fields.h"

namespace tcpflow {
namespace http {

namespace {

struct MimeExt {
    std::string_view type, ext;
};

constexpr MimeExt kTable[] = {
    // as tcpflow 1.6.1
    {"application/atom+xml", "atom"},
    {"application/ecmascript", "ecma"},
    {"application/epub+zip", "epub"},
    {"application/java-archive", "jar"},
    {"application/javascript", "js"},
    {"application/json", "json"},
    {"application/msword", "doc"},
    {"application/ogg", "ogx"},
    {"application/pdf", "pdf"},
    {"application/pkix-cert", "cer"},
    {"application/postscript", "ps"},
    {"application/rss+xml", "rss"},
    {"application/rtf", "rtf"},
    {"application/vnd.android.package-archive", "apk"},
    {"application/vnd.apple.mpegurl", "m3u8"},
    {"application/vnd.google-earth.kml+xml", "kml"},
    {"application/vnd.ms-excel", "xls"},
    {"application/vnd.ms-fontobject", "eot"},
    {"application/vnd.ms-powerpoint", "ppt"},
    {"application/vnd.oasis.opendocument.text", "odt"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    {"application/x-7z-compressed", "7z"},
    {"application/x-bittorrent", "torrent"},
    {"application/x-bzip2", "bz2"},
    {"application/x-debian-package", "deb"},
    {"application/x-font-ttf", "ttf"},
    {"application/x-font-woff", "woff"},
    {"application/x-mpegurl", "m3u8"},
    {"application/x-rar-compressed", "rar"},
    {"application/x-sh", "sh"},
    {"application/x-shockwave-flash", "swf"},
    {"application/x-tar", "tar"},
    {"application/x-x509-ca-cert", "crt"},
    {"application/xhtml+xml", "xhtml"},
    {"application/xml", "xml"},
    {"application/xslt+xml", "xslt"},
    {"application/zip", "zip"},
    {"audio/midi", "mid"},
    {"audio/mp4", "mp4a"},
    {"audio/mpeg", "mpga"},
    {"audio/ogg", "ogg"},
    {"audio/x-ms-wma", "wma"},
    {"audio/x-wav", "wav"},
    {"image/bmp", "bmp"},
    {"image/gif", "gif"},
    {"image/jp2", "jp2"},
    {"image/jpeg", "jpg"},
    {"image/png", "png"},
    {"image/svg+xml", "svg"},
    {"image/tiff", "tiff"},
    {"image/webp", "webp"},
    {"image/x-icon", "ico"},
    {"image/x-xbitmap", "xbm"},
    {"text/calendar", "ics"},
    {"text/css", "css"},
    {"text/csv", "csv"},
    {"text/html", "html"},
    {"text/plain", "txt"},
    {"text/x-c", "c"},
    {"text/x-vcard", "vcf"},
    {"video/3gpp", "3gp"},
    {"video/mp2t", "ts"},
    {"video/mp4", "m4v"},
    {"video/mpeg", "mpg"},
    {"video/quicktime", "mov"},
    {"video/webm", "webm"},
    {"video/x-flv", "flv"},
    {"video/x-ms-wmv", "wmv"},
    {"video/x-msvideo", "avi"},
    // added: common types tcpflow 1.6.1 writes without an extension
    {"application/gzip", "gz"},
    {"application/ld+json", "json"},
    {"application/manifest+json", "json"},
    {"application/wasm", "wasm"},
    {"application/x-gzip", "gz"},
    {"application/x-javascript", "js"},
    {"audio/aac", "aac"},
    {"audio/wav", "wav"},
    {"font/otf", "otf"},
    {"font/ttf", "ttf"},
    {"font/woff", "woff"},
    {"font/woff2", "woff2"},
    {"image/avif", "avif"},
    {"image/vnd.microsoft.icon", "ico"},
    {"text/javascript", "js"},
    {"text/markdown", "md"},
    {"text/xml", "xml"},
};

}  // namespace

std::string extension_for(std::string_view content_type) {
    const std::string type = to_lower(trim_ows(content_type.substr(0, content_type.find(';'))));
    const auto hit = std::find_if(std::begin(kTable), std::end(kTable), [&](const MimeExt& m) { return m.type == type; });
    return hit == std::end(kTable) ? std::string() : std::string(hit->ext);
}

}  // namespace http
}  // namespace tcpflow
