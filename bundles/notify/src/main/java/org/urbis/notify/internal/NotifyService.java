package org.urbis.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.notify.NotificationRecord;
import org.urbis.api.notify.Notifications;
import org.urbis.api.notify.NotifyConfigException;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.SiteZone;
import org.urbis.notify.internal.config.Channel;
import org.urbis.notify.internal.config.Setup;
import org.urbis.notify.internal.config.SetupReader;
import org.urbis.notify.internal.delivery.Courier;
import org.urbis.notify.internal.delivery.EmailSender;
import org.urbis.notify.internal.delivery.NotificationLog;
import org.urbis.notify.internal.delivery.Outbox;
import org.urbis.notify.internal.delivery.WebhookSender;

/**
 * The notification service: reads the channel and rule files (again when they change), routes
 * every alarm change through the {@link Router} and records what it sends. A refused file set is
 * the platform alarm {@code notify/CONFIG_REFUSED} and the last good set stays in force; a rule
 * naming a group no device is in is {@code notify/UNKNOWN_GROUP} until the inventory has one.
 */
@Component(service = Notifications.class, configurationPid = NotifyConfig.PID)
@Designate(ocd = NotifyConfig.class)
public final class NotifyService implements Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyService.class);
    static final String MASK = "********";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceRegistry registry;
    private final PlatformAlarms alarms;
    private final Path folder;
    private final NotificationLog log;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;
    private final Router router;
    private final Subscription subscription;
    /** The files last refused, so that the same refusal is not logged every time the folder is read. */
    private Map<String, String> refusedFiles = Map.of();

    @Activate
    public NotifyService(
            @Reference EventStream events,
            @Reference DeviceRegistry registry,
            @Reference PlatformAlarms alarms,
            @Reference Maintenance maintenance,
            @Reference SiteZone site,
            NotifyConfig config,
            BundleContext context)
            throws IOException {
        this.registry = registry;
        this.alarms = alarms;
        this.folder = config.directory().isBlank()
                ? Path.of(property(context, "karaf.etc", "etc"), "urbis", "notify")
                : Path.of(config.directory());
        Path record = config.record_file().isBlank()
                ? Path.of(property(context, "karaf.data", "data"), "urbis", "notify", "notifications.log")
                : Path.of(config.record_file());
        Files.createDirectories(folder);
        this.log = new NotificationLog(record, config.record_megabytes() * 1024L * 1024L);
        Outbox outbox = new Outbox(record.resolveSibling("outbox.json"));
        if (outbox.setAside() != null) {
            alarms.raise(
                    Courier.SOURCE,
                    "OUTBOX_UNREADABLE",
                    AlarmSeverity.MAJOR,
                    "the notifications waiting for delivery "
                            + "could not be read after the restart; the file was moved to " + outbox.setAside());
        }
        this.senders = Executors.newFixedThreadPool(
                Math.max(1, config.delivery_threads()), PlatformThreads.numbered("urbis-notify"));
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-notify-timer"));
        Courier courier = new Courier(
                Map.of(Channel.Email.class, new EmailSender(), Channel.Webhook.class, new WebhookSender()),
                log,
                outbox,
                alarms,
                new Courier.Policy(
                        Math.max(1, config.delivery_attempts()),
                        Duration.ofSeconds(config.delivery_firstBackoffSeconds()),
                        Duration.ofSeconds(config.delivery_maxBackoffSeconds()),
                        Duration.ofHours(config.delivery_giveUpHours())),
                Clock.systemUTC(),
                senders,
                (delay, task) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
        this.router = new Router(
                id -> registry.snapshot(id).map(DeviceSnapshot::device),
                maintenance::windowFor,
                site::zone,
                courier,
                log,
                new Router.Flapping(config.flapping_raises(), Duration.ofMinutes(config.flapping_windowMinutes())),
                Clock.systemUTC(),
                (delay, task) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
        reload();
        int resumed = courier.resume(name -> router.setup().channels().get(name));
        if (resumed > 0) {
            LOG.info("Notifications: {} message(s) waiting for delivery before the restart are tried again", resumed);
        }
        timer.scheduleWithFixedDelay(this::reload, 30, 30, TimeUnit.SECONDS);
        this.subscription = events.subscribe(
                "notify", this::onEvents, SubscriptionOptions.lossless().only(AlarmChanged.class));
        LOG.info(
                "Notifications ready: {} channel(s), {} rule(s) from {}; records in {}",
                router.setup().channels().size(),
                router.setup().rules().size(),
                folder,
                record);
    }

    private static String property(BundleContext context, String name, String dflt) {
        String v = context == null ? null : context.getProperty(name);
        return v != null ? v : System.getProperty(name, dflt);
    }

    @Deactivate
    void deactivate() throws IOException {
        subscription.close();
        timer.shutdownNow();
        senders.shutdownNow();
        log.close();
    }

    private void onEvents(List<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            if (e instanceof AlarmChanged a) {
                router.onAlarm(a.alarm());
            }
        }
    }

    /** Reads the folder when its files changed, and checks again the groups that rules name. */
    synchronized void reload() {
        try {
            Map<String, String> files = readFolder();
            Setup now = router.setup();
            if (files.equals(now.files()) && now.unknownGroups().isEmpty() || files.equals(refusedFiles)) {
                return;
            }
            refusedFiles = files;
            apply(SetupReader.read(files, this::knownGroup));
            refusedFiles = Map.of();
            alarms.clear(Courier.SOURCE, "CONFIG_REFUSED", "the notification files in " + folder + " are in force");
        } catch (SetupReader.ProblemsException e) {
            refused(e.problems());
        } catch (IOException | RuntimeException e) {
            LOG.error("Notification files in {} not read", folder, e);
            refused(List.of(folder + ": " + e));
        }
    }

    private void apply(Setup setup) {
        boolean changed = !setup.files().equals(router.setup().files());
        router.setup(setup);
        if (setup.unknownGroups().isEmpty()) {
            alarms.clear(Courier.SOURCE, "UNKNOWN_GROUP", "every group the notification rules name has devices");
        } else {
            alarms.raise(
                    Courier.SOURCE, "UNKNOWN_GROUP", AlarmSeverity.WARNING, String.join("; ", setup.unknownGroups()));
        }
        if (changed) {
            LOG.info(
                    "Notification files in force: {} ({} channel(s), {} rule(s))",
                    setup.files().keySet(),
                    setup.channels().size(),
                    setup.rules().size());
        }
    }

    private void refused(List<String> problems) {
        String all = String.join("; ", problems);
        LOG.error("Notification files refused, the last good ones stay in force: {}", all);
        alarms.raise(Courier.SOURCE, "CONFIG_REFUSED", AlarmSeverity.MAJOR, all);
    }

    private boolean knownGroup(String group) {
        return !registry.findIds(new DeviceQuery(null, group, null)).isEmpty();
    }

    private Map<String, String> readFolder() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder, "*.json")) {
            for (Path f : all) {
                files.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Override
    public Map<String, String> files() {
        Map<String, String> masked = new TreeMap<>();
        router.setup().files().forEach((name, text) -> masked.put(name, mask(text)));
        return masked;
    }

    /** The file with every channel's secret and password replaced by {@value #MASK}. */
    static String mask(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            for (JsonNode c : root.path("channels")) {
                if (c instanceof ObjectNode o) {
                    for (String secret : List.of("secret", "password")) {
                        if (o.hasNonNull(secret) && !o.get(secret).asText().isEmpty()) {
                            o.put(secret, MASK);
                        }
                    }
                }
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            return "";
        }
    }

    /** Puts back the secrets that a client sent masked, from the channel of the same name in force. */
    private String unmask(String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        boolean changed = false;
        for (JsonNode c : root.path("channels")) {
            if (c instanceof ObjectNode o) {
                Channel old = router.setup().channels().get(o.path("name").asText());
                if (MASK.equals(o.path("secret").asText()) && old instanceof Channel.Webhook w) {
                    o.put("secret", w.secret());
                    changed = true;
                }
                if (MASK.equals(o.path("password").asText()) && old instanceof Channel.Email m) {
                    o.put("password", m.password());
                    changed = true;
                }
            }
        }
        return changed ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) : text;
    }

    @Override
    public synchronized void putFile(String name, String json) throws NotifyConfigException {
        if (!SetupReader.FILE_NAME.matcher(name).matches()) {
            throw rejected(
                    List.of(name + ": the file name must be lower-case letters, digits and '-', ending in .json"));
        }
        String text;
        try {
            text = unmask(json);
        } catch (IOException e) {
            text = json; // the reader names what is wrong with it
        }
        Map<String, String> files = new TreeMap<>(router.setup().files());
        files.put(name, text);
        Setup setup;
        try {
            setup = SetupReader.read(files, this::knownGroup);
        } catch (SetupReader.ProblemsException e) {
            throw rejected(e.problems());
        }
        if (!setup.unknownGroups().isEmpty()) {
            throw rejected(setup.unknownGroups());
        }
        try {
            Path tmp = folder.resolve("." + name + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("notification file " + name + " not written to " + folder, e);
        }
        apply(setup);
        alarms.clear(Courier.SOURCE, "CONFIG_REFUSED", "notification file " + name + " put in force");
    }

    private NotifyConfigException rejected(List<String> problems) {
        refused(problems);
        return new NotifyConfigException(problems);
    }

    @Override
    public List<NotificationRecord> records(Instant since, int limit) {
        return log.since(since, limit);
    }
}
