package org.urbis.driver.parking.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.urbis.api.device.Device;
import org.urbis.parking.codec.Downlink;

/**
 * A bay's address and options: {@code eui:<DevEUI>} (either case), {@code model} (the codec),
 * {@code firmware}, {@code connection}, {@code heartbeatMinutes}, and {@code recalibration}
 * ({@code port:hex}, the vendor's recalibration downlink where the codec has none).
 */
record BayOptions(
        String devEui,
        String model,
        String firmware,
        String connection,
        Optional<Duration> heartbeat,
        Optional<Downlink> recalibration) {

    static final String DEFAULT_CONNECTION = "default";

    /** Reads them, or lists every problem. */
    static BayOptions of(Device device, List<String> problems) {
        String address = device.address().trim();
        String devEui = "";
        if (!address.regionMatches(true, 0, "eui:", 0, 4)
                || !address.substring(4).matches("[0-9A-Fa-f]{16}")) {
            problems.add("address '" + device.address()
                    + "' must be eui:<DevEUI>, 16 hex digits, such as eui:70B3D57ED0051A01");
        } else {
            devEui = address.substring(4).toUpperCase(Locale.ROOT);
        }
        String model = device.options().getOrDefault("model", "").trim().toLowerCase(Locale.ROOT);
        if (model.isEmpty()) {
            problems.add("option 'model' is missing: it names the sensor's payload codec, such as nwave-nps405");
        }
        String firmware = device.options().getOrDefault("firmware", "").trim();
        String connection =
                device.options().getOrDefault("connection", DEFAULT_CONNECTION).trim();
        Optional<Duration> heartbeat = Optional.empty();
        String hb = device.options().get("heartbeatMinutes");
        if (hb != null) {
            try {
                long minutes = Long.parseLong(hb.trim());
                if (minutes < 1) {
                    throw new NumberFormatException();
                }
                heartbeat = Optional.of(Duration.ofMinutes(minutes));
            } catch (NumberFormatException e) {
                problems.add("option 'heartbeatMinutes' '" + hb + "' must be a whole number of minutes, at least 1");
            }
        }
        Optional<Downlink> recalibration = Optional.empty();
        String r = device.options().get("recalibration");
        if (r != null) {
            String[] parts = r.trim().split(":", 2);
            try {
                recalibration = Optional.of(
                        new Downlink(Integer.parseInt(parts[0]), HexFormat.of().parseHex(parts[1])));
            } catch (RuntimeException e) {
                problems.add("option 'recalibration' '" + r + "' must be port:hex, such as 10:01");
            }
        }
        return new BayOptions(devEui, model, firmware, connection, heartbeat, recalibration);
    }

    static List<String> problems(Device device) {
        List<String> problems = new ArrayList<>();
        of(device, problems);
        return problems;
    }
}
