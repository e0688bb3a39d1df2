package org.urbis.console.internal;

import java.util.Locale;
import java.util.Map;

/** Which file a request path names, and how it is sent: content type and caching. */
final class StaticFiles {

    static final String INDEX = "/index.html";
    /** Not a file: the map's settings from the configuration. */
    static final String SETTINGS = "/config.json";

    /**
     * Scripts from the console itself only (Leaflet positions its panes with inline styles); map tiles
     * may come from whatever server an operator configures, and the API is same-origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: http: https:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "json", "application/json; charset=UTF-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");

    private StaticFiles() {}

    /** The file under {@code web/} that a request names, or null for a path that tries to leave it. */
    static String resolve(String servletPath, String pathInfo) {
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        if (path.isEmpty() || path.equals("/")) {
            return INDEX;
        }
        if (!path.startsWith("/") || path.contains("..") || path.contains("\\") || path.contains("//")) {
            return null;
        }
        return path;
    }

    static String contentType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /**
     * Leaflet changes only with its version, so browsers keep it a day; the console's own files are
     * revalidated on every load (a cheap 304 with the ETag) so an updated bundle shows at once.
     */
    static String cacheControl(String path) {
        return path.startsWith("/vendor/") ? "public, max-age=86400" : "no-cache";
    }
}
