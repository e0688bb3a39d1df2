package org.urbis.notify.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.notify.NotificationRecord;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.notify.internal.config.Channel;

/**
 * Delivers messages, trying again with a doubling pause (from {@code firstBackoff} up to
 * {@code maxBackoff}). Every attempt is recorded. When a channel has failed {@code attempts} times
 * in a row for one message, the platform alarm {@code notify/SMTP_UNREACHABLE} or
 * {@code notify/WEBHOOK_FAILED} is raised, naming the channel, and the message is still tried at the
 * longest pause until {@code giveUpAfter} has passed; the alarm clears once every channel of its
 * kind delivers again.
 */
public final class Courier {

    private static final Logger LOG = LoggerFactory.getLogger(Courier.class);
    public static final String SOURCE = "notify";

    /** How hard to try. */
    public record Policy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {
    }

    private final Map<Class<? extends Channel>, Sender> senders;
    private final NotificationLog log;
    private final PlatformAlarms alarms;
    private final Policy policy;
    private final Clock clock;
    private final Executor executor;
    private final Timer timer;
    /** Channels whose last attempt failed past the policy's attempts, by name, for the platform alarm. */
    private final Map<String, Channel> failing = new ConcurrentHashMap<>();

    public Courier(Map<Class<? extends Channel>, Sender> senders, NotificationLog log, PlatformAlarms alarms, Policy policy,
            Clock clock, Executor executor, Timer timer) {
        this.senders = Map.copyOf(senders);
        this.log = log;
        this.alarms = alarms;
        this.policy = policy;
        this.clock = clock;
        this.executor = executor;
        this.timer = timer;
    }

    /** Hands a message over; it is sent on the executor. */
    public void deliver(Channel channel, Message message) {
        Instant first = clock.instant();
        executor.execute(() -> attempt(channel, message, 1, first));
    }

    private void attempt(Channel channel, Message message, int n, Instant first) {
        String answer;
        try {
            answer = senders.get(channel.getClass()).send(channel, message);
        } catch (DeliveryException | RuntimeException e) {
            failed(channel, message, n, first, e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        record(channel, message, "SENT", n, answer);
        if (failing.remove(channel.name()) != null && failing.values().stream().noneMatch(c -> c.getClass() == channel.getClass())) {
            alarms.clear(SOURCE, channel.failureAlarm(), "channel " + channel.name() + " delivers again");
        }
    }

    private void failed(Channel channel, Message message, int n, Instant first, String why) {
        Instant now = clock.instant();
        boolean giveUp = !now.isBefore(first.plus(policy.giveUpAfter()));
        Duration pause = backoff(n);
        record(channel, message, giveUp ? "GAVE_UP" : "FAILED", n, why + (giveUp ? "; not tried again after "
                + policy.giveUpAfter() : "; next attempt in " + pause.toSeconds() + " s"));
        LOG.warn("Notification {} of {} to channel {} failed (attempt {}): {}", message.id(), message.alarmKey(), channel.name(), n,
                why);
        if (n >= policy.attempts()) {
            if (failing.put(channel.name(), channel) == null) {
                alarms.raise(SOURCE, channel.failureAlarm(), AlarmSeverity.MAJOR, "channel " + channel.name() + " cannot deliver ("
                        + why + "); notifications are kept and tried again");
            }
        }
        if (!giveUp) {
            timer.schedule(pause, () -> executor.execute(() -> attempt(channel, message, n + 1, first)));
        }
    }

    /** The pause after attempt n: the first backoff doubled n-1 times, at most the longest. */
    Duration backoff(int n) {
        Duration d = policy.firstBackoff();
        for (int i = 1; i < n && d.compareTo(policy.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : d;
    }

    private void record(Channel channel, Message message, String outcome, int attempt, String detail) {
        log.append(new NotificationRecord(clock.instant(), message.alarmKey(), message.severity(), message.event(), message.rule(),
                channel == null ? "" : channel.name(), outcome, attempt, detail));
    }
}
