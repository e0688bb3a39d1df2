package org.urbis.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.urbis.api.device.Device;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmState;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.notify.NotificationRecord;
import org.urbis.notify.internal.config.Channel;
import org.urbis.notify.internal.config.Rule;
import org.urbis.notify.internal.config.Setup;
import org.urbis.notify.internal.delivery.Courier;
import org.urbis.notify.internal.delivery.Message;
import org.urbis.notify.internal.delivery.NotificationLog;
import org.urbis.notify.internal.delivery.Timer;

/**
 * Turns alarm changes into messages: one when an alarm is raised and one when it clears, to the
 * channels of every rule that routes it. Acknowledging sends nothing but stops an escalation.
 * <ul>
 * <li>A device in maintenance: recorded as skipped, not sent.</li>
 * <li>Flapping: once an alarm is raised more than {@code flapping.raises} times within
 * {@code flapping.window}, its changes are held and sent as one GROUPED message at the end of the
 * window (counts, first and last time, the state now); it stays grouped while it goes on flapping.</li>
 * <li>Quiet hours of a rule: its messages wait until they end, then go out as one message per
 * alarm telling what happened meanwhile; severities from the rule's bypass go out at once.</li>
 * <li>Escalation: an alarm still raised and unacknowledged {@code escalateAfter} after it was raised
 * goes to the rule's second channels.</li>
 * </ul>
 * The platform's own notification alarms ({@code notify/...}) are never routed: they would be sent
 * through the channel that fails.
 */
public final class Router {

    /** When an alarm counts as flapping. */
    public record Flapping(int raises, Duration window) {}

    /** The changes of a flapping alarm held for its grouped message. */
    private static final class Group {
        final Instant from;
        final Instant until;
        int raised;
        int cleared;

        Group(Instant from, Instant until) {
            this.from = from;
            this.until = until;
        }
    }

    /** Messages of one alarm held by a rule's quiet hours. */
    private static final class Held {
        final List<String> lines = new ArrayList<>();
        String event;
    }

    private final Function<String, Optional<Device>> devices;
    private final Function<Device, Optional<MaintenanceWindow>> maintenance;
    private final Supplier<ZoneId> zone;
    private final Courier courier;
    private final NotificationLog log;
    private final Flapping flapping;
    private final Clock clock;
    private final Timer timer;
    private volatile Setup setup = Setup.EMPTY;
    /** The last change of every alarm seen, cleared ones included. */
    private final Map<String, Alarm> latest = new HashMap<>();

    private final Map<String, Deque<Instant>> raises = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    /** By rule name, then alarm key. */
    private final Map<String, Map<String, Held>> quiet = new HashMap<>();

    public Router(
            Function<String, Optional<Device>> devices,
            Function<Device, Optional<MaintenanceWindow>> maintenance,
            Supplier<ZoneId> zone,
            Courier courier,
            NotificationLog log,
            Flapping flapping,
            Clock clock,
            Timer timer) {
        this.devices = devices;
        this.maintenance = maintenance;
        this.zone = zone;
        this.courier = courier;
        this.log = log;
        this.flapping = flapping;
        this.clock = clock;
        this.timer = timer;
    }

    public void setup(Setup s) {
        setup = s;
    }

    public Setup setup() {
        return setup;
    }

    public synchronized void onAlarm(Alarm alarm) {
        if (alarm.deviceId().equals(Courier.SOURCE)) {
            return;
        }
        String key = alarm.key();
        Alarm before = latest.put(key, alarm);
        if (alarm.state() == AlarmState.ACKNOWLEDGED) {
            return;
        }
        if (alarm.state() == AlarmState.RAISED
                && before != null
                && before.state() != AlarmState.CLEARED
                && before.raisedAt().equals(alarm.raisedAt())) {
            return; // the same occurrence again (a new severity or message): already told
        }
        String event = alarm.state() == AlarmState.RAISED ? "RAISED" : "CLEARED";
        Instant now = clock.instant();
        ZonedDateTime at = now.atZone(zone.get());
        Optional<Device> device = devices.apply(alarm.deviceId());
        List<Rule> rules = setup.rules().stream()
                .filter(r -> r.matches(alarm, device.orElse(null), at))
                .toList();
        if (rules.isEmpty()) {
            return; // nobody is to be told: nothing to record either
        }
        Optional<MaintenanceWindow> works = device.flatMap(maintenance);
        if (works.isPresent()) {
            skip(
                    alarm,
                    event,
                    "",
                    "device in maintenance (" + works.get().target() + " by "
                            + works.get().by() + " until " + works.get().end() + ": "
                            + works.get().reason() + "); recorded, not sent");
            return;
        }
        if (grouped(alarm, key, now)) {
            return;
        }
        for (Rule rule : rules) {
            if (rule.quiet(alarm.severity(), at)) {
                hold(rule, alarm, event, at);
            } else {
                send(rule, rule.channels(), message(alarm, event, rule, List.of()));
            }
            if (event.equals("RAISED") && !rule.escalateAfter().isZero()) {
                timer.schedule(rule.escalateAfter(), () -> escalate(rule.name(), alarm));
            }
        }
    }

