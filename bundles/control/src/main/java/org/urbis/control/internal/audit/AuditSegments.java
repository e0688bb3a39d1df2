package org.urbis.control.internal.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of an audit log: records go to {@code audit.log} until it holds the segment size, then it is renamed
 * {@code audit-<first seq, 20 digits>.log} and a new one begins; the chain runs on across segments. A head file
 * beside them holds the last sequence number and hash, so that records cut off the end are detected too.
 */
public final class AuditSegments {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    private AuditSegments() {}

    /** The head file that goes with an audit file. */
    public static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** The closed segment whose first record is {@code firstSeq}: {@code audit-<20 digits>.log} beside {@code audit.log}. */
    static Path segmentOf(Path file, long firstSeq) {
        return file.resolveSibling(stem(file) + "-" + padded(firstSeq) + ".log");
    }

    /** A sequence number zero-padded to 20 digits: names and heads of one length, which sort in chain order. */
    static String padded(long n) {
        String number = Long.toString(n);
        return "0".repeat(20 - number.length()) + number;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }

    /** The closed segments present, oldest first, then the current file if it exists: the chain's order. */
    public static List<Path> segments(Path file) throws IOException {
        Pattern closed = Pattern.compile(Pattern.quote(stem(file)) + "-\\d{20}\\.log");
        List<Path> found = new ArrayList<>();
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(p -> closed.matcher(p.getFileName().toString()).matches())
                        .forEach(found::add);
            }
        }
        // zero-padded numbers: the names sort in chain order
        Collections.sort(found);
        if (Files.exists(file)) {
            found.add(file);
        }
        return found;
    }

    /** When the first record of a segment was appended, or null when it has none that tells. */
    static Instant firstTime(Path segment) throws IOException {
        String first = firstLine(segment);
        Matcher m = first == null ? null : TIME.matcher(first);
        if (m == null || !m.find()) {
            return null;
        }
        try {
            return Instant.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String firstLine(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isEmpty()).findFirst().orElse(null);
        }
    }

    /** The last non-empty line, read from the end of the file rather than through all of it. */
    static String lastLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int chunk = 64 * 1024;
            while (true) {
                long start = Math.max(0, length - chunk);
                byte[] bytes = new byte[(int) (length - start)];
                raf.seek(start);
                raf.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                int end = text.length();
                while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                    end--;
                }
                int newline = text.lastIndexOf('\n', end - 1);
                if (newline >= 0 || start == 0) {
                    String line = text.substring(newline + 1, end);
                    return line.isEmpty() ? null : line;
                }
                chunk *= 4; // a line longer than the chunk: read further back
            }
        }
    }
}
