package org.urbis.core.internal.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.urbis.api.device.Device;

/**
 * A CSV file, one device per row, as a spreadsheet saves it:
 * <pre>
 * # comment lines start with '#'
 * id,class,driver,address,lat,lon,profile,pollInterval,tag.zone,opt.unitId
 * WV-001,water,water-modbus,10.20.0.11:502,10.9312,108.0987,valve,PT10S,Z1,1
 * </pre>
 * Column names are case-insensitive; {@code id, class, driver, address} are required, the others
 * optional, and columns the platform does not use are ignored. Empty cells are left out.
 */
final class CsvInventoryFile {

    private static final List<String> REQUIRED = List.of("id", "class", "driver", "address");
    /** The columns the platform reads, besides tag.* and opt.*. */
    private static final List<String> KNOWN =
            List.of("id", "class", "driver", "address", "lat", "lon", "profile", "pollInterval");

    private static final String TAG = "tag.";
    private static final String OPTION = "opt.";

    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\) ");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setCommentMarker('#')
            // Spreadsheets often save a trailing empty column; its cells are simply ignored.
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
            .build();

    private CsvInventoryFile() {}

    /** The devices of one file; problems are reported, and devices with a problem left out. */
    static List<Device> read(byte[] content, DeviceAssembler assembler, Problems problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add("", "not UTF-8 text; save it as \"CSV UTF-8\"");
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            // Excel starts UTF-8 CSV files with a byte order mark that would stick to the first column name.
            text = text.substring(1);
        }
        String headerAt = "line " + headerLine(text);
        CSVParser parser;
        try {
            parser = CSVParser.parse(text, FORMAT); // reads the header
        } catch (IllegalArgumentException e) {
            // Commons CSV refuses a header naming a column twice.
            problems.add(headerAt, e.getMessage());
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            problems.add(headerAt, "malformed CSV: " + e.getMessage());
            return List.of();
        }
        try (parser) {
            List<String> header = parser.getHeaderNames();
            if (!checkHeader(header, headerAt, problems)) {
                return List.of();
            }
            return readRows(parser, header, assembler, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // closing a parser of a String does no I/O
        }
    }

    private static boolean checkHeader(List<String> header, String at, Problems problems) {
        if (header.isEmpty()) {
            problems.add(
                    "", "no header row; the first line must name the columns, at least " + String.join(",", REQUIRED));
            return false;
        }
        int before = problems.count();
        List<String> columns =
                header.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        List<String> missing =
                REQUIRED.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            problems.add(
                    at,
                    "missing required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                            + " (the header has " + String.join(", ", header) + ")");
        }
        for (String column : header) {
            String key = column.toLowerCase(Locale.ROOT);
            if (KNOWN.stream().anyMatch(k -> k.equalsIgnoreCase(key))
                    || key.startsWith(TAG)
                    || key.startsWith(OPTION)) {
                continue;
            }
            int dot = key.indexOf('.');
            Optional<String> meant = dot > 0
                    ? NearMiss.of(key.substring(0, dot + 1), List.of(TAG, OPTION))
                            .map(p -> p + column.substring(dot + 1))
                    : NearMiss.of(key, KNOWN);
            meant.ifPresent(m -> problems.add(
                    at,
                    "column '" + column + "' is not one the platform reads; did you mean '" + m
                            + "'? (rename it, or give it a name further from the platform's)"));
        }
        if (columns.contains("lat") != columns.contains("lon")) {
            problems.add(
                    at,
                    "columns lat and lon go together; the header has only "
                            + (columns.contains("lat") ? "lat" : "lon"));
        }
        // Rows under a bad header would only repeat its problem, once per row.
        return problems.count() == before;
    }

    private static List<Device> readRows(
            CSVParser parser, List<String> header, DeviceAssembler assembler, Problems problems) {
        List<Device> devices = new ArrayList<>();
        Iterator<CSVRecord> rows = parser.iterator();
        while (true) {
            CSVRecord row;
            try {
                if (!rows.hasNext()) {
                    break;
                }
                row = rows.next();
            } catch (UncheckedIOException e) {
                // Commons CSV cannot resume after a syntax error (an unbalanced quote, ...).
                syntaxError(e.getCause().getMessage(), parser.getCurrentLineNumber(), problems);
                break;
            }
            // The parser stands at the row's last line; a quoted value may have spanned several.
            String at = "line " + (parser.getCurrentLineNumber() - lineBreaks(row));
            if (row.size() != header.size()) {
                problems.add(at, "the row has " + row.size() + " fields, the header has " + header.size());
                continue;
            }
            if (row.stream().allMatch(String::isEmpty)) {
                continue; // a row of bare commas, as spreadsheets leave below the data
            }
            int before = problems.count();
            Device device = assembler.assemble(entry(row, header, at, problems), problems);
            if (device != null && problems.count() == before) {
                devices.add(device);
            }
        }
        return devices;
    }

    private static DeviceEntry entry(CSVRecord row, List<String> header, String at, Problems problems) {
        DeviceEntry entry = new DeviceEntry(at);
        String lat = null;
        String lon = null;
        for (int i = 0; i < header.size(); i++) {
            String value = row.get(i);
            if (value.isEmpty()) {
                continue;
            }
            String column = header.get(i);
            String key = column.toLowerCase(Locale.ROOT);
            switch (key) {
                case "id":
                    entry.id = value;
                    break;
                case "class":
                    entry.deviceClass = value;
                    break;
                case "driver":
                    entry.driver = value;
                    break;
                case "address":
                    entry.address = value;
                    break;
                case "profile":
                    entry.profile = value;
                    break;
                case "pollinterval":
                    entry.pollInterval = value;
                    break;
                case "lat":
                    lat = value;
                    break;
                case "lon":
                    lon = value;
                    break;
                default:
                    if (key.startsWith(TAG)) {
                        entry.tags.put(column.substring(TAG.length()), value);
                    } else if (key.startsWith(OPTION)) {
                        entry.options.put(column.substring(OPTION.length()), value);
                    }
            }
        }
        if (lat != null || lon != null) {
            if (lat == null || lon == null) {
                problems.add(at, (lat == null ? "lon without lat" : "lat without lon") + "; give both or neither");
            } else {
                entry.latitude = number("lat", lat, at, problems);
                entry.longitude = number("lon", lon, at, problems);
            }
        }
        return entry;
    }

    /**
     * Reports a syntax error at the line where the broken value starts, which Commons CSV puts
     * into the message as {@code (startline 2)} when it knows it.
     */
    private static void syntaxError(String message, long line, Problems problems) {
        Matcher start = START_LINE.matcher(message);
        if (start.find()) {
            line = Long.parseLong(start.group(1));
            message = start.replaceFirst("");
        }
        problems.add("line " + line, "malformed CSV: " + message);
    }

    private static Double number(String column, String value, String at, Problems problems) {
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(at, column + " '" + value + "' is not a number");
            return null;
        }
    }

    private static long lineBreaks(CSVRecord row) {
        return row.stream()
                .mapToLong(v -> v.chars().filter(c -> c == '\n').count())
                .sum();
    }

    /** The line of the header: the first one that is neither blank nor a comment. */
    private static int headerLine(String text) {
        int line = 1;
        for (Iterator<String> lines = text.lines().iterator(); lines.hasNext(); line++) {
            String l = lines.next();
            if (!l.isBlank() && !l.startsWith("#")) {
                return line;
            }
        }
        return 1;
    }
}
