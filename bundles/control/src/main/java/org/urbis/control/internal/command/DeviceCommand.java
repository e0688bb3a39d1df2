package org.urbis.control.internal.command;

import org.urbis.api.command.Command;
import org.urbis.api.device.Point;

/**
 * A command to one device that passed the checks: what is sent, and how it is confirmed.
 *
 * @param command      the command
 * @param deviceId     the device
 * @param point        the point written
 * @param value        the command's value as the point's type takes it
 * @param old          the point's last known value (read or sent), or null
 * @param forced       what maintenance the command was forced past, for its ACCEPTED record; null when none
 * @param confirmation how its readback confirms it
 */
record DeviceCommand(
        Command command,
        String deviceId,
        Point point,
        Object value,
        Object old,
        String forced,
        Readback.Confirmation confirmation)
        implements DeviceChecks.Verdict {}
