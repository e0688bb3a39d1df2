package org.urbis.rest.internal.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmState;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.history.Sample;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.Views;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** A device point's history, raw or downsampled, with the device's health and alarm changes over the same time. */
@Path("devices/{id}/history")
@Tag(name = "devices")
public final class HistoryResource {

    static final String CSV = "text/csv";
    /** Raw values one answer holds at most; more needs a step. */
    static final int MAX_VALUES = 100_000;

    private final DeviceRegistry registry;
    private final ServiceSlot<History> history;

    /** One value as kept. */
    public record SampleView(String time, Object value, String quality, String reason) {}

    /** A point's values summarised per bucket: the mean over time, and how long a number held in the bucket. */
    public record BucketView(
            String start,
            long count,
            Double min,
            Double max,
            Double mean,
            Double last,
            Double first,
            long heldMillis) {}

    /**
     * A point's history: {@code values} without a step, {@code buckets} with one; {@code health} and
     * {@code alarms} start with the state in force at {@code from}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryView(
            String device,
            String point,
            String unit,
            String from,
            String to,
            String step,
            List<SampleView> values,
            List<BucketView> buckets,
            List<Views.HealthView> health,
            List<Views.AlarmView> alarms) {}

    public HistoryResource(DeviceRegistry registry, ServiceSlot<History> history) {
        this.registry = registry;
        this.history = history;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "A point's values between from and to (default: the last day), raw or, with a step, as "
                    + "min/max/mean/last per bucket, with the device's health and alarm changes; CSV with Accept: text/csv or "
                    + "format=csv; 503 while history is not installed")
    public Response history(
            @PathParam("id") String id,
            @Parameter(description = "the point's name", required = true) @QueryParam("point") String point,
            @Parameter(description = "ISO-8601 instant; default: a day before to") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant; default: now") @QueryParam("to") String to,
            @Parameter(description = "ISO-8601 duration of a bucket, e.g. PT15M; none for raw values")
                    @QueryParam("step")
                    String step,
            @Parameter(description = "csv for a CSV file") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        HistoryView view = view(id, point, from, to, step);
        if ("csv".equalsIgnoreCase(format) || (format == null && prefersCsv(headers))) {
            return Response.ok(csv(view), CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + id + "-" + view.point() + ".csv\"")
                    .build();
        }
        if (format != null && !"json".equalsIgnoreCase(format)) {
            throw ProblemException.badRequest("INVALID_REQUEST", "format must be json or csv, not '" + format + "'");
        }
        return Response.ok(view, MediaType.APPLICATION_JSON).build();
    }

    HistoryView view(String id, String pointName, String fromText, String toText, String stepText) {
        DeviceSnapshot device = registry.snapshot(id)
                .orElseThrow(() -> ProblemException.notFound("UNKNOWN_DEVICE", "no device '" + id + "'"));
        if (pointName == null || pointName.isBlank()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "point is needed, one of " + names(device));
        }
        Point point = device.device()
                .point(pointName.trim())
                .orElseThrow(() -> ProblemException.notFound(
                        "UNKNOWN_POINT",
                        "device '" + id + "' has no point '" + pointName.trim() + "'; it has " + names(device)));
        Instant to = toText == null || toText.isBlank() ? Instant.now() : instant("to", toText);
        Instant from =
                fromText == null || fromText.isBlank() ? to.minus(Duration.ofDays(1)) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("INVALID_REQUEST", "from (" + from + ") must lie before to (" + to + ")");
        }
        History h = history.get();
        List<SampleView> values = null;
        List<BucketView> buckets = null;
        Duration step = null;
        if (stepText == null || stepText.isBlank()) {
            List<Sample> raw = h.values(id, point.name(), from, to, MAX_VALUES + 1);
            if (raw.size() > MAX_VALUES) {
                throw ProblemException.badRequest(
                        "TOO_MANY_VALUES",
                        "point '" + point.name() + "' of '" + id + "' has more than " + MAX_VALUES + " values between "
                                + from + " and " + to + "; ask for a step (e.g. step=PT1M) or a shorter range");
            }
            values = raw.stream()
                    .map(s -> new SampleView(
                            s.time().toString(),
                            s.value(),
                            s.quality().name(),
                            s.reason().name()))
                    .toList();
        } else {
            step = duration(stepText);
            try {
                buckets = h.downsampled(id, point.name(), from, to, step).stream()
                        .map(HistoryResource::bucket)
                        .toList();
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("INVALID_REQUEST", e.getMessage());
            }
        }
        return new HistoryView(
                id,
                point.name(),
                point.unit(),
                from.toString(),
                to.toString(),
                step == null ? null : step.toString(),
                values,
                buckets,
                health(h, id, from, to),
                alarms(h, id, from, to));
    }

    private static BucketView bucket(Bucket b) {
        return new BucketView(
                b.start().toString(), b.count(), b.min(), b.max(), b.mean(), b.last(), b.first(), b.heldMillis());
    }

    /** The health in force at from, then its changes. */
    private static List<Views.HealthView> health(History h, String id, Instant from, Instant to) {
        List<DeviceHealth> all = h.health(id, Instant.EPOCH, to);
        List<Views.HealthView> out = new ArrayList<>();
        DeviceHealth before = null;
        for (DeviceHealth d : all) {
            if (d.since().isBefore(from)) {
                before = d;
            } else {
                out.add(Views.HealthView.of(d));
            }
        }
        if (before != null) {
            out.add(0, Views.HealthView.of(before));
        }
        return out;
    }