    /** Whether the change is held because the alarm flaps. */
    private boolean grouped(Alarm alarm, String key, Instant now) {
        Deque<Instant> times = raises.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (alarm.state() == AlarmState.RAISED) {
            times.addLast(now);
        }
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(flapping.window()))) {
            times.removeFirst();
        }
        Group g = groups.get(key);
        if (g == null && times.size() > flapping.raises()) {
            g = new Group(now, now.plus(flapping.window()));
            groups.put(key, g);
            timer.schedule(flapping.window(), () -> endGroup(key));
        }
        if (times.isEmpty() && g == null) {
            raises.remove(key);
        }
        if (g == null) {
            return false;
        }
        if (alarm.state() == AlarmState.RAISED) {
            g.raised++;
        } else {
            g.cleared++;
        }
        skip(
                alarm,
                alarm.state() == AlarmState.RAISED ? "RAISED" : "CLEARED",
                "",
                "flapping: held for one grouped message at " + g.until);
        return true;
    }

    private synchronized void endGroup(String key) {
        Group g = groups.remove(key);
        if (g == null || g.raised + g.cleared == 0) {
            return;
        }
        Alarm last = latest.get(key);
        if (last != null) {
            String line = String.format(
                    "Flapping: raised %d and cleared %d time(s) between %s and %s; now %s.",
                    g.raised,
                    g.cleared,
                    g.from.atZone(zone.get()).toLocalTime().withNano(0),
                    g.until.atZone(zone.get()).toLocalTime().withNano(0),
                    last.state());
            Optional<Device> device = devices.apply(last.deviceId());
            ZonedDateTime at = clock.instant().atZone(zone.get());
            if (device.flatMap(maintenance).isEmpty()) {
                for (Rule rule : setup.rules()) {
                    if (rule.matches(last, device.orElse(null), at)) {
                        Message m = message(last, "GROUPED", rule, List.of(line));
                        m.json()
                                .put(
                                        "grouped",
                                        Map.of(
                                                "raised",
                                                g.raised,
                                                "cleared",
                                                g.cleared,
                                                "from",
                                                g.from.toString(),
                                                "until",
                                                g.until.toString()));
                        send(rule, rule.channels(), m);
                    }
                }
            }
        }
        if (g.raised >= flapping.raises()) {
            // Still flapping: keep grouping for another window.
            groups.put(key, new Group(g.until, g.until.plus(flapping.window())));
            timer.schedule(flapping.window(), () -> endGroup(key));
        }
    }

    private void hold(Rule rule, Alarm alarm, String event, ZonedDateTime at) {
        Map<String, Held> byAlarm = quiet.computeIfAbsent(rule.name(), r -> new LinkedHashMap<>());
        Held held = byAlarm.get(alarm.key());
        if (held == null) {
            held = new Held();
            byAlarm.put(alarm.key(), held);
            ZonedDateTime end = rule.quietHours().endAfter(at);
            timer.schedule(Duration.between(at, end), () -> endQuiet(rule.name(), alarm.key()));
        }
        held.event = event;
        held.lines.add(event.toLowerCase(java.util.Locale.ROOT) + " at "
                + at.toLocalTime().withNano(0));
        skip(alarm, event, rule.name(), "quiet hours " + rule.quietHours() + ": sent when they end");
    }

    private synchronized void endQuiet(String ruleName, String key) {
        Map<String, Held> byAlarm = quiet.get(ruleName);
        Held held = byAlarm == null ? null : byAlarm.remove(key);
        Alarm now = latest.get(key);
        Optional<Rule> rule =
                setup.rules().stream().filter(r -> r.name().equals(ruleName)).findFirst();
        if (held == null || now == null || rule.isEmpty()) {
            return;
        }
        send(
                rule.get(),
                rule.get().channels(),
                message(
                        now,
                        held.event,
                        rule.get(),
                        List.of("During the quiet hours it was " + String.join(", then ", held.lines) + ".")));
    }

    private synchronized void escalate(String ruleName, Alarm raised) {
        Alarm now = latest.get(raised.key());
        if (now == null || now.state() != AlarmState.RAISED || !now.raisedAt().equals(raised.raisedAt())) {
            return; // acknowledged or cleared in time
        }
        Optional<Device> device = devices.apply(now.deviceId());
        if (device.flatMap(maintenance).isPresent()) {
            return;
        }
        setup.rules().stream()
                .filter(r -> r.name().equals(ruleName))
                .findFirst()
                .ifPresent(rule -> send(
                        rule,
                        rule.escalateTo(),
                        message(
                                now,
                                "ESCALATED",
                                rule,
                                List.of("Not acknowledged within "
                                        + rule.escalateAfter().toMinutes() + " minute(s) of being raised."))));
    }

    private void send(Rule rule, List<String> channelNames, Message message) {
        for (String name : channelNames) {
            Channel channel = setup.channels().get(name);
            if (channel != null) {
                // One id per channel's message, in the body and the X-Urbis-Delivery header alike: each
                // receiver de-duplicates its own deliveries.
                String id = UUID.randomUUID().toString();
                Map<String, Object> json = new LinkedHashMap<>(message.json());
                json.put("id", id);
                courier.deliver(
                        channel,
                        new Message(
                                id,
                                message.alarmKey(),
                                message.severity(),
                                message.event(),
                                rule.name(),
                                message.subject(),
                                message.text(),
                                json));
            }
        }
    }

    private Message message(Alarm a, String event, Rule rule, List<String> extra) {
        String where = devices.apply(a.deviceId())
                .map(d -> d.deviceClass().id() + " device " + d.id() + (d.tags().isEmpty() ? "" : " " + d.tags()))
                .orElse("platform component " + a.deviceId());
        String subject = "[Urbis] " + a.severity() + " " + a.type() + " " + event.toLowerCase(java.util.Locale.ROOT)
                + " on " + a.deviceId();
        StringBuilder text = new StringBuilder();
        text.append(a.type())
                .append(" (")
                .append(a.severity())
                .append(") on ")
                .append(where)
                .append('\n');
        text.append("State: ").append(a.state()).append('\n');
        text.append("Message: ").append(a.message()).append('\n');
        text.append("Raised: ").append(a.raisedAt().atZone(zone.get())).append('\n');
        if (a.state() == AlarmState.CLEARED) {
            text.append("Cleared: ").append(a.changedAt().atZone(zone.get())).append('\n');
        }
        extra.forEach(line -> text.append(line).append('\n'));
        text.append("Rule: ").append(rule.name()).append('\n');
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("source", a.deviceId());
        alarm.put("type", a.type());
        alarm.put("severity", a.severity().name());
        alarm.put("state", a.state().name());
        alarm.put("message", a.message());
        alarm.put("raisedAt", a.raisedAt().toString());
        alarm.put("changedAt", a.changedAt().toString());
        alarm.put("acknowledgedBy", a.actor().isEmpty() ? null : a.actor());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", event);
        json.put("rule", rule.name());
        json.put("alarm", alarm);
        json.put("note", extra.isEmpty() ? null : String.join(" ", extra));
        json.put("sentAt", clock.instant().toString());
        return new Message("", a.key(), a.severity().name(), event, rule.name(), subject, text.toString(), json);
    }

    private void skip(Alarm alarm, String event, String rule, String why) {
        log.append(new NotificationRecord(
                clock.instant(), alarm.key(), alarm.severity().name(), event, rule, "", "SKIPPED", 0, why));
    }
}
