package org.urbis.api.command;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change of a command, as the pipeline audits it: for one device, or for the command as
 * a whole ({@code deviceId} {@code null}: received, refused before any device was chosen, or a
 * group's summary).
 *
 * @param commandId the command
 * @param target    its target, a device id or {@code group:<group>}
 * @param deviceId  the device whose state changed, or {@code null} for the command as a whole
 * @param point     the point commanded
 * @param value     the value asked for, as the issuer gave it
 * @param issuer    who issued it
 * @param state     the state reached
 * @param reason    why (a reason code, a colon and the detail) when refused or failed; else empty
 * @param time      when
 * @since 1.2
 */
public record CommandEvent(
        String commandId,
        String target,
        String deviceId,
        String point,
        Object value,
        String issuer,
        CommandState state,
        String reason,
        Instant time) {

    public CommandEvent {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(time, "time");
    }
}
