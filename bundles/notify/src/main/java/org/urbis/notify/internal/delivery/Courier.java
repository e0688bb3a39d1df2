package org.urbis.notify.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
 * kind delivers again. A message stays in the {@link Outbox} from the moment it is handed over until it
 * is sent or given up, so that a restart {@link #resume resumes} it: at least once, never lost.
 */
public final class Courier {

    private static final Logger LOG = LoggerFactory.getLogger(Courier.class);
    public static final String SOURCE = "notify";
    static final String OUTBOX_NOT_WRITTEN = "OUTBOX_NOT_WRITTEN";

    /** How hard to try. */
    public record Policy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {}

    private final Map<Class<? extends Channel>, Sender> senders;
    private final NotificationLog log;
    private final Outbox outbox;
    private final PlatformAlarms alarms;
    private final Policy policy;
    private final Clock clock;
    private final Executor executor;
    private final Timer timer;
    /** Channels whose last attempt failed past the policy's attempts, by name, for the platform alarm. */
    private final Map<String, Channel> failing = new ConcurrentHashMap<>();

    private volatile boolean outboxFailing;

    public Courier(
            Map<Class<? extends Channel>, Sender> senders,
            NotificationLog log,
            Outbox outbox,
            PlatformAlarms alarms,
            Policy policy,
            Clock clock,
            Executor executor,
            Timer timer) {
        this.senders = Map.copyOf(senders);
        this.log = log;
        this.outbox = outbox;
        this.alarms = alarms;
        this.policy = policy;
        this.clock = clock;
        this.executor = executor;
        this.timer = timer;
    }

    /** Hands a message over; it is sent on the executor. */
    public void deliver(Channel channel, Message message) {
        Instant first = clock.instant();
        keep(new Outbox.Pending(channel.name(), message, 1, first, first));
        executor.execute(() -> attempt(channel, message, 1, first));
    }

    /**
     * Takes up the messages the outbox held at the start, each at its next attempt and due time; one
     * whose channel is no longer configured is recorded GAVE_UP.
     *
     * @return how many were taken up
     */
    public int resume(Function<String, Channel> channels) {
        Instant now = clock.instant();
        int resumed = 0;
        for (Outbox.Pending p : outbox.pending()) {
            Channel channel = channels.apply(p.channel());
            if (channel == null) {
                record(
                        p.channel(),
                        p.message(),
                        "GAVE_UP",
                        p.attempt(),
                        "channel " + p.channel()
                                + " is not configured any more; the message waited for it across a restart");
                forget(p.message());
                continue;
            }
            Duration wait = p.due().isAfter(now) ? Duration.between(now, p.due()) : Duration.ZERO;
            timer.schedule(wait, () -> executor.execute(() -> attempt(channel, p.message(), p.attempt(), p.first())));
            resumed++;
        }
        return resumed;
    }

    /** Writes a message to the outbox. */
    private void keep(Outbox.Pending p) {
        write(() -> outbox.put(p), p.message());
    }

    /** Takes a message delivered or given up out of the outbox. */
    private void forget(Message message) {
        write(() -> outbox.remove(message.id()), message);
    }

    /** When the disk refuses, the message is still tried, and a platform alarm says the outbox would not survive a restart. */
    private void write(Runnable change, Message message) {
        try {
            change.run();
            if (outboxFailing) {
                outboxFailing = false;
                alarms.clear(SOURCE, OUTBOX_NOT_WRITTEN, "notifications waiting for delivery are kept on disk again");
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "Outbox not written for notification {} of {}: {}", message.id(), message.alarmKey(), e.toString());
            outboxFailing = true;
            alarms.raise(
                    SOURCE,
                    OUTBOX_NOT_WRITTEN,
                    AlarmSeverity.MAJOR,
                    e.getMessage()
                            + "; notifications waiting for delivery are still tried but would be lost by a restart");
        }
    }

    private void attempt(Channel channel, Message message, int n, Instant first) {
        String answer;
        try {
            answer = senders.get(channel.getClass()).send(channel, message);
        } catch (DeliveryException | RuntimeException e) {
            failed(channel, message, n, first, e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        forget(message);
        record(channel.name(), message, "SENT", n, answer);
        if (failing.remove(channel.name()) != null
                && failing.values().stream().noneMatch(c -> c.getClass() == channel.getClass())) {
            alarms.clear(SOURCE, channel.failureAlarm(), "channel " + channel.name() + " delivers again");
        }
    }

    private void failed(Channel channel, Message message, int n, Instant first, String why) {
        Instant now = clock.instant();
        boolean giveUp = !now.isBefore(first.plus(policy.giveUpAfter()));
        Duration pause = backoff(n);
        // The outbox first: once the attempt is recorded, a restart resumes at the next one.
        if (giveUp) {
            forget(message);
        } else {
            keep(new Outbox.Pending(channel.name(), message, n + 1, first, now.plus(pause)));
        }
        record(
                channel.name(),
                message,
                giveUp ? "GAVE_UP" : "FAILED",
                n,
                why
                        + (giveUp
                                ? "; not tried again after " + policy.giveUpAfter()
                                : "; next attempt in " + pause.toSeconds() + " s"));
        LOG.warn(
                "Notification {} of {} to channel {} failed (attempt {}): {}",
                message.id(),
                message.alarmKey(),
                channel.name(),
                n,
                why);
        if (n >= policy.attempts()) {
            if (failing.put(channel.name(), channel) == null) {
                alarms.raise(
                        SOURCE,
                        channel.failureAlarm(),
                        AlarmSeverity.MAJOR,
                        "channel " + channel.name() + " cannot deliver (" + why
                                + "); notifications are kept and tried again");
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

    private void record(String channel, Message message, String outcome, int attempt, String detail) {
        log.append(new NotificationRecord(
                clock.instant(),
                message.alarmKey(),
                message.severity(),
                message.event(),
                message.rule(),
                channel,
                outcome,
                attempt,
                detail));
    }
}
