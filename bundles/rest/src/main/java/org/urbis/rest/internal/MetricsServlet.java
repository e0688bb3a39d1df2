package org.urbis.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.urbis.api.event.Alarm;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PollCounters;
import org.urbis.api.runtime.PollMonitor;
import org.urbis.api.telemetry.TelemetryMonitor;
import org.urbis.api.telemetry.TelemetryStatus;
import org.urbis.rest.internal.events.EventHub;
import org.urbis.rest.internal.security.AuthenticationFilter;
import org.urbis.rest.internal.security.Identity;
import org.urbis.rest.internal.security.Role;

/**
 * The platform's figures at {@code /metrics} in the Prometheus text format 0.0.4, written by hand: a
 * handful of gauges and counters need no client library. A plain servlet beside the JAX-RS
 * application, for scrapers that authenticate with HTTP Basic as a viewer (or any role above).
 */
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Role[] ALLOWED = {Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN};

    /** The Prometheus text format's media type. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final transient AuthenticationFilter authentication;
    private final transient DeviceRegistry registry;
    private final transient PollMonitor polls;
    private final transient CommandTracker commands;
    private final transient ServiceSlot<TelemetryMonitor> telemetry;
    private final transient EventHub events;

    public MetricsServlet(
            AuthenticationFilter authentication,
            DeviceRegistry registry,
            PollMonitor polls,
            CommandTracker commands,
            ServiceSlot<TelemetryMonitor> telemetry,
            EventHub events) {
        this.authentication = authentication;
        this.registry = registry;
        this.polls = polls;
        this.commands = commands;
        this.telemetry = telemetry;
        this.events = events;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem refused;
        try {
            Identity who = authentication.basic(request.getRemoteAddr(), request.getHeader("Authorization"));
            refused = who == null
                    ? Problem.of(401, "NOT_AUTHENTICATED", "Not authenticated", "give HTTP Basic credentials")
                    : who.hasAny(ALLOWED)
                            ? null
                            : Problem.of(403, "NOT_AUTHORISED", "Forbidden", "metrics take the role viewer");
        } catch (ProblemException e) {
            refused = e.problem();
            e.getResponse().getStringHeaders().forEach((k, v) -> response.setHeader(k, v.get(0)));
        }
        if (refused != null) {
            if (refused.status() == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"urbis\", charset=\"UTF-8\"");
            }
            response.setStatus(refused.status());
            response.setContentType(Problem.MEDIA_TYPE);
            JSON.writeValue(response.getOutputStream(), refused);
            return;
        }
        response.setContentType(TEXT_FORMAT);
        response.getOutputStream().write(metrics().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every metric, in the text format. */
    String metrics() {
        StringBuilder out = new StringBuilder(4096);
        Map<String, Integer> devices = new TreeMap<>();
        for (DeviceSnapshot s : registry.find(DeviceQuery.ALL)) {
            devices.merge(
                    "class=\"" + s.device().deviceClass().id() + "\",health=\""
                            + s.health().status() + "\"",
                    1,
                    Integer::sum);
        }
        header(out, "urbis_devices", "gauge", "Devices by class and health status.");
        devices.forEach((labels, n) -> sample(out, "urbis_devices{" + labels + "}", n));

        Map<String, Integer> alarms = new TreeMap<>();
        for (Alarm a : registry.activeAlarms()) {
            alarms.merge("severity=\"" + a.severity() + "\",state=\"" + a.state() + "\"", 1, Integer::sum);
        }
        header(out, "urbis_alarms_active", "gauge", "Alarms not yet cleared, by severity and state.");
        alarms.forEach((labels, n) -> sample(out, "urbis_alarms_active{" + labels + "}", n));

        PollCounters p = polls.pollCounters();
        counter(out, "urbis_polls_total", "Device reads the polling engine started.", p.polls());
        counter(out, "urbis_poll_failures_total", "Device reads that failed (errors and timeouts).", p.failures());
        counter(
                out,
                "urbis_poll_overruns_total",
                "Poll slots skipped because the device was still busy.",
                p.overruns());
        header(
                out,
                "urbis_poll_lateness_seconds",
                "gauge",
                "How late reads started against their schedule: mean and max.");
        sample(
                out,
                "urbis_poll_lateness_seconds{stat=\"mean\"}",
                p.meanLateness().toNanos() / 1e9);
        sample(out, "urbis_poll_lateness_seconds{stat=\"max\"}", p.maxLateness().toNanos() / 1e9);

        header(
                out,
                "urbis_command_state_changes_total",
                "counter",
                "Command state changes since start, by the state reached (per device, and per command as a whole).");
        commands.stateChanges()
                .forEach((state, n) -> sample(out, "urbis_command_state_changes_total{state=\"" + state + "\"}", n));

        TelemetryMonitor monitor = telemetry.orNull();
        if (monitor != null) {
            TelemetryStatus t = monitor.current();
            gauge(
                    out,
                    "urbis_telemetry_connected",
                    "Whether the uplink to the operations centre is connected.",
                    t.connected() ? 1 : 0);
            gauge(
                    out,
                    "urbis_telemetry_buffered_records",
                    "Records waiting in the store-and-forward buffer.",
                    t.bufferedRecords());
            gauge(out, "urbis_telemetry_buffer_bytes", "Bytes the buffer takes on disk.", t.bufferBytes());
            gauge(out, "urbis_telemetry_buffer_capacity_bytes", "The buffer's bound in bytes.", t.bufferCapacity());
            counter(
                    out,
                    "urbis_telemetry_records_dropped_total",
                    "Records lost to buffer overflow.",
                    t.recordsDropped());
            counter(out, "urbis_telemetry_messages_sent_total", "Messages handed to the broker.", t.messagesSent());
            counter(
                    out,
                    "urbis_telemetry_messages_acknowledged_total",
                    "Messages the broker acknowledged.",
                    t.messagesAcknowledged());
        }
        gauge(out, "urbis_rest_event_clients", "Clients of the live event stream.", events.clients());

        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        header(out, "jvm_memory_bytes_used", "gauge", "Memory used by the JVM, by area.");
        sample(out, "jvm_memory_bytes_used{area=\"heap\"}", heap.getUsed());
        sample(
                out,
                "jvm_memory_bytes_used{area=\"nonheap\"}",
                ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
        gauge(out, "jvm_memory_bytes_max", "The heap's maximum size.", heap.getMax());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        gauge(out, "jvm_threads_current", "Live threads.", threads.getThreadCount());
        gauge(out, "jvm_threads_daemon", "Live daemon threads.", threads.getDaemonThreadCount());
        gauge(
                out,
                "process_uptime_seconds",
                "Seconds since the JVM started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        header(out, name, "gauge", help);
        sample(out, name, value);
    }

    private static void counter(StringBuilder out, String name, String help, double value) {
        header(out, name, "counter", help);
        sample(out, name, value);
    }

    private static void sample(StringBuilder out, String series, double value) {
        out.append(series).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%s", value));
        }
        out.append('\n');
    }
}
