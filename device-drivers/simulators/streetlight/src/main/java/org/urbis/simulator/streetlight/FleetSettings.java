package org.urbis.simulator.streetlight;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated fleet runs.
 *
 * @param brokerUrl      the MQTT broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param username       broker user, empty for none
 * @param password       broker password, empty for none
 * @param topicRoot      the nodes' topics are {@code <topicRoot>/<node id>/...}
 * @param idPrefix       node ids are this prefix and a number from 1, zero-padded to at least three digits
 * @param statusInterval how often each node publishes its status unasked
 * @param tick           how often the meters integrate and the programs run
 * @param ratedPowerW    power of a lamp at 100 %
 * @param latitude       where the fleet stands, for astronomical program steps
 * @param longitude      where the fleet stands
 * @param clock          the nodes' clock (time stamps and programs)
 */
public record FleetSettings(
        String brokerUrl,
        String username,
        String password,
        String topicRoot,
        String idPrefix,
        Duration statusInterval,
        Duration tick,
        double ratedPowerW,
        double latitude,
        double longitude,
        Clock clock) {

    public FleetSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        topicRoot = stripSlashes(Objects.requireNonNull(topicRoot, "topicRoot"));
        if (topicRoot.isEmpty() || topicRoot.contains("+") || topicRoot.contains("#")) {
            throw new IllegalArgumentException("topic root '" + topicRoot + "' must be non-empty and hold no wildcard");
        }
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (statusInterval.isNegative() || statusInterval.isZero() || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("status interval and tick must be positive");
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** A fleet in Phan Thiết on the given broker: 120 W lamps, status every 60 s, nodes {@code SL-PT-001...}. */
    public static FleetSettings defaults(String brokerUrl) {
        return new FleetSettings(
                brokerUrl,
                "",
                "",
                "urbis/luminaires",
                "SL-PT-",
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                120,
                10.93,
                108.10,
                Clock.systemUTC());
    }

    public FleetSettings withIdPrefix(String prefix) {
        return new FleetSettings(
                brokerUrl,
                username,
                password,
                topicRoot,
                prefix,
                statusInterval,
                tick,
                ratedPowerW,
                latitude,
                longitude,
                clock);
    }

    public FleetSettings withTopicRoot(String root) {
        return new FleetSettings(
                brokerUrl,
                username,
                password,
                root,
                idPrefix,
                statusInterval,
                tick,
                ratedPowerW,
                latitude,
                longitude,
                clock);
    }

    public FleetSettings withStatusInterval(Duration interval) {
        return new FleetSettings(
                brokerUrl,
                username,
                password,
                topicRoot,
                idPrefix,
                interval,
                tick,
                ratedPowerW,
                latitude,
                longitude,
                clock);
    }

    public FleetSettings withTick(Duration t) {
        return new FleetSettings(
                brokerUrl,
                username,
                password,
                topicRoot,
                idPrefix,
                statusInterval,
                t,
                ratedPowerW,
                latitude,
                longitude,
                clock);
    }

    public FleetSettings withCredentials(String user, String pass) {
        return new FleetSettings(
                brokerUrl,
                user,
                pass,
                topicRoot,
                idPrefix,
                statusInterval,
                tick,
                ratedPowerW,
                latitude,
                longitude,
                clock);
    }

    public FleetSettings withClock(Clock c) {
        return new FleetSettings(
                brokerUrl,
                username,
                password,
                topicRoot,
                idPrefix,
                statusInterval,
                tick,
                ratedPowerW,
                latitude,
                longitude,
                c);
    }

    /** The id of node number {@code i} (from 1) of a fleet of {@code n}. */
    public String nodeId(int i, int n) {
        int width = Math.max(3, Integer.toString(n).length());
        return idPrefix + String.format("%0" + width + "d", i);
    }

    private static String stripSlashes(String s) {
        String t = s.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
