package org.urbis.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.event.Alarm;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.shell.session.ConsoleCaller;

/** Acknowledges an alarm in the name of the logged-in user. */
@Command(
        scope = "urbis",
        name = "alarm-ack",
        description = "Acknowledges an active alarm of a device or of the platform")
@Service
public class AlarmAckCommand implements Action {

    @Argument(
            index = 0,
            name = "source",
            description = "The device id, or the platform component (e.g. telemetry)",
            required = true)
    @Completion(DeviceIdCompleter.class)
    String source;

    @Argument(index = 1, name = "type", description = "The alarm type, e.g. LAMP_FAILURE", required = true)
    String type;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() {
        Alarm alarm = registry.acknowledge(source, type, ConsoleCaller.current().user())
                .orElseThrow(() -> new IllegalArgumentException("no active alarm " + type + " on " + source));
        System.out.println(alarm.type() + " on " + alarm.deviceId() + " is " + alarm.state()
                + (alarm.actor().isEmpty() ? "" : " by " + alarm.actor()));
        return null;
    }
}
