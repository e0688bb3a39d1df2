package org.urbis.broker.internal;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformAlarms;

/**
 * Runs Moquette while this component is active; a configuration change restarts it with the new settings.
 * When its port is taken (another broker on 1883), it stays active without listening and raises the
 * platform alarm {@code broker/PORT_IN_USE}, so that {@code urbis:alarms} says what the telemetry's
 * failed connections do not; a start that listens clears it.
 */
@Component(
        service = EmbeddedBroker.class,
        configurationPid = BrokerConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = BrokerConfig.class)
public final class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** The platform alarm of a broker that cannot listen: source and type. */
    static final String ALARM_SOURCE = "broker";

    static final String PORT_IN_USE = "PORT_IN_USE";

    /**
     * The broker's settings.
     *
     * @param host        address to listen on
     * @param port        port
     * @param dataDir     persistence folder
     * @param persistence whether sessions are kept on disk
     */
    public record Settings(String host, int port, Path dataDir, boolean persistence) {
        public Settings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port");
            }
        }

        static Settings from(BrokerConfig c) {
            Path dir = c.data_directory().isBlank()
                    ? Path.of(System.getProperty("karaf.data", "data"), "urbis", "broker")
                    : Path.of(c.data_directory().trim());
            return new Settings(c.host().trim(), c.port(), dir, c.persistence());
        }
    }

    private final Server server = new Server();
    private final Settings settings;
    /** Why it does not listen, or null while it does. */
    private final String failure;

    private PlatformAlarms alarms;

    @Activate
    public EmbeddedBroker(BrokerConfig config) throws IOException {
        this(Settings.from(config));
    }

    public EmbeddedBroker(Settings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.dataDir());
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, settings.host());
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(settings.port()));
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, Boolean.toString(settings.persistence()));
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, settings.dataDir().toAbsolutePath() + "/");
        // Moquette can report usage to its authors over the internet: never from a city's runtime.
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty("netty.epoll", "false");
        // mosquitto_sub and other tools connect without a client id and expect one to be assigned.
        p.setProperty("allow_zero_byte_client_id", "true");
        // Write each message out at once: the demo's traffic is small and latency matters more.
        p.setProperty("immediate_buffer_flush", "true");
        // Moquette's Netty loads classes through the context class loader: give it this bundle's.
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(EmbeddedBroker.class.getClassLoader());
        String failed = null;
        try {
            server.startServer(new MemoryConfig(p));
        } catch (RuntimeException e) {
            BindException bind = bindFailure(e);
            if (bind == null) {
                throw e;
            }
            stopQuietly();
            failed = "the embedded MQTT broker cannot listen on " + settings.host() + ':' + settings.port() + " ("
                    + bind.getMessage() + "), most likely taken by another MQTT broker. Stop that one and restart this "
                    + "(bundle:restart urbis-broker), or set port in etc/" + BrokerConfig.PID
                    + ".cfg, or point broker.url "
                    + "in etc/org.urbis.telemetry.cfg at the broker already there";
        } finally {
            t.setContextClassLoader(before);
        }
        failure = failed;
        if (failure == null) {
            LOG.info(
                    "Embedded MQTT broker listening on {}:{} (persistence {}, data {})",
                    settings.host(),
                    settings.port(),
                    settings.persistence(),
                    settings.dataDir());
        } else {
            LOG.error("{}", failure);
        }
    }

    private static BindException bindFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindAlarms(PlatformAlarms platformAlarms) {
        alarms = platformAlarms;
        if (failure != null) {
            alarms.raise(ALARM_SOURCE, PORT_IN_USE, AlarmSeverity.MAJOR, failure);
        } else {
            alarms.clear(
                    ALARM_SOURCE,
                    PORT_IN_USE,
                    "the embedded MQTT broker listens on " + settings.host() + ':' + settings.port());
        }
    }

    synchronized void unbindAlarms(PlatformAlarms platformAlarms) {
        if (alarms == platformAlarms) {
            alarms = null;
        }
    }

    /** Whether it listens on its port. */
    public boolean listening() {
        return failure == null;
    }

    /** The port it listens on. */
    public int port() {
        return settings.port();
    }

    @Deactivate
    public synchronized void stop() {
        if (failure != null) {
            if (alarms != null) {
                alarms.clear(ALARM_SOURCE, PORT_IN_USE, "the embedded MQTT broker was stopped");
            }
            return;
        }
        server.stopServer();
        LOG.info("Embedded MQTT broker on {}:{} stopped", settings.host(), settings.port());
    }

    /** Releases what a start that failed half-way had set up. */
    private void stopQuietly() {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.debug("Stopping the broker that could not listen: {}", e.toString());
        }
    }
}
