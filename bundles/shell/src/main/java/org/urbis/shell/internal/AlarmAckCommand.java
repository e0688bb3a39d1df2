package org.urbis.shell.internal;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.event.Alarm;
import org.urbis.api.runtime.DeviceRegistry;

/** Acknowledges an alarm in the name of the logged-in user. */
@Command(scope = "urbis", name = "alarm-ack", description = "Acknowledges an active alarm of a device or of the platform")
@Service
public class AlarmAckCommand implements Action {

    @Argument(index = 0, name = "source", description = "The device id, or the platform component (e.g. telemetry)", required = true)
    @Completion(DeviceIdCompleter.class)
    String source;

    @Argument(index = 1, name = "type", description = "The alarm type, e.g. LAMP_FAILURE", required = true)
    String type;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() {
        Alarm alarm = registry.acknowledge(source, type, user())
                .orElseThrow(() -> new IllegalArgumentException("no active alarm " + type + " on " + source));
        System.out.println(alarm.type() + " on " + alarm.deviceId() + " is " + alarm.state()
                + (alarm.actor().isEmpty() ? "" : " by " + alarm.actor()));
        return null;
    }

    @SuppressWarnings("removal") // the console's login is the JAAS subject of the calling context
    private static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        return "console";
    }
}
