package org.urbis.itest;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.urbis.api.audit.AuditEntry;
import org.urbis.api.audit.AuditQuery;
import org.urbis.api.audit.AuditTrail;
import org.urbis.api.grid.ControlAction;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.Feeders;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;

/**
 * The grid on a simulated feeder, as in the demo: the urbis-grid feature takes a feeder file with a low export limit
 * over the pv simulator's houses, inverters and transformer meter; when the simulator is switched to a sunny noon the
 * transformer exports and the export controller curtails the inverters through the command pipeline, audited as the
 * scheduler with its reason, and when the sun goes (the simulator's night) it releases them to 100 %.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GridFeatureIT extends UrbisTestSupport {

    private static final String SIMULATOR_PID = "org.urbis.simulator.pv";
    private static final String SIMULATOR_CFG = SIMULATOR_PID + ".cfg";
    private static final List<String> INVERTERS = List.of("PV-IT-01", "PV-IT-02");

    @Configuration
    public Option[] config() {
        // the simulator's clock is set to local midnight, so that without its sunny noon the roofs give nothing
        long sinceMidnight = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).toSecondOfDay() / 60;
        return containerOptions(
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "port", freePort()),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "inverters", "2"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "houses", "2"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "sunnyNoon", "false"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "clockOffsetMinutes", String.valueOf(-sinceMidnight)),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "tickMillis", "200"),
                editConfigurationFilePut("etc/org.urbis.grid.cfg", "controller.periodSeconds", "2"));
    }

    private static String device(String id, String cls, String port, int unit, String profile, String options) {
        return "{\"type\": \"Feature\", \"id\": \"" + id + "\", \"geometry\": {\"type\": \"Point\", \"coordinates\": "
                + "[108.1, 10.93]}, \"properties\": {\"class\": \"" + cls + "\", \"driver\": \"pv\", \"address\": "
                + "\"sunspec://127.0.0.1:" + port + "/unit=" + unit + "\", \"tags\": {\"feeder\": \"PT-IT\"}, "
                + "\"profile\": \"" + profile + "\", \"options\": {" + options + "}, \"pollInterval\": 1}}";
    }

    private static double number(DeviceSnapshot s, String point) {
        Value v = s.values().get(point);
        return v != null && v.hasValue() ? ((Number) v.value()).doubleValue() : Double.NaN;
    }

    @Test
    public void aSunnyNoonIsCurtailedAndReleasedEachStepAudited() throws Exception {
        awaitUrbisBundlesActive();
        service(FeaturesService.class)
                .installFeatures(
                        new LinkedHashSet<>(List.of("urbis-driver-pv", "urbis-simulator-pv", "urbis-grid")),
                        EnumSet.noneOf(FeaturesService.Option.class));
        Properties simulator = new Properties();
        try (Reader in = Files.newBufferedReader(new File(System.getProperty("karaf.etc"), SIMULATOR_CFG).toPath())) {
            simulator.load(in);
        }
        String port = simulator.getProperty("port");
        String inverterOptions = "\"limitRampSeconds\": \"2\", \"limitRevertSeconds\": \"900\"";
        File inventory = new File(System.getProperty("karaf.etc"), "urbis/inventory/grid-it.geojson");
        inventory.getParentFile().mkdirs();
        Files.writeString(
                inventory.toPath(),
                "{\"type\": \"FeatureCollection\", \"features\": ["
                        + device(INVERTERS.get(0), "pv", port, 1, "pv-sunspec-inverter", inverterOptions) + ", "
                        + device(INVERTERS.get(1), "pv", port, 2, "pv-sunspec-inverter", inverterOptions) + ", "
                        + device("GM-IT-H01", "gridmeter", port, 101, "gridmeter-sunspec-1p", "") + ", "
                        + device("GM-IT-H02", "gridmeter", port, 102, "gridmeter-sunspec-1p", "") + ", "
                        + device("GM-IT-TX", "gridmeter", port, 200, "gridmeter-sunspec", "") + "]}",
                StandardCharsets.UTF_8);
        File feeder = new File(System.getProperty("karaf.etc"), "urbis/grid/pt-it.feeder.json");
        feeder.getParentFile().mkdirs();
        Files.writeString(
                feeder.toPath(),
                "{\"feeder\": \"PT-IT\", \"transformerMeter\": \"GM-IT-TX\", \"latitude\": 10.93, "
                        + "\"longitude\": 108.10, \"importLimitKw\": 15, \"exportLimitKw\": 3, \"hysteresisKw\": 1, "
                        + "\"peakController\": \"off\", \"exportController\": \"automatic\"}",
                StandardCharsets.UTF_8);

        DeviceRegistry registry = service(DeviceRegistry.class);
        Feeders grid = service(Feeders.class);
        await(
                "the feeder's night: every inverter ONLINE, rated, not producing, the transformer importing",
                TIMEOUT,
                () -> {
                    StringBuilder problems = new StringBuilder();
                    for (String id : List.of(INVERTERS.get(0), INVERTERS.get(1), "GM-IT-TX")) {
                        DeviceSnapshot s = registry.snapshot(id).orElse(null);
                        if (s == null || s.health().status() != HealthStatus.ONLINE) {
                            problems.append(id).append(s == null ? " not in the inventory; " : " " + s.health() + "; ");
                        } else if (id.startsWith("PV")
                                && !(number(s, "ratedPower") > 0 && number(s, "acPower") < 0.01)) {
                            problems.append(id).append(' ').append(s.values()).append("; ");
                        } else if (id.equals("GM-IT-TX") && !(number(s, "activePower") > 0)) {
                            problems.append(id).append(' ').append(s.values()).append("; ");
                        }
                    }
                    return problems.length() == 0 ? null : problems.toString();
                });
        await("the feeder PT-IT in use with a forecast", TIMEOUT, () -> {
            FeederOutlook o = grid.outlook("PT-IT").orElse(null);
            return o != null && o.loadKw().size() == 192 && o.pvKw().size() == 192
                    ? null
                    : "outlook " + o + ", feeders " + grid.feeders();
        });

        Instant start = Instant.now();
        setSunnyNoon(true);
        await(
                "every inverter curtailed under 100 % by a confirmed export action",
                TIMEOUT, () -> {
                    String problem = limits(registry, pct -> pct < 100);
                    return problem == null && actionWith(grid, "curtail")
                            ? null
                            : problem + " / " + grid.actions("PT-IT", 10);
                });
        AuditTrail audit = service(AuditTrail.class);
        for (String id : INVERTERS) {
            awaitAudited(audit, start, id, "curtail");
        }

        Instant night = Instant.now();
        setSunnyNoon(false);
        await(
                "every inverter released to 100 % once the export fell",
                TIMEOUT, () -> {
                    String problem = limits(registry, pct -> pct >= 100);
                    return problem == null && actionWith(grid, "release")
                            ? null
                            : problem + " / " + grid.actions("PT-IT", 10);
                });
        for (String id : INVERTERS) {
            awaitAudited(audit, night, id, "release");
        }
        // the meters were never commanded: only inverters take a power limit
        for (String meter : List.of("GM-IT-TX", "GM-IT-H01", "GM-IT-H02")) {
            List<AuditEntry> entries = audit.query(new AuditQuery(null, meter, start, null, 100));
            assertTrue(meter + " was commanded: " + entries, entries.isEmpty());
        }
    }

    /** Rewrites the simulator's configuration file, as an operator would; the runtime applies it without a restart. */
    private static void setSunnyNoon(boolean on) throws Exception {
        File cfg = new File(System.getProperty("karaf.etc"), SIMULATOR_CFG);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(cfg.toPath())) {
            p.load(in);
        }
        p.setProperty("sunnyNoon", String.valueOf(on));
        try (Writer out = Files.newBufferedWriter(cfg.toPath())) {
            p.store(out, null);
        }
    }

    /** Null when every inverter reports a GOOD powerLimitPct the test accepts, else what they report. */
    private static String limits(DeviceRegistry registry, Predicate<Double> wanted) {
        StringBuilder problems = new StringBuilder();
        for (String id : INVERTERS) {
            DeviceSnapshot s = registry.snapshot(id).orElseThrow();
            Value active = s.values().get("powerLimitActive");
            double pct = active != null && Boolean.FALSE.equals(active.value()) ? 100 : number(s, "powerLimitPct");
            if (!wanted.test(pct)) {
                problems.append(id)
                        .append(" at ")
                        .append(pct)
                        .append(" %, active ")
                        .append(active)
                        .append("; ");
            }
        }
        return problems.length() == 0 ? null : problems.toString();
    }

    private static boolean actionWith(Feeders grid, String word) {
        for (ControlAction a : grid.actions("PT-IT", 20)) {
            if (a.controller().equals("export")
                    && a.reason().contains(word)
                    && a.outcome().contains("CONFIRMED")) {
                return true;
            }
        }
        return false;
    }

    /** The inverter's command was received from the scheduler with the controller's reason, and confirmed. */
    private void awaitAudited(AuditTrail audit, Instant since, String inverter, String word)
            throws InterruptedException {
        await(
                inverter + " audited: received from the scheduler with the reason '" + word + "', then CONFIRMED",
                TIMEOUT,
                () -> {
                    List<AuditEntry> entries;
                    try {
                        entries = audit.query(new AuditQuery(null, null, since, null, 1000));
                    } catch (java.io.IOException e) {
                        return e.toString();
                    }
                    for (AuditEntry received : entries) {
                        if (received.event().equals("RECEIVED")
                                && received.issuer().equals("scheduler")
                                && received.line().contains("\"target\":\"" + inverter + "\"")
                                && received.line().contains("export limiting")
                                && received.line().contains(word)) {
                            boolean confirmed = entries.stream()
                                    .anyMatch(e -> e.commandId().equals(received.commandId())
                                            && e.event().equals("CONFIRMED"));
                            if (confirmed) {
                                return null;
                            }
                        }
                    }
                    return entries.toString();
                });
    }
}
