package org.urbis.driver.gridmeter.internal;

import org.urbis.api.device.Device;

/**
 * The grid-meter logic's {@linkplain org.urbis.api.device.Point#role() point roles}. Measurements:
 * {@code voltageL1}..{@code voltageL3}, {@code activePower}, {@code powerFactor}, {@code energyImport},
 * {@code energyExport}; control: {@code breaker}, {@code local}; load control: {@code loadControl} (the JSON
 * command point), {@code loadControlTarget}, {@code loadControlEvent}, {@code loadControlActive} and, where the device takes one,
 * {@code loadControlCriticality}.
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
    /** Optional: the analog output that takes an event's criticality level. */
    static final String LOAD_CONTROL_CRITICALITY = "loadControlCriticality";

    private Roles() {}

    static boolean isVoltage(String role) {
        return role.startsWith("voltageL");
    }

    /** Whether the device's profile maps everything load control needs: the command, target, event id and status. */
    static boolean hasLoadControl(Device device) {
        return device.pointWithRole(LOAD_CONTROL).isPresent()
                && device.pointWithRole(LOAD_CONTROL_TARGET).isPresent()
                && device.pointWithRole(LOAD_CONTROL_EVENT).isPresent()
                && device.pointWithRole(LOAD_CONTROL_ACTIVE).isPresent();
    }
}
