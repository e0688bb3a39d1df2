package org.urbis.control.internal.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules and overrides on disk, one file per schedule ({@code schedule-<id>.json}) and one for
 * the overrides ({@code overrides.json}). Every write goes to a temporary file that is then
 * renamed over the old one, so a crash leaves the old or the new file, never half of one.
 */
public final class ScheduleStore {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleStore.class);
    private static final String PREFIX = "schedule-";
    private static final String OVERRIDES = "overrides.json";

    private final Path dir;

    public ScheduleStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    public Path directory() {
        return dir;
    }

    /** Every stored schedule; a file that no longer passes the checks is logged and left out. */
    public List<Schedule> load() throws IOException {
        List<Schedule> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*.json")) {
            for (Path f : files) {
                try {
                    all.add(ScheduleFormat.parse(Files.readString(f, StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    LOG.error("Schedule file {} is not used: {}", f, e.getMessage());
                }
            }
        }
        all.sort(java.util.Comparator.comparing(Schedule::id));
        return all;
    }

    public void save(Schedule schedule) throws IOException {
        write(dir.resolve(PREFIX + schedule.id() + ".json"), ScheduleFormat.write(schedule));
    }

    public boolean remove(String id) throws IOException {
        return Files.deleteIfExists(dir.resolve(PREFIX + id + ".json"));
    }

    public List<ManualOverride> loadOverrides() throws IOException {
        Path f = dir.resolve(OVERRIDES);
        List<ManualOverride> all = new ArrayList<>();
        if (!Files.exists(f)) {
            return all;
        }
        JsonNode root = ScheduleFormat.JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
        for (JsonNode o : root) {
            all.add(new ManualOverride(
                    o.path("group").asText(),
                    o.path("level").asInt(),
                    Instant.parse(o.path("from").asText()),
                    Instant.parse(o.path("until").asText()),
                    o.path("by").asText("")));
        }
        return all;
    }

    public void saveOverrides(Collection<ManualOverride> overrides) throws IOException {
        ArrayNode root = ScheduleFormat.JSON.createArrayNode();
        for (ManualOverride o : overrides) {
            root.addObject()
                    .put("group", o.group())
                    .put("level", o.level())
                    .put("from", o.from().toString())
                    .put("until", o.until().toString())
                    .put("by", o.by());
        }
        write(dir.resolve(OVERRIDES), ScheduleFormat.JSON.writeValueAsString(root));
    }

    private void write(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (java.nio.channels.FileChannel ch =
                    java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
