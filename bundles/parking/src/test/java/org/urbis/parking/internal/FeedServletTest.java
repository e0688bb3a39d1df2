package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** The feeds' HTTP: read-only, conditional requests answered 304, a client over its rate answered 429. */
class FeedServletTest {

    /** What a response got. */
    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private final FeedServlet servlet =
            new FeedServlet(() -> List.of(site()), new ClientLimiter(5, 0.001), "vn", "urbis", 10);

    private static Occupancy.Site site() {
        ParkingSite p = new ParkingSite(
                "S-1",
                "Street",
                10.93,
                108.1,
                "ON_STREET",
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                OpeningHours.parse("24/7"),
                java.util.Optional.empty(),
                "s.parking.json");
        Instant t = Instant.parse("2026-12-01T03:00:00Z");
        return new Occupancy.Site(
                p,
                1,
                1,
                0,
                0,
                t,
                true,
                List.of(new Occupancy.Bay("PK-1", 10.93, 108.1, Occupancy.BayState.AVAILABLE, t, null, false, 0)));
    }

    private Answer call(String method, String path, String client, Map<String, String> headers) throws Exception {
        Answer a = new Answer();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> path;
                    case "getRemoteAddr" -> client;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getProtocol" -> "HTTP/1.1";
                    default -> null;
                });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                a.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {}
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> a.status = (Integer) args[0];
                        case "setHeader" -> a.headers.put((String) args[0], (String) args[1]);
                        case "setDateHeader" ->
                            a.headers.put(
                                    (String) args[0],
                                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                            Instant.ofEpochMilli((Long) args[1]).atZone(ZoneOffset.UTC)));
                        case "setContentType" -> a.headers.put("Content-Type", (String) args[0]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {}
                    }
                    return null;
                });
        servlet.service(req, resp);
        return a;
    }

    @Test
    void answersWithValidatorsAnd304WhenUnchanged() throws Exception {
        Answer first = call("GET", "/v3/sites", "10.0.0.1", Map.of());
        assertEquals(200, first.status);
        assertTrue(first.body().contains("\"realtime_free_capacity\":1"), first.body());
        String etag = first.headers.get("ETag");
        assertNotNull(etag);
        assertEquals("Tue, 1 Dec 2026 03:00:00 GMT", first.headers.get("Last-Modified"));
        assertEquals(304, call("GET", "/v3/sites", "10.0.0.1", Map.of("If-None-Match", etag)).status);
        assertEquals(
                304,
                call("GET", "/v3/sites", "10.0.0.1", Map.of("If-Modified-Since", "Tue, 1 Dec 2026 03:00:00 GMT"))
                        .status);
        assertEquals(
                200,
                call("GET", "/v3/sites", "10.0.0.1", Map.of("If-Modified-Since", "Tue, 1 Dec 2026 02:59:59 GMT"))
                        .status);
        Answer spots = call("GET", "/v3/sites/S-1/spots", "10.0.0.2", Map.of());
        assertTrue(spots.body().contains("\"realtime_status\":\"AVAILABLE\""), spots.body());
        assertEquals(404, call("GET", "/v3/sites/NONE/spots", "10.0.0.2", Map.of()).status);
        Answer datex = call("GET", "/datex2", "10.0.0.2", Map.of());
        assertTrue(datex.headers.get("Content-Type").startsWith("application/xml"));
        assertEquals(
                datex.headers.get("ETag"),
                call("GET", "/datex2", "10.0.0.2", Map.of()).headers.get("ETag"),
                "an unchanged publication keeps its ETag");
    }

    @Test
    void isReadOnly() throws Exception {
        Answer post = call("POST", "/v3/sites", "10.0.0.3", Map.of());
        assertEquals(405, post.status);
        assertEquals("GET, HEAD", post.headers.get("Allow"));
    }

    @Test
    void aClientOverItsRateGets429OthersDoNot() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, call("GET", "/v3/sites", "10.0.0.9", Map.of()).status);
        }
        Answer limited = call("GET", "/v3/sites", "10.0.0.9", Map.of());
        assertEquals(429, limited.status);
        assertNotNull(limited.headers.get("Retry-After"));
        assertEquals(200, call("GET", "/v3/sites", "10.0.0.10", Map.of()).status, "another client is not limited");
    }
}
