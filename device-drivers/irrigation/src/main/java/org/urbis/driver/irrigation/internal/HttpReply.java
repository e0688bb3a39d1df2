package org.urbis.driver.irrigation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.x response as a small controller sends it, read from a stream with hard bounds on every
 * part (status line, headers, body), so that no reply, however broken, can make the reader allocate
 * without limit or wait for more than the stream gives. Bodies by {@code Content-Length}, chunked, or
 * up to the end of the connection.
 *
 * @param status the HTTP status code
 * @param body   the body's bytes
 */
record HttpReply(int status, byte[] body) {

    static final int MAX_LINE = 4_096;
    static final int MAX_HEADERS = 64;

    /** The reply is not HTTP, or breaks a bound. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** Reads one response; {@code maxBody} bounds the body. */
    static HttpReply read(InputStream in, int maxBody) throws IOException, Malformed {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new Malformed("the connection closed before any reply");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new Malformed("not an HTTP status line: '" + printable(statusLine) + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new Malformed("not an HTTP status line: '" + printable(statusLine) + "'");
        }
        if (status < 100 || status > 599) {
            throw new Malformed("HTTP status " + status + " does not exist");
        }
        long length = -1;
        boolean chunked = false;
        for (int n = 0; ; n++) {
            String h = line(in);
            if (h == null) {
                throw new Malformed("the connection closed within the headers");
            }
            if (h.isEmpty()) {
                break;
            }
            if (n >= MAX_HEADERS) {
                throw new Malformed("more than " + MAX_HEADERS + " headers");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("not a header: '" + printable(h) + "'");
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = size(value, 10, maxBody, "Content-Length");
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        byte[] body = chunked ? chunked(in, maxBody) : length >= 0 ? exactly(in, (int) length) : toEnd(in, maxBody);
        return new HttpReply(status, body);
    }

    private static byte[] chunked(InputStream in, int maxBody) throws IOException, Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new Malformed("the connection closed within a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            int size = (int) size(
                    semi < 0 ? sizeLine.trim() : sizeLine.substring(0, semi).trim(),
                    16,
                    maxBody - out.size(),
                    "chunk size");
            if (size == 0) {
                // trailers, up to the empty line
                for (int n = 0; n <= MAX_HEADERS; n++) {
                    String t = line(in);
                    if (t == null || t.isEmpty()) {
                        return out.toByteArray();
                    }
                }
                throw new Malformed("more than " + MAX_HEADERS + " trailers");
            }
            out.write(exactly(in, size));
            String end = line(in);
            if (end == null || !end.isEmpty()) {
                throw new Malformed("a chunk does not end where its size says");
            }
        }
    }

    private static long size(String s, int radix, long max, String what) throws Malformed {
        if (s.isEmpty() || s.length() > 9) {
            throw new Malformed(what + " '" + printable(s) + "' is not a size");
        }
        long v;
        try {
            v = Long.parseLong(s, radix);
        } catch (NumberFormatException e) {
            throw new Malformed(what + " '" + printable(s) + "' is not a size");
        }
        if (v < 0) {
            throw new Malformed(what + " " + v + " is negative");
        }
        if (v > max) {
            throw new Malformed(what + " " + v + " is larger than the " + max + " bytes allowed");
        }
        return v;
    }

    private static byte[] exactly(InputStream in, int n) throws IOException, Malformed {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new Malformed("the body ends after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static byte[] toEnd(InputStream in, int maxBody) throws IOException, Malformed {
        byte[] b = in.readNBytes(maxBody + 1);
        if (b.length > maxBody) {
            throw new Malformed("the body is larger than the " + maxBody + " bytes allowed");
        }
        return b;
    }

    /** A line ending in CRLF (or LF), without it; null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException, Malformed {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            if (b.length() >= MAX_LINE) {
                throw new Malformed("a line of the reply is longer than " + MAX_LINE + " bytes");
            }
            b.append((char) c);
        }
        if (b.length() == 0) {
            return null;
        }
        throw new Malformed("the connection closed within a line");
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder b = new StringBuilder();
        for (char ch : cut.toCharArray()) {
            b.append(ch >= 0x20 && ch < 0x7F || ch == '…' ? ch : '?');
        }
        return b.toString();
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
