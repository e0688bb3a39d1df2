package org.urbis.api.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to change a point on one device or on every device of a group.
 *
 * @param id       unique id chosen by the issuer; a repeated id is never executed twice
 * @param target   a device id, or {@code group:<group>} for a group ({@code group:street=Tran Phu})
 * @param point    the point to set
 * @param value    the setpoint or action value
 * @param issuer   the authenticated user, or the operations centre's identity
 * @param reason   why, for the audit log; may be empty
 * @param expiry   after this instant the command is never sent
 * @param operation whether to select, operate a selected point, or do both at once
 * @param force    send also to devices in maintenance (audited as forced); schedules never force
 */
public record Command(
        String id,
        String target,
        String point,
        Object value,
        String issuer,
        String reason,
        Instant expiry,
        Operation operation,
        boolean force) {

    /** Prefix of a target naming a group. */
    public static final String GROUP_PREFIX = "group:";

    /** Select-before-operate steps. */
    public enum Operation {
        /** Send at once (points that do not require select-before-operate). */
        DIRECT,
        /** Reserve the point for this issuer; nothing is sent to the device. */
        SELECT,
        /** Send to a point this issuer has selected. */
        OPERATE
    }

    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(issuer, "issuer");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(expiry, "expiry");
        operation = operation == null ? Operation.DIRECT : operation;
    }

    /** A command that is not forced. */
    public Command(
            String id,
            String target,
            String point,
            Object value,
            String issuer,
            String reason,
            Instant expiry,
            Operation operation) {
        this(id, target, point, value, issuer, reason, expiry, operation, false);
    }

    /** Whether the target is a group rather than one device. */
    public boolean targetsGroup() {
        return target.startsWith(GROUP_PREFIX);
    }
}
