package org.urbis.parking.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The public availability feeds under {@code /public/parking}, read-only and without login:
 * {@code /v3/sites} and {@code /v3/sites/{uid}/spots} (ParkAPI v3) and {@code /datex2} (DATEX II v3).
 * Every answer carries an ETag (of its content) and Last-Modified (the newest bay report in it), and
 * a conditional request that matches gets 304; each client address has its own rate limit (429 with
 * Retry-After). Only GET and HEAD are answered.
 */
final class FeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<List<Occupancy.Site>> sites;
    private final transient ClientLimiter limiter;
    private final String country;
    private final String identifier;
    private final int maxAgeSeconds;

    /**
     * An answer rendered for one occupancy snapshot: while the snapshot holds (a second), every
     * client gets the same bytes and ETag without rendering or hashing them again.
     */
    private record Rendered(List<Occupancy.Site> of, byte[] body, String type, Instant modified, String etag) {
        Rendered(List<Occupancy.Site> of, byte[] body, String type, Instant modified) {
            this(of, body, type, modified, "\"" + digest(body) + "\"");
        }
    }

    private transient volatile Rendered sitesFeed;
    private transient volatile Rendered datexFeed;

    private static Rendered reuse(Rendered last, List<Occupancy.Site> now, Supplier<Rendered> render) {
        return last != null && last.of() == now ? last : render.get();
    }

    FeedServlet(
            Supplier<List<Occupancy.Site>> sites,
            ClientLimiter limiter,
            String country,
            String identifier,
            int maxAgeSeconds) {
        this.sites = sites;
        this.limiter = limiter;
        this.country = country;
        this.identifier = identifier;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long wait = limiter.take(req.getRemoteAddr(), System.nanoTime());
        if (wait > 0) {
            resp.setHeader("Retry-After", Long.toString(wait));
            error(resp, 429, "too many requests from " + req.getRemoteAddr() + "; try again in " + wait + " s");
            return;
        }
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        List<Occupancy.Site> all = sites.get();
        Rendered answer;
        if (path.equals("/v3/sites")) {
            answer = sitesFeed = reuse(
                    sitesFeed, all, () -> new Rendered(all, Feeds.parkApiSites(all), "application/json", newest(all)));
        } else if (path.startsWith("/v3/sites/") && path.endsWith("/spots")) {
            String uid = path.substring("/v3/sites/".length(), path.length() - "/spots".length());
            Optional<Occupancy.Site> site =
                    all.stream().filter(s -> s.site().uid().equals(uid)).findFirst();
            if (site.isEmpty()) {
                error(resp, 404, "no parking site '" + uid + "'");
                return;
            }
            answer = new Rendered(all, Feeds.parkApiSpots(site.get()), "application/json", newest(List.of(site.get())));
        } else if (path.equals("/datex2")) {
            Instant newest = newest(all);
            // the publication time is the data's, so that an unchanged feed keeps its ETag
            answer = datexFeed = reuse(
                    datexFeed,
                    all,
                    () -> new Rendered(
                            all,
                            Feeds.datex2(all, newest == null ? Instant.EPOCH : newest, country, identifier),
                            "application/xml",
                            newest));
        } else {
            error(resp, 404, "no feed at " + path + " (there are /v3/sites, /v3/sites/{uid}/spots and /datex2)");
            return;
        }
        byte[] body = answer.body();
        Instant modified = answer.modified();
        String type = answer.type();
        String etag = answer.etag();
        resp.setHeader("ETag", etag);
        resp.setHeader("Cache-Control", "public, max-age=" + maxAgeSeconds);
        resp.setHeader("Access-Control-Allow-Origin", "*");
        if (modified != null) {
            resp.setDateHeader(
                    "Last-Modified", modified.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
        }
        if (notModified(req, etag, modified)) {
            resp.setStatus(304);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(type + ";charset=UTF-8");
        resp.setContentLength(body.length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(body);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        readOnly(resp);
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        readOnly(resp);
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        readOnly(resp);
    }

    private static void readOnly(HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "GET, HEAD");
        error(resp, 405, "the parking feeds are read-only");
    }

    /** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
    private static boolean notModified(HttpServletRequest req, String etag, Instant modified) {
        String match = req.getHeader("If-None-Match");
        if (match != null) {
            for (String tag : match.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        String since = req.getHeader("If-Modified-Since");
        if (since != null && modified != null) {
            try {
                Instant s = ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(s);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private static Instant newest(List<Occupancy.Site> sites) {
        Instant newest = null;
        for (Occupancy.Site s : sites) {
            if (s.updatedAt() != null && (newest == null || s.updatedAt().isAfter(newest))) {
                newest = s.updatedAt();
            }
        }
        return newest;
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(HttpServletResponse resp, int status, String detail) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/problem+json;charset=UTF-8");
        String json = "{\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        resp.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
