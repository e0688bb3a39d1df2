package org.urbis.api.maintenance;

import java.time.Instant;
import java.util.Objects;
import org.urbis.api.command.Command;
import org.urbis.api.device.Device;

/**
 * A device, or a group of devices, in maintenance from {@code start} until {@code end}.
 *
 * @param target a device id, or {@code group:<group>} ({@code group:cabinet=CAB-07})
 * @param reason why, for the crew, the operators and the audit log
 * @param by     who set it
 * @param start  when it began
 * @param end    when it ends on its own
 */
public record MaintenanceWindow(String target, String reason, String by, Instant start, Instant end) {

    public MaintenanceWindow {
        Objects.requireNonNull(target, "target");
        reason = reason == null ? "" : reason;
        by = by == null ? "" : by;
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether the target names a group rather than one device. */
    public boolean targetsGroup() {
        return target.startsWith(Command.GROUP_PREFIX);
    }

    /** Whether the window covers a device: the device itself, or a group it is in. */
    public boolean covers(Device device) {
        return targetsGroup()
                ? device.inGroup(target.substring(Command.GROUP_PREFIX.length()))
                : target.equals(device.id());
    }

    /** Whether the window is in force at an instant. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
