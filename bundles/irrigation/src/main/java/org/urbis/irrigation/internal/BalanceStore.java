package org.urbis.irrigation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.urbis.irrigation.internal.balance.BalanceDay;
import org.urbis.irrigation.internal.balance.ZoneState;
import org.urbis.irrigation.internal.weather.WeatherDay;

/**
 * The zones' balances, the programs' rain delays and the weather stations' open days (their readings so far) in one
 * small JSON file, so that a restart carries on where the runtime stopped. Written to a temporary file, forced to disk and renamed over the old one: a crash leaves the old
 * or the new file, never half of one.
 */
final class BalanceStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    BalanceStore(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
    }

    Path file() {
        return file;
    }

    /**
     * Reads the file into the irrigation's maps; nothing when there is no file yet.
     *
     * @return the weather stations' open days, by station
     */
    Map<String, WeatherDay> load(Irrigation irrigation) throws IOException {
        Map<String, WeatherDay> weather = new java.util.HashMap<>();
        if (!Files.exists(file)) {
            return weather;
        }
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("zones").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode z = e.getValue();
            JsonNode l = z.path("last");
            BalanceDay last = l.isObject()
                    ? new BalanceDay(
                            LocalDate.parse(l.path("date").asText()),
                            l.path("et0").asDouble(),
                            l.path("et0Method").asText(),
                            l.path("etc").asDouble(),
                            l.path("rain").asDouble(),
                            l.path("effectiveRain").asDouble(),
                            l.path("applied").asDouble(),
                            l.path("drained").asDouble(),
                            l.path("depletion").asDouble())
                    : null;
            ZoneState s = new ZoneState(
                    LocalDate.parse(z.path("closed").asText()),
                    z.path("depletion").asDouble(),
                    last);
            z.path("applied")
                    .fields()
                    .forEachRemaining(a ->
                            s.credit(LocalDate.parse(a.getKey()), a.getValue().asDouble()));
            irrigation.restore(e.getKey(), s);
        }
        root.path("rainDelays")
                .fields()
                .forEachRemaining(d -> irrigation.rainDelay(
                        d.getKey(), Instant.parse(d.getValue().asText())));
        root.path("weather").fields().forEachRemaining(w -> weather.put(w.getKey(), WeatherDay.fromJson(w.getValue())));
        return weather;
    }

    /** @param weather the weather stations' open days, by station; read under the caller's lock */
    void save(Irrigation irrigation, Map<String, WeatherDay> weather) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode zones = root.putObject("zones");
        for (Map.Entry<String, ZoneState> e : new java.util.TreeMap<>(irrigation.zones()).entrySet()) {
            ZoneState s = e.getValue();
            synchronized (s) {
                ObjectNode z = zones.putObject(e.getKey());
                z.put("closed", s.closed().toString()).put("depletion", s.depletion());
                if (s.last() != null) {
                    BalanceDay l = s.last();
                    z.putObject("last")
                            .put("date", l.date().toString())
                            .put("et0", l.et0())
                            .put("et0Method", l.et0Method())
                            .put("etc", l.etc())
                            .put("rain", l.rain())
                            .put("effectiveRain", l.effectiveRain())
                            .put("applied", l.applied())
                            .put("drained", l.drained())
                            .put("depletion", l.depletion());
                }
                ObjectNode applied = z.putObject("applied");
                s.applied().forEach((d, mm) -> applied.put(d.toString(), mm));
            }
        }
        ObjectNode delays = root.putObject("rainDelays");
        irrigation.rainDelays().forEach((p, until) -> delays.put(p, until.toString()));
        ObjectNode stations = root.putObject("weather");
        weather.forEach((station, day) -> stations.set(station, day.toJson()));
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
