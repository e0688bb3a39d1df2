package org.urbis.control.internal.command;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The command pipeline's settings, as a small typed object: its part of {@link ControlConfig}.
 *
 * @param commandRoles        roles allowed to issue commands (any one suffices)
 * @param issuerRoles         roles of issuers that submit without a login (the IOC, the scheduler)
 * @param dedupWindow         how long a command id is remembered at least (longer when its expiry is later)
 * @param dedupMaxIds         most ids remembered; when full of live ids new commands are refused
 * @param maxExpiry           furthest in the future a command's expiry may lie
 * @param selectTimeout       how long a SELECT holds a point for its issuer's OPERATE
 * @param issuerRatePerSecond sustained commands per second per issuer
 * @param issuerBurst         commands an issuer may send at once
 * @param deviceRatePerSecond sustained commands per second per device
 * @param deviceBurst         commands a device may receive at once
 * @param ioTimeout           longest one write or readback may take
 * @param confirmTimeout      how long the readback may take to match before the command FAILED
 * @param confirmInterval     pause between readbacks that did not match yet
 * @param groupParallelism    devices of a group command handled at once
 * @param issuerRates         rate and burst of named issuers that differ from the default (the scheduler's
 *                            night programs start hundreds of devices at once)
 */
public record ControlSettings(
        Set<String> commandRoles,
        Map<String, Set<String>> issuerRoles,
        Duration dedupWindow,
        int dedupMaxIds,
        Duration maxExpiry,
        Duration selectTimeout,
        double issuerRatePerSecond,
        int issuerBurst,
        double deviceRatePerSecond,
        int deviceBurst,
        Duration ioTimeout,
        Duration confirmTimeout,
        Duration confirmInterval,
        int groupParallelism,
        Map<String, Rate> issuerRates) {

    /** A sustained rate and the burst allowed at once. */
    public record Rate(double perSecond, int burst) {
        public Rate {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate must be positive and its burst at least 1");
            }
        }
    }

    public ControlSettings {
        commandRoles = Set.copyOf(commandRoles);
        issuerRoles = Map.copyOf(issuerRoles);
        issuerRates = Map.copyOf(issuerRates);
        if (dedupMaxIds < 1 || issuerBurst < 1 || deviceBurst < 1 || groupParallelism < 1) {
            throw new IllegalArgumentException("id window size, bursts and group parallelism must be at least 1");
        }
        if (!(issuerRatePerSecond > 0) || !(deviceRatePerSecond > 0)) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        for (Duration d :
                new Duration[] {dedupWindow, maxExpiry, selectTimeout, ioTimeout, confirmTimeout, confirmInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("windows, timeouts and intervals must be positive");
            }
        }
    }

    /** The command pipeline's part of the bundle's configuration, checked. */
    public static ControlSettings from(ControlConfig c) {
        return new ControlSettings(
                parseList(c.command_roles()),
                parseIssuerRoles(c.issuer_roles()),
                Duration.ofSeconds(c.dedup_windowSeconds()),
                c.dedup_maxIds(),
                Duration.ofSeconds(c.command_maxExpirySeconds()),
                Duration.ofSeconds(c.select_timeoutSeconds()),
                c.rate_issuerPerSecond(),
                c.rate_issuerBurst(),
                c.rate_devicePerSecond(),
                c.rate_deviceBurst(),
                Duration.ofMillis(c.io_timeoutMillis()),
                Duration.ofMillis(c.confirm_timeoutMillis()),
                Duration.ofMillis(c.confirm_intervalMillis()),
                c.group_parallelism(),
                parseIssuerRates(c.rate_issuers()));
    }

    /** Settings where every issuer has the default rate. */
    public ControlSettings(
            Set<String> commandRoles,
            Map<String, Set<String>> issuerRoles,
            Duration dedupWindow,
            int dedupMaxIds,
            Duration maxExpiry,
            Duration selectTimeout,
            double issuerRatePerSecond,
            int issuerBurst,
            double deviceRatePerSecond,
            int deviceBurst,
            Duration ioTimeout,
            Duration confirmTimeout,
            Duration confirmInterval,
            int groupParallelism) {
        this(
                commandRoles,
                issuerRoles,
                dedupWindow,
                dedupMaxIds,
                maxExpiry,
                selectTimeout,
                issuerRatePerSecond,
                issuerBurst,
                deviceRatePerSecond,
                deviceBurst,
                ioTimeout,
                confirmTimeout,
                confirmInterval,
                groupParallelism,
                Map.of());
    }

    /** The rate an issuer is held to: its own when configured, otherwise the default. */
    public Rate issuerRate(String issuer) {
        return issuerRates.getOrDefault(issuer, new Rate(issuerRatePerSecond, issuerBurst));
    }

    /**
     * Threads that run the checks and audit of each device's command: no more than the machine has cores (at least
     * two), since a device being waited on holds none of them. More only wake one another: on two cores, eight of
     * them cost 7% more CPU per group command to ten thousand luminaires than two did.
     */
    public int workerThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(2, Math.min(Math.min(8, cores), groupParallelism));
    }

    /** A .cfg file gives "a,b" as one string; metatype and DS give an array: accept both. */
    public static Set<String> parseList(String[] entries) {
        Set<String> out = new java.util.TreeSet<>();
        for (String entry : entries) {
            for (String one : entry.split(",")) {
                if (!one.isBlank()) {
                    out.add(one.trim());
                }
            }
        }
        return out;
    }

    /**
     * Parses issuer rate entries such as {@code scheduler=200/1000} (commands per second / burst).
     *
     * @throws IllegalArgumentException naming the entry that is not of that form
     */
    public static Map<String, Rate> parseIssuerRates(String[] entries) {
        Map<String, Rate> map = new java.util.HashMap<>();
        for (String entry : entries) {
            for (String one : entry.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                int eq = one.indexOf('=');
                int slash = one.indexOf('/', eq + 1);
                try {
                    if (eq <= 0 || slash < 0) {
                        throw new NumberFormatException();
                    }
                    map.put(
                            one.substring(0, eq).trim(),
                            new Rate(
                                    Double.parseDouble(
                                            one.substring(eq + 1, slash).trim()),
                                    Integer.parseInt(one.substring(slash + 1).trim())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("rate.issuers entry '" + one.trim()
                            + "' is not issuer=<commands per second>/<burst>, such as scheduler=200/1000");
                }
            }
        }
        return map;
    }

    /** Parses issuer role entries such as {@code ioc=operator} or {@code ops=operator|maintenance}. */
    public static Map<String, Set<String>> parseIssuerRoles(String[] entries) {
        Map<String, Set<String>> map = new java.util.HashMap<>();
        for (String entry : entries) {
            for (String one : entry.split(",")) {
                int eq = one.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                Set<String> roles = new java.util.HashSet<>();
                for (String r : one.substring(eq + 1).split("\\|")) {
                    if (!r.isBlank()) {
                        roles.add(r.trim());
                    }
                }
                map.put(one.substring(0, eq).trim(), roles);
            }
        }
        return map;
    }
}
