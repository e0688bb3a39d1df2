package org.urbis.control.internal.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.urbis.api.command.Command;
import org.urbis.api.device.Device;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;

/**
 * The maintenance windows, one per target, in a JSON file that is rewritten through a temporary
 * file and a rename, so a crash leaves the old or the new list, never half of one. A window whose
 * end has passed no longer counts, and {@link #expire()} removes it from the file and reports it.
 */
public final class MaintenanceBook implements Maintenance {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What happened to a window, for the audit log. */
    public enum Change {
        SET,
        CLEARED,
        ENDED
    }

    private final Path file;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final ChangeListener listener;
    private final Map<String, MaintenanceWindow> byTarget = new TreeMap<>();

    /** Learns every change, after it is on disk. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(Change change, MaintenanceWindow window, String actor);
    }

    public MaintenanceBook(Path file, DeviceRegistry registry, Clock clock, ChangeListener listener)
            throws IOException {
        this.file = file;
        this.registry = registry;
        this.clock = clock;
        this.listener = listener;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            for (JsonNode w : JSON.readTree(Files.readString(file, StandardCharsets.UTF_8))) {
                MaintenanceWindow window = new MaintenanceWindow(
                        w.path("target").asText(),
                        w.path("reason").asText(),
                        w.path("by").asText(),
                        Instant.parse(w.path("start").asText()),
                        Instant.parse(w.path("end").asText()));
                byTarget.put(window.target(), window);
            }
        }
    }

    @Override
    public MaintenanceWindow set(String target, String reason, String by, Instant end) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        if (target == null || target.isBlank()) {
            problems.add("target: give a device id or group:<group>");
        } else if (target.startsWith(Command.GROUP_PREFIX)) {
            String group = target.substring(Command.GROUP_PREFIX.length());
            if (registry.findIds(new DeviceQuery(null, group, null)).isEmpty()) {
                problems.add("target: no device is in group '" + group + "'");
            }
        } else if (registry.snapshot(target).isEmpty()) {
            problems.add("target: no device '" + target + "'");
        }
        if (reason == null || reason.isBlank()) {
            problems.add("reason: say why the crew works on it");
        }
        if (end == null || !end.isAfter(now)) {
            problems.add("end: must lie in the future (now is " + now + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        MaintenanceWindow window = new MaintenanceWindow(target, reason.strip(), by, now, end);
        synchronized (this) {
            byTarget.put(target, window);
            save();
        }
        listener.changed(Change.SET, window, by);
        return window;
    }

    @Override
    public Optional<MaintenanceWindow> clear(String target, String by) {
        MaintenanceWindow old;
        synchronized (this) {
            old = byTarget.remove(target);
            if (old == null) {
                return Optional.empty();
            }
            save();
        }
        boolean active = old.activeAt(clock.instant());
        listener.changed(active ? Change.CLEARED : Change.ENDED, old, active ? by : "");
        return active ? Optional.of(old) : Optional.empty();
    }

    @Override
    public synchronized List<MaintenanceWindow> windows() {
        Instant now = clock.instant();
        return byTarget.values().stream().filter(w -> w.activeAt(now)).toList();
    }

    @Override
    public synchronized Optional<MaintenanceWindow> windowFor(Device device) {
        Instant now = clock.instant();
        MaintenanceWindow own = byTarget.get(device.id());
        if (own != null && own.activeAt(now)) {
            return Optional.of(own);
        }
        return byTarget.values().stream()
                .filter(w -> w.targetsGroup() && w.activeAt(now) && w.covers(device))
                .findFirst();
    }

    /** Removes the windows that have ended and reports each; returns the earliest end still to come. */
    public Optional<Instant> expire() {
        Instant now = clock.instant();
        List<MaintenanceWindow> ended = new ArrayList<>();
        Optional<Instant> next;
        synchronized (this) {
            byTarget.values().removeIf(w -> !now.isBefore(w.end()) && ended.add(w));
            if (!ended.isEmpty()) {
                save();
            }
            next = byTarget.values().stream().map(MaintenanceWindow::end).min(Instant::compareTo);
        }
        ended.forEach(w -> listener.changed(Change.ENDED, w, ""));
        return next;
    }

    private void save() {
        ArrayNode all = JSON.createArrayNode();
        for (MaintenanceWindow w : byTarget.values()) {
            ObjectNode o = all.addObject();
            o.put("target", w.target());
            o.put("reason", w.reason());
            o.put("by", w.by());
            o.put("start", w.start().toString());
            o.put("end", w.end().toString());
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(
                    tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("maintenance windows not saved to " + file, e);
        }
    }
}
