package org.urbis.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Serves the web console's static files from the bundle's {@code /web} folder, and the map's
 * settings at {@code /config.json}, at {@code /*} of the default context. The REST API lives in a
 * context of its own ({@code /api/v1}) and {@code /metrics} is an exact pattern, so both win over
 * this one. The JAX-RS Whiteboard's empty default application claims {@code /*} of the default
 * context too: the higher ranking makes the console the one served there.
 */
@Component(
        service = Servlet.class,
        configurationPid = ConsoleConfig.PID,
        property = Constants.SERVICE_RANKING + ":Integer=100")
@Designate(ocd = ConsoleConfig.class)
@HttpWhiteboardServletName("urbis-console")
@HttpWhiteboardServletPattern("/*")
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ClassLoader files = ConsoleServlet.class.getClassLoader();
    /** Changes whenever the bundle is updated, so browsers revalidate against a new console. */
    private String etag = "\"0\"";

    private volatile String settings = new MapSettings("", "").json();

    @Activate
    void activate(BundleContext context, ConsoleConfig config) {
        etag = "\"" + Long.toHexString(context.getBundle().getLastModified()) + "\"";
        modified(config);
    }

    @Modified
    void modified(ConsoleConfig config) {
        settings = MapSettings.of(config).json();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = StaticFiles.resolve(request.getServletPath(), request.getPathInfo());
        if (StaticFiles.SETTINGS.equals(path)) {
            // applied live, so never cached
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(StaticFiles.contentType(path));
            response.getWriter().write(settings);
            return;
        }
        URL file = path == null ? null : files.getResource("web" + path);
        if (file == null || path.endsWith("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", StaticFiles.cacheControl(path));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(StaticFiles.contentType(path));
        if (path.equals(StaticFiles.INDEX)) {
            response.setHeader("Content-Security-Policy", StaticFiles.CONTENT_SECURITY_POLICY);
        }
        try (InputStream in = file.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