    /** The alarms still open at from, then the changes. */
    private static List<Views.AlarmView> alarms(History h, String id, Instant from, Instant to) {
        Map<String, Alarm> open = new LinkedHashMap<>();
        List<Views.AlarmView> changes = new ArrayList<>();
        for (Alarm a : h.alarms(id, Instant.EPOCH, to)) {
            if (a.changedAt().isBefore(from)) {
                if (a.state() == AlarmState.CLEARED) {
                    open.remove(a.type());
                } else {
                    open.put(a.type(), a);
                }
            } else {
                changes.add(Views.AlarmView.of(a));
            }
        }
        List<Views.AlarmView> out =
                new ArrayList<>(open.values().stream().map(Views.AlarmView::of).toList());
        out.addAll(changes);
        return out;
    }

    static String csv(HistoryView v) {
        StringBuilder out = new StringBuilder();
        if (v.values() != null) {
            out.append("time,value,quality,reason\r\n");
            for (SampleView s : v.values()) {
                out.append(s.time())
                        .append(',')
                        .append(cell(s.value()))
                        .append(',')
                        .append(s.quality())
                        .append(',')
                        .append(s.reason())
                        .append("\r\n");
            }
        } else {
            out.append("start,count,min,max,mean,last,first,heldMillis\r\n");
            for (BucketView b : v.buckets()) {
                out.append(b.start())
                        .append(',')
                        .append(b.count())
                        .append(',')
                        .append(cell(b.min()))
                        .append(',')
                        .append(cell(b.max()))
                        .append(',')
                        .append(cell(b.mean()))
                        .append(',')
                        .append(cell(b.last()))
                        .append(',')
                        .append(cell(b.first()))
                        .append(',')
                        .append(b.heldMillis())
                        .append("\r\n");
            }
        }
        return out.toString();
    }

    /** A CSV cell: empty for none, quoted when the text needs it. */
    private static String cell(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static boolean prefersCsv(HttpHeaders headers) {
        if (headers == null) {
            return false;
        }
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isWildcardType()) {
                return false;
            }
            if (m.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private static List<String> names(DeviceSnapshot s) {
        return s.device().points().stream().map(Point::name).toList();
    }

    private static Instant instant(String what, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST",
                    what + " must be an ISO-8601 instant such as " + "2026-12-01T00:00:00Z, not '" + text + "'");
        }
    }

    private static Duration duration(String text) {
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST", "step must be a positive ISO-8601 duration such as PT15M, not '" + text + "'");
        }
    }
}
