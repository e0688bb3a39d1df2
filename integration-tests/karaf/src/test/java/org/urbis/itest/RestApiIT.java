package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.urbis.api.runtime.Inventory;

/**
 * The REST API over real HTTP in the production distribution: every endpoint with every role, logins,
 * sessions and CSRF, problems for bad input with nothing applied, live events of a group command, and
 * the OpenAPI description. One container for the class; the devices are three test-driver luminaires
 * uploaded through the API itself.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiIT extends UrbisTestSupport {

    private static final String VIEWER = "vera";
    private static final String MAINTENANCE = "max";
    private static final String OPERATOR = "otto";
    private static final String VENDOR = "vic";
    private static final String ADMIN = "ada";
    /** Every user of the test, by their one role. */
    private static final Map<String, String> ROLE_OF = Map.of(
            VIEWER, "viewer", MAINTENANCE, "maintenance", OPERATOR, "operator", VENDOR, "vendor", ADMIN, "admin");

    private static final List<String> DEVICES = List.of("RT-001", "RT-002", "RT-003");
    private static final String GROUP = "cabinet=RT-CAB";
    private static final int MAX_UPLOAD = 65_536;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> READERS = Set.of("viewer", "maintenance", "operator", "admin");
    private static final Set<String> MAINTAINERS = Set.of("maintenance", "operator", "admin");
    private static final Set<String> OPERATORS = Set.of("operator", "admin");
    private static final Set<String> ADMINS = Set.of("admin");
    private static final Set<String> VENDORS = Set.of("vendor", "admin");
    private static final Set<String> EVERY_ROLE = Set.of("viewer", "maintenance", "operator", "vendor", "admin");
    private static final Set<String> ANYONE = Set.of("*");

    /**
     * One endpoint with a request that the role check lets through or not, and that does nothing
     * lasting when it gets through.
     *
     * @param template the path as the OpenAPI description names it, under /api/v1
     */
    private record Endpoint(String method, String template, String path, String body, Set<String> roles) {}

    /** Every endpoint of /api/v1, and /metrics; the OpenAPI test checks that none is missing. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/site", "/api/v1/site", null, EVERY_ROLE),
            new Endpoint("GET", "/session", "/api/v1/session", null, EVERY_ROLE),
            new Endpoint("DELETE", "/session", "/api/v1/session", null, EVERY_ROLE),
            new Endpoint("POST", "/session", null, null, ANYONE),
            new Endpoint("GET", "/devices", "/api/v1/devices", null, READERS),
            new Endpoint("GET", "/devices/{id}", "/api/v1/devices/RT-001", null, READERS),
            new Endpoint("GET", "/devices/{id}/history", "/api/v1/devices/RT-001/history?point=level", null, READERS),
            new Endpoint("GET", "/history", "/api/v1/history", null, READERS),
            new Endpoint("GET", "/alarms", "/api/v1/alarms", null, READERS),
            new Endpoint("POST", "/alarms/{source}/{type}/ack", "/api/v1/alarms/NOPE/NONE/ack", null, MAINTAINERS),
            new Endpoint("GET", "/commands", "/api/v1/commands", null, READERS),
            new Endpoint("GET", "/commands/{id}", "/api/v1/commands/no-such-command", null, READERS),
            new Endpoint("POST", "/commands", "/api/v1/commands", "{}", OPERATORS),
            new Endpoint("GET", "/schedules", "/api/v1/schedules", null, READERS),
            new Endpoint("POST", "/schedules", "/api/v1/schedules", "{}", OPERATORS),
            new Endpoint("DELETE", "/schedules/{id}", "/api/v1/schedules/no-such-schedule", null, OPERATORS),
            new Endpoint(
                    "GET",
                    "/schedules/preview",
                    "/api/v1/schedules/preview?group=cabinet=NONE&from=2026-12-01&to=2026-12-02",
                    null,
                    READERS),
            new Endpoint("GET", "/irrigation/programs", "/api/v1/irrigation/programs", null, READERS),
            new Endpoint(
                    "GET",
                    "/irrigation/programs/{id}/preview",
                    "/api/v1/irrigation/programs/no-such-program/preview",
                    null,
                    READERS),
            new Endpoint("GET", "/grid/feeders", "/api/v1/grid/feeders", null, READERS),
            new Endpoint(
                    "GET",
                    "/grid/feeders/{id}/forecast",
                    "/api/v1/grid/feeders/NO-SUCH-FEEDER/forecast",
                    null,
                    READERS),
            new Endpoint(
                    "GET", "/grid/feeders/{id}/actions", "/api/v1/grid/feeders/NO-SUCH-FEEDER/actions", null, READERS),
            new Endpoint(
                    "POST",
                    "/grid/feeders/proposals/{proposal}/approve",
                    "/api/v1/grid/feeders/proposals/NO-SUCH-PROPOSAL/approve",
                    null,
                    OPERATORS),
            new Endpoint("GET", "/overrides", "/api/v1/overrides", null, READERS),
            new Endpoint("POST", "/overrides", "/api/v1/overrides", "{}", OPERATORS),
            new Endpoint("DELETE", "/overrides/{group}", "/api/v1/overrides/cabinet=NONE", null, OPERATORS),
            new Endpoint("GET", "/audit", "/api/v1/audit", null, MAINTAINERS),
            new Endpoint("GET", "/audit/verify", "/api/v1/audit/verify", null, MAINTAINERS),
            new Endpoint("GET", "/telemetry", "/api/v1/telemetry", null, READERS),
            new Endpoint("GET", "/inventory", "/api/v1/inventory", null, READERS),
            new Endpoint("PUT", "/inventory/files/{name}", "/api/v1/inventory/files/bad%20name.txt", "x", ADMINS),
            new Endpoint("GET", "/users", "/api/v1/users", null, ADMINS),
            new Endpoint("PUT", "/users/{name}", "/api/v1/users/bad%21name", "{}", ADMINS),
            new Endpoint("DELETE", "/users/{name}", "/api/v1/users/no-such-user", null, ADMINS),
            new Endpoint("GET", "/events", "/api/v1/events", null, READERS),
            new Endpoint("GET", "/maintenance", "/api/v1/maintenance", null, READERS),
            new Endpoint("GET", "/maintenance/devices", "/api/v1/maintenance/devices", null, READERS),
            new Endpoint(
                    "PUT",
                    "/maintenance/{target}",
                    "/api/v1/maintenance/NO-SUCH-DEVICE",
                    "{}",
                    Set.of("maintenance", "admin")),
            new Endpoint(
                    "DELETE",
                    "/maintenance/{target}",
                    "/api/v1/maintenance/NO-SUCH-DEVICE",
                    null,
                    Set.of("maintenance", "admin")),
            new Endpoint("GET", "/notifications", "/api/v1/notifications", null, MAINTAINERS),
            new Endpoint("GET", "/notifications/files", "/api/v1/notifications/files", null, ADMINS),
            new Endpoint("PUT", "/notifications/files/{name}", "/api/v1/notifications/files/BAD%20NAME", "{}", ADMINS),
            new Endpoint("GET", "/drivers", "/api/v1/drivers", null, EVERY_ROLE),
            new Endpoint("POST", "/drivers", "/api/v1/drivers", "{}", VENDORS),
            new Endpoint(
                    "POST", "/drivers/{bundle}/rollback", "/api/v1/drivers/no-such-driver/rollback", null, VENDORS),
            new Endpoint("GET", "/openapi.json", "/api/v1/openapi.json", null, ANYONE),
            new Endpoint("GET", null, "/metrics", null, READERS));

    private static boolean ready;

    @Configuration
    public Option[] config() {
        List<Option> extra = new ArrayList<>();
        ROLE_OF.forEach((user, role) ->
                extra.add(editConfigurationFilePut("etc/users.properties", user, password(user) + "," + role)));
        extra.add(editConfigurationFilePut(
                "etc/org.urbis.core.cfg",
                "inventory.knownDrivers",
                "streetlight,water,gridmeter,parking,irrigation,test"));
        // Commands of the tests and of the schedule they store come close together: no rate limit in the way.
        for (String key :
                List.of("rate.issuerPerSecond", "rate.issuerBurst", "rate.devicePerSecond", "rate.deviceBurst")) {
            extra.add(editConfigurationFilePut("etc/org.urbis.control.cfg", key, "1000"));
        }
        extra.add(editConfigurationFilePut("etc/org.urbis.rest.cfg", "events.keepAliveSeconds", "1"));
        extra.add(editConfigurationFilePut("etc/org.urbis.rest.cfg", "upload.maxBytes", Integer.toString(MAX_UPLOAD)));
        extra.add(editConfigurationFilePut("etc/org.urbis.rest.cfg", "login.burst", "3"));
        return containerOptions(extra.toArray(new Option[0]));
    }

    private static String password(String user) {
        return user + "-pw-2026";
    }

    /** Once per container: the API answers, the test driver runs, and the three luminaires are online. */
    @Before
    public void platform() throws Exception {
        if (ready) {
            return;
        }
        awaitUrbisBundlesActive();
        await("the REST API", BOOT_TIMEOUT, () -> {
            try {
                int status = call("GET", "/api/v1/site", VIEWER, null).statusCode();
                return status == 200 ? null : "GET /api/v1/site answers " + status;
            } catch (UncheckedIOException e) {
                return e.getCause().toString();
            }
        });
        Bundle driver = bundleContext.installBundle(
                new File(required("urbis.it.testDriver")).toURI().toString());
        driver.start();
        String inventory = new String(
                RestApiIT.class
                        .getResourceAsStream("/inventory/rest-it.geojson")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        HttpResponse<String> upload = call("PUT", "/api/v1/inventory/files/rest-it.geojson", ADMIN, inventory);
        assertEquals(upload.body(), 200, upload.statusCode());
        await("the test luminaires online", TIMEOUT, () -> {
            JsonNode list = json(call("GET", "/api/v1/devices?health=ONLINE&group=" + GROUP, VIEWER, null));
            return list.path("count").asInt() == DEVICES.size() ? null : "online: " + list;
        });
        ready = true;
    }

    // ---- roles ----

    @Test
    public void everyEndpointLetsInTheRolesItListsAndNoOtherOne() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            if (e.path() == null) {
                continue; // the login: tested on its own
            }
            List<String> callers = new ArrayList<>(ROLE_OF.keySet());
            callers.add(null);
            for (String user : callers) {
                int status = status(e, user);
                boolean allowed =
                        e.roles().contains("*") || (user != null && e.roles().contains(ROLE_OF.get(user)));
                int refusal = user == null ? 401 : 403;
                if (allowed ? status == 401 || status == 403 : status != refusal) {
                    wrong.add(e.method() + " " + e.path() + " as " + (user == null ? "anonymous" : ROLE_OF.get(user))
                            + ": " + status + " (expected " + (allowed ? "neither 401 nor 403" : refusal) + ")");
                }
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    // ---- logins ----

    @Test
    public void aLoginGivesAnHttpOnlySessionAndItsCsrfTokenGuardsEveryChange() throws Exception {
        HttpResponse<String> login = call(
                "POST",
                "/api/v1/session",
                null,
                "{\"username\":\"" + OPERATOR + "\",\"password\":\"" + password(OPERATOR) + "\"}");
        assertEquals(login.body(), 200, login.statusCode());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(
                setCookie,
                setCookie.startsWith("URBIS_SESSION=")
                        && setCookie.contains("HttpOnly")
                        && setCookie.contains("SameSite=Strict")
                        && setCookie.contains("Path=/"));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = json(login).path("csrfToken").asText();
        assertFalse(csrf.isEmpty());
        assertEquals(List.of("operator"), JSON.convertValue(json(login).path("roles"), List.class));

        assertEquals(
                OPERATOR,
                json(withSession("GET", "/api/v1/session", cookie, null, null))
                        .path("username")
                        .asText());
        HttpResponse<String> noToken = withSession("POST", "/api/v1/commands", cookie, null, "{}");
        assertProblem(noToken, 403, "CSRF");
        assertProblem(withSession("POST", "/api/v1/commands", cookie, "not-the-token", "{}"), 403, "CSRF");
        // with the token the request gets past the session checks, to the command's own validation
        assertProblem(withSession("POST", "/api/v1/commands", cookie, csrf, "{}"), 400, "INVALID_REQUEST");

        HttpResponse<String> logout = withSession("DELETE", "/api/v1/session", cookie, csrf, null);
        assertEquals(204, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertProblem(withSession("GET", "/api/v1/session", cookie, null, null), 401, "NOT_AUTHENTICATED");
        assertProblem(
                call("POST", "/api/v1/session", null, "{\"username\":\"" + OPERATOR + "\",\"password\":\"wrong\"}"),
                401,
                "NOT_AUTHENTICATED");
    }

    @Test
    public void repeatedFailedLoginsAreRefusedForAWhileAndRaiseAPlatformAlarm() throws Exception {
        String wrong = "{\"username\":\"mallory\",\"password\":\"guess\"}";
        for (int i = 0; i < 3; i++) {
            assertProblem(call("POST", "/api/v1/session", null, wrong), 401, "NOT_AUTHENTICATED");
        }
        HttpResponse<String> limited = call("POST", "/api/v1/session", null, wrong);
        assertProblem(limited, 429, "TOO_MANY_LOGINS");
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        HttpResponse<String> basic = HTTP.send(
                request("GET", "/api/v1/devices", null)
                        .header("Authorization", basic("mallory", "guess"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(basic, 429, "TOO_MANY_LOGINS");

        JsonNode alarms = json(call("GET", "/api/v1/alarms", MAINTENANCE, null)).path("alarms");
        assertTrue(
                alarms.toString(),
                contains(
                        alarms,
                        a -> a.path("source").asText().equals("rest")
                                && a.path("type").asText().equals("LOGIN_FAILURES")));
        HttpResponse<String> ack = call("POST", "/api/v1/alarms/rest/LOGIN_FAILURES/ack", MAINTENANCE, null);
        assertEquals(ack.body(), 200, ack.statusCode());
        assertEquals(MAINTENANCE, json(ack).path("acknowledgedBy").asText());
    }

    // ---- devices ----

    @Test
    public void devicesAreFilteredAndOneShowsPointsValuesAndHealthHistory() throws Exception {
        assertEquals(
                3,
                json(call("GET", "/api/v1/devices?class=streetlight&group=" + GROUP, VIEWER, null))
                        .path("count")
                        .asInt());
        assertEquals(
                0,
                json(call("GET", "/api/v1/devices?health=OFFLINE&group=" + GROUP, VIEWER, null))
                        .path("count")
                        .asInt());
        JsonNode boxed = json(call("GET", "/api/v1/devices?bbox=108.1015,10.9315,108.1025,10.9325", VIEWER, null));
        assertEquals(
                boxed.toString(),
                "RT-002",
                boxed.path("devices").path(0).path("id").asText());
        assertEquals(1, boxed.path("count").asInt());
        assertProblem(call("GET", "/api/v1/devices?bbox=1,2,3", VIEWER, null), 400, "INVALID_REQUEST");
        assertProblem(call("GET", "/api/v1/devices?health=SLEEPY", VIEWER, null), 400, "INVALID_REQUEST");

        JsonNode device = json(call("GET", "/api/v1/devices/RT-001", MAINTENANCE, null));
        assertEquals("streetlight", device.path("class").asText());
        assertEquals("ONLINE", device.path("health").asText());
        assertEquals("RT-CAB", device.path("tags").path("cabinet").asText());
        assertEquals(10.931, device.path("location").path("lat").asDouble(), 1e-9);
        Set<String> points = new TreeSet<>();
        device.path("points").forEach(p -> points.add(p.path("name").asText()));
        assertEquals(Set.of("dim", "on"), points);
        assertTrue(
                device.toString(),
                contains(
                        device.path("points"),
                        p -> p.path("name").asText().equals("on")
                                && p.path("value").asBoolean()
                                && p.path("quality").asText().equals("GOOD")));
        assertTrue(
                device.toString(),
                contains(
                        device.path("healthHistory"),
                        h -> h.path("status").asText().equals("ONLINE")));
        assertProblem(call("GET", "/api/v1/devices/NO-SUCH-DEVICE", VIEWER, null), 404, "UNKNOWN_DEVICE");
    }

    // ---- commands and live events ----

    @Test
    public void aGroupCommandShowsEveryDeviceStateOnTheLiveStreamWhichResumesFromItsLastId() throws Exception {
        try (EventStream stream = new EventStream("/api/v1/events?types=command&group=" + GROUP, VIEWER, null)) {
            await(
                    "the live stream connected",
                    TIMEOUT,
                    () -> stream.lines.stream().anyMatch(l -> l.startsWith(":")) ? null : "nothing yet");
            String id = "it-sse-" + System.nanoTime();
            HttpResponse<String> sent = call(
                    "POST",
                    "/api/v1/commands",
                    OPERATOR,
                    "{\"target\":\"group:" + GROUP
                            + "\",\"point\":\"on\",\"value\":true,\"reason\":\"live events\",\"id\":\"" + id + "\"}");
            assertTrue(sent.body(), sent.statusCode() == 200 || sent.statusCode() == 202);
            for (String state : List.of("ACCEPTED", "SENT", "CONFIRMED")) {
                await("every device " + state + " on the stream", TIMEOUT, () -> {
                    Set<String> missing = new TreeSet<>(DEVICES);
                    stream.events("command").forEach(e -> {
                        if (e.data().path("commandId").asText().equals(id)
                                && e.data().path("state").asText().equals(state)) {
                            missing.remove(e.data().path("device").asText());
                        }
                    });
                    return missing.isEmpty() ? null : "missing " + missing + " in " + stream.lines;
                });
            }
            await("the command CONFIRMED", TIMEOUT, () -> {
                JsonNode c = json(call("GET", "/api/v1/commands/" + id, VIEWER, null));
                return c.path("state").asText().equals("CONFIRMED")
                                && c.path("devices").size() == DEVICES.size()
                        ? null
                        : c.toString();
            });

            // Reconnecting with the id of its first event gives the rest of them again.
            Sse first = stream.events("command").stream()
                    .filter(e -> e.data().path("commandId").asText().equals(id))
                    .findFirst()
                    .orElseThrow();
            try (EventStream resumed =
                    new EventStream("/api/v1/events?types=command&group=" + GROUP, VIEWER, first.id())) {
                await(
                        "the missed events again",
                        TIMEOUT,
                        () -> resumed.events("command").stream()
                                        .anyMatch(e -> e.data()
                                                        .path("commandId")
                                                        .asText()
                                                        .equals(id)
                                                && e.data()
                                                        .path("state")
                                                        .asText()
                                                        .equals("CONFIRMED"))
                                ? null
                                : "received " + resumed.lines);
                assertFalse(resumed.events("command").stream().anyMatch(e -> e.id().equals(first.id())));
            }
            try (EventStream tooOld = new EventStream("/api/v1/events", VIEWER, "1")) {
                await(
                        "a reset for an id no longer remembered",
                        TIMEOUT,
                        () -> tooOld.events("reset").isEmpty() ? "received " + tooOld.lines : null);
            }
        }
    }

    @Test
    public void badInputIsAProblemWithItsReasonCodeAndNothingIsApplied() throws Exception {
        HttpResponse<String> malformed = call("POST", "/api/v1/commands", OPERATOR, "{\"target\": ");
        assertProblem(malformed, 400, "MALFORMED_JSON");
        assertProblem(
                call(
                        "POST",
                        "/api/v1/commands",
                        OPERATOR,
                        "{\"target\":\"RT-001\",\"point\":\"on\",\"value\":true,\"colour\":1}"),
                400,
                "MALFORMED_JSON");
        assertProblem(
                call(
                        "POST",
                        "/api/v1/commands",
                        OPERATOR,
                        "{\"target\":\"NO-SUCH-DEVICE\",\"point\":\"on\",\"value\":true}"),
                422,
                "UNKNOWN_DEVICE");

        String id = "it-range-" + System.nanoTime();
        HttpResponse<String> outOfRange = call(
                "POST",
                "/api/v1/commands",
                OPERATOR,
                "{\"target\":\"RT-001\",\"point\":\"dim\",\"value\":150,\"id\":\"" + id + "\"}");
        assertProblem(outOfRange, 422, "OUT_OF_LIMITS");
        JsonNode records = json(call("GET", "/api/v1/audit?command=" + id, MAINTENANCE, null))
                .path("records");
        Set<String> events = new HashSet<>();
        records.forEach(r -> events.add(r.path("event").asText()));
        assertTrue(
                records.toString(),
                events.contains("REJECTED") && !events.contains("SENT") && !events.contains("ACCEPTED"));

        int before =
                json(call("GET", "/api/v1/devices", VIEWER, null)).path("count").asInt();
        assertProblem(
                call("PUT", "/api/v1/inventory/files/huge.geojson", ADMIN, " ".repeat(MAX_UPLOAD + 1)),
                413,
                "TOO_LARGE");
        HttpResponse<String> broken = call(
                "PUT",
                "/api/v1/inventory/files/broken.geojson",
                ADMIN,
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"B-1\",\"properties\":{\"driver\":\"test\"}}]}");
        assertProblem(broken, 422, "INVENTORY_REFUSED");
        assertTrue(broken.body(), json(broken).path("problems").size() > 0);
        Path folder = service(Inventory.class).directory();
        assertFalse(Files.exists(folder.resolve("broken.geojson")));
        assertFalse(Files.exists(folder.resolve("huge.geojson")));
        assertEquals(
                before,
                json(call("GET", "/api/v1/devices", VIEWER, null)).path("count").asInt());

        HttpResponse<String> badSchedule = call(
                "POST",
                "/api/v1/schedules",
                OPERATOR,
                "{\"id\":\"it-bad\",\"group\":\"" + GROUP
                        + "\",\"programs\":{\"p\":{\"steps\":[{\"at\":\"25:00\",\"level\":300}]}},\"calendar\":{\"default\":\"p\"}}");
        assertProblem(badSchedule, 422, "SCHEDULE_REFUSED");
        assertTrue(badSchedule.body(), json(badSchedule).path("problems").size() >= 2);
        assertFalse(
                json(call("GET", "/api/v1/schedules", VIEWER, null)).toString().contains("it-bad"));
    }

    // ---- schedules, audit, telemetry, users, metrics ----

    @Test
    public void aScheduleIsStoredPreviewedOverriddenAndRemoved() throws Exception {
        String schedule = "{\"id\":\"it-night\",\"group\":\"" + GROUP + "\",\"programs\":{\"night\":{\"steps\":["
                + "{\"at\":\"sunset\",\"level\":70},{\"at\":\"00:00\",\"level\":50},{\"at\":\"sunrise\",\"level\":0}]}},"
                + "\"calendar\":{\"default\":\"night\"}}";
        HttpResponse<String> created = call("POST", "/api/v1/schedules", OPERATOR, schedule);
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(contains(
                json(call("GET", "/api/v1/schedules", VIEWER, null)).path("schedules"),
                s -> s.path("id").asText().equals("it-night")
                        && s.path("source").asText().contains("sunset")));
        JsonNode preview = json(call(
                "GET", "/api/v1/schedules/preview?group=" + GROUP + "&from=2026-12-01&to=2026-12-02", VIEWER, null));
        assertEquals("Asia/Ho_Chi_Minh", preview.path("zone").asText());
        assertEquals(preview.toString(), 6, preview.path("events").size());
        assertTrue(
                preview.toString(),
                preview.path("events").path(0).path("time").asText().endsWith("+07:00"));

        String until = Instant.now().plus(Duration.ofHours(1)).toString();
        HttpResponse<String> held = call(
                "POST",
                "/api/v1/overrides",
                OPERATOR,
                "{\"group\":\"" + GROUP + "\",\"level\":80,\"until\":\"" + until + "\"}");
        assertEquals(held.body(), 200, held.statusCode());
        assertEquals(OPERATOR, json(held).path("by").asText());
        assertTrue(contains(
                json(call("GET", "/api/v1/overrides", VIEWER, null)).path("overrides"),
                o -> o.path("group").asText().equals(GROUP) && o.path("level").asInt() == 80));
        assertEquals(
                204,
                call("DELETE", "/api/v1/overrides/" + GROUP, OPERATOR, null).statusCode());
        assertEquals(
                204, call("DELETE", "/api/v1/schedules/it-night", ADMIN, null).statusCode());
        assertProblem(call("DELETE", "/api/v1/schedules/it-night", ADMIN, null), 404, "UNKNOWN_SCHEDULE");
    }

    @Test
    public void theAuditChainHoldsTelemetryIsAbsentAndTheInventoryReportIsThere() throws Exception {
        call("POST", "/api/v1/commands", OPERATOR, "{\"target\":\"RT-003\",\"point\":\"on\",\"value\":true}");
        JsonNode audit = json(call("GET", "/api/v1/audit?since=PT1H&device=RT-003", MAINTENANCE, null));
        assertTrue(audit.toString(), audit.path("records").size() > 0);
        assertEquals("RT-003", audit.path("records").path(0).path("deviceId").asText());
        JsonNode check = json(call("GET", "/api/v1/audit/verify", MAINTENANCE, null));
        assertTrue(
                check.toString(),
                check.path("intact").asBoolean() && check.path("records").asLong() > 0);
        assertProblem(call("GET", "/api/v1/audit?since=yesterday", MAINTENANCE, null), 400, "INVALID_REQUEST");
        // The production profile does not run telemetry until urbis-telemetry is installed.
        assertProblem(call("GET", "/api/v1/telemetry", VIEWER, null), 503, "SERVICE_UNAVAILABLE");
        JsonNode report = json(call("GET", "/api/v1/inventory", VIEWER, null));
        assertTrue(report.toString(), report.path("devices").asInt() >= DEVICES.size());
    }

    @Test
    public void anAdministratorManagesUsersWhosePasswordsAreStoredHashed() throws Exception {
        HttpResponse<String> created =
                call("PUT", "/api/v1/users/newbie", ADMIN, "{\"password\":\"newbie-secret\",\"roles\":[\"viewer\"]}");
        assertEquals(created.body(), 200, created.statusCode());
        assertEquals(
                200,
                HTTP.send(
                                request("GET", "/api/v1/devices", null)
                                        .header("Authorization", basic("newbie", "newbie-secret"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        String users = Files.readString(Path.of(System.getProperty("karaf.etc"), "users.properties"));
        assertTrue(users.contains("newbie"));
        assertFalse("the password is stored hashed", users.contains("newbie-secret"));
        assertTrue(contains(
                json(call("GET", "/api/v1/users", ADMIN, null)).path("users"),
                u -> u.path("name").asText().equals("newbie")
                        && u.path("roles").toString().equals("[\"viewer\"]")));
        assertProblem(
                call("PUT", "/api/v1/users/newbie", ADMIN, "{\"password\":\"short\",\"roles\":[\"viewer\"]}"),
                400,
                "WEAK_PASSWORD");
        assertProblem(call("DELETE", "/api/v1/users/" + ADMIN, ADMIN, null), 409, "SELF_REMOVAL");
        assertEquals(204, call("DELETE", "/api/v1/users/newbie", ADMIN, null).statusCode());
        assertEquals(
                401,
                HTTP.send(
                                request("GET", "/api/v1/devices", null)
                                        .header("Authorization", basic("newbie", "newbie-secret"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    @Test
    public void metricsAreInThePrometheusTextFormatForAViewer() throws Exception {
        HttpResponse<String> metrics = call("GET", "/metrics", VIEWER, null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        String text = metrics.body();
        assertTrue(
                text,
                text.contains("# TYPE urbis_devices gauge")
                        && text.contains("urbis_devices{class=\"streetlight\",health=\"ONLINE\"} ")
                        && text.contains("urbis_command_state_changes_total{state=\"CONFIRMED\"} ")
                        && text.contains("# TYPE urbis_polls_total counter")
                        && !text.contains("urbis_polls_total 0\n")
                        && text.contains("jvm_memory_bytes_used{area=\"heap\"} ")
                        && text.contains("jvm_threads_current "));
        HttpResponse<String> anonymous = call("GET", "/metrics", null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(
                anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
    }

    // ---- the description ----

    @Test
    public void theOpenApiDocumentIsOpenApi3AndDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> response = call("GET", "/api/v1/openapi.json", null, null);
        assertEquals(200, response.statusCode());
        JsonNode doc = json(response);
        assertTrue(doc.path("openapi").asText(), doc.path("openapi").asText().startsWith("3."));
        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> described.add(m.toUpperCase() + " " + p.getKey()));
        }
        Set<String> tested = new TreeSet<>();
        ENDPOINTS.stream().filter(e -> e.template() != null).forEach(e -> tested.add(e.method() + " " + e.template()));
        assertEquals(
                "every endpoint described is in the role matrix, and every one there is described", tested, described);
    }

    @Test
    public void theRootIsLeftToTheWebConsole() {
        HttpResponse<String> root = call("GET", "/", null, null);
        assertFalse(
                "the JAX-RS Whiteboard's default application answers " + root.statusCode() + " at /",
                root.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, call("GET", "/api/v1/no-such-resource", VIEWER, null).statusCode());
    }

    // ---- helpers ----

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + path);
    }

    private static HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request as {@code user} with HTTP Basic, or anonymous for {@code null}. */
    private static HttpResponse<String> call(String method, String path, String user, String body) {
        HttpRequest.Builder b = request(method, path, body);
        if (user != null) {
            b.header("Authorization", basic(user, password(user)));
        }
        return send(b.build());
    }

    private static HttpResponse<String> withSession(
            String method, String path, String cookie, String csrf, String body) {
        HttpRequest.Builder b = request(method, path, body).header("Cookie", cookie);
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of an endpoint's request as {@code user}; a live stream is closed as soon as its status is known. */
    private static int status(Endpoint e, String user) throws Exception {
        HttpRequest.Builder b = request(e.method(), e.path(), e.body());
        if (user != null) {
            b.header("Authorization", basic(user, password(user)));
        }
        HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertEquals(r.body(), status, r.statusCode());
        assertEquals(
                r.body(),
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(r.body(), code, json(r).path("code").asText());
    }

    private static boolean contains(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode n : array) {
            if (test.test(n)) {
                return true;
            }
        }
        return false;
    }

    /** One server-sent event. */
    private record Sse(String id, String name, JsonNode data) {}

    /** A live event stream read on a thread of its own, its lines collected as they come. */
    private static final class EventStream implements AutoCloseable {

        final List<String> lines = new CopyOnWriteArrayList<>();
        private final InputStream body;

        EventStream(String path, String user, String lastEventId) throws Exception {
            HttpRequest.Builder b = request("GET", path, null)
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", basic(user, password(user)))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            body = r.body();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader in =
                                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            lines.add("! " + e);
                        }
                    },
                    "it-sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The complete events of a name received so far. */
        List<Sse> events(String name) {
            List<Sse> events = new ArrayList<>();
            String id = null;
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line : lines) {
                if (line.isEmpty()) {
                    if (data.length() > 0 && event.equals(name)) {
                        try {
                            events.add(new Sse(id, event, JSON.readTree(data.toString())));
                        } catch (IOException e) {
                            throw new AssertionError("event data is not JSON: " + data, e);
                        }
                    }
                    id = null;
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            return events;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
