package org.urbis.rest.internal.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Optional;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformAlarms;

/**
 * Tells an operator when HTTPS cannot start: with {@code org.osgi.service.http.secure.enabled} in
 * {@code etc/org.ops4j.pax.web.cfg} and no readable keystore, Jetty opens no secure port and the
 * API is unreachable, so the platform alarm {@code rest/HTTPS_KEYSTORE} is raised (seen with
 * {@code urbis:alarms}) and an error logged, until the keystore is there.
 */
@Component(service = ConfigurationListener.class)
public final class HttpsCheck implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsCheck.class);

    /** The PID of Pax Web's settings. */
    static final String PAX_WEB = "org.ops4j.pax.web";

    static final String ALARM_TYPE = "HTTPS_KEYSTORE";

    private final ConfigurationAdmin configs;
    private final PlatformAlarms alarms;

    @Activate
    public HttpsCheck(@Reference ConfigurationAdmin configs, @Reference PlatformAlarms alarms) {
        this.configs = configs;
        this.alarms = alarms;
        check();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (PAX_WEB.equals(event.getPid())) {
            check();
        }
    }

    private void check() {
        Dictionary<String, Object> settings;
        try {
            Configuration c = configs.getConfiguration(PAX_WEB, null);
            settings = c.getProperties();
        } catch (IOException e) {
            LOG.warn("Cannot read the HTTP settings ({}): {}", PAX_WEB, e.toString());
            return;
        }
        Optional<String> problem = problem(settings);
        if (problem.isPresent()) {
            LOG.error("HTTPS cannot start: {}", problem.get());
            alarms.raise(AuthenticationFilter.ALARM_SOURCE, ALARM_TYPE, AlarmSeverity.CRITICAL, problem.get());
        } else {
            alarms.clear(AuthenticationFilter.ALARM_SOURCE, ALARM_TYPE, "HTTPS keystore in place");
        }
    }

    /** What keeps HTTPS from starting with these settings, or empty when it is off or its keystore is readable. */
    static Optional<String> problem(Dictionary<String, Object> settings) {
        if (settings == null
                || !Boolean.parseBoolean(String.valueOf(settings.get("org.osgi.service.http.secure.enabled")))) {
            return Optional.empty();
        }
        Object keystore = settings.get("org.ops4j.pax.web.ssl.keystore");
        if (keystore == null || keystore.toString().isBlank()) {
            return Optional.of(
                    "HTTPS is enabled but org.ops4j.pax.web.ssl.keystore is not set in etc/org.ops4j.pax.web.cfg");
        }
        Path file = Path.of(keystore.toString());
        if (!Files.isReadable(file)) {
            return Optional.of("HTTPS is enabled but its keystore " + file + " is missing or unreadable; create it "
                    + "(see docs/rest-api.md) and set its password in etc/org.ops4j.pax.web.cfg");
        }
        Object password = settings.get("org.ops4j.pax.web.ssl.keystore.password");
        if (password == null || password.toString().isBlank()) {
            return Optional.of("HTTPS is enabled but org.ops4j.pax.web.ssl.keystore.password is not set");
        }
        return Optional.empty();
    }
}
