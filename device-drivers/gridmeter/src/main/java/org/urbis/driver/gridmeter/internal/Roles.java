package org.urbis.driver.gridmeter.internal;

import java.util.Optional;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;

/**
 * What a point means to the grid-meter logic: its option {@code role}, or else its name. Measurements:
 * {@code voltageL1}..{@code voltageL3}, {@code activePower}, {@code powerFactor}, {@code energyImport},
 * {@code energyExport}; control: {@code breaker}, {@code local}; load control: {@code loadControl} (the JSON
 * command point), {@code loadControlTarget}, {@code loadControlEvent}, {@code loadControlActive}.
 */
final class Roles {

    static final String ACTIVE_POWER = "activePower";
    static final String POWER_FACTOR = "powerFactor";
    static final String ENERGY_IMPORT = "energyImport";
    static final String ENERGY_EXPORT = "energyExport";
    static final String BREAKER = "breaker";
    static final String LOCAL = "local";
    static final String LOAD_CONTROL = "loadControl";
    static final String LOAD_CONTROL_TARGET = "loadControlTarget";
    static final String LOAD_CONTROL_EVENT = "loadControlEvent";
    static final String LOAD_CONTROL_ACTIVE = "loadControlActive";

    private Roles() {
    }

    static String of(Point p) {
        return p.options().getOrDefault("role", p.name());
    }

    static boolean isVoltage(String role) {
        return role.startsWith("voltageL");
    }

    static Optional<Point> find(Device device, String role) {
        return device.points().stream().filter(p -> of(p).equals(role)).findFirst();
    }

    /** Whether the device's profile maps everything load control needs: the command, target, event id and status. */
    static boolean hasLoadControl(Device device) {
        return find(device, LOAD_CONTROL).isPresent() && find(device, LOAD_CONTROL_TARGET).isPresent()
                && find(device, LOAD_CONTROL_EVENT).isPresent() && find(device, LOAD_CONTROL_ACTIVE).isPresent();
    }
}
