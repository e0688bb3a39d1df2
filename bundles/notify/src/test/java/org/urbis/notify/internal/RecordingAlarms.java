package org.urbis.notify.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformAlarms;

/** Platform alarms as the tests see them: the active ones, {@code source/type} to message. */
final class RecordingAlarms implements PlatformAlarms {

    final Map<String, String> active = new ConcurrentHashMap<>();

    @Override
    public void raise(String source, String type, AlarmSeverity severity, String message) {
        active.put(source + "/" + type, message);
    }

    @Override
    public void clear(String source, String type, String message) {
        active.remove(source + "/" + type);
    }
}
