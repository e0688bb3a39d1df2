package org.urbis.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the platform core, PID {@code org.urbis.core} ({@code etc/org.urbis.core.cfg}). */
@ObjectClassDefinition(
        id = CoreConfig.PID,
        name = "Urbis core",
        description = "Device inventory, polling and health settings of the platform core.")
public @interface CoreConfig {

    String PID = "org.urbis.core";

    @AttributeDefinition(
            name = "Inventory folder",
            description = "Folder of GeoJSON, CSV and *.profiles.json inventory files, watched for changes. "
                    + "Empty means ${karaf.etc}/urbis/inventory.")
    String inventory_directory() default "";

    @AttributeDefinition(
            name = "Known drivers",
            description = "Driver ids inventory files may name although the driver is not installed yet; "
                    + "their devices stay DRIVER_MISSING until it is. Installed drivers are always known.")
    String[] inventory_knownDrivers() default {"streetlight", "water", "gridmeter", "parking", "irrigation"};

    @AttributeDefinition(
            name = "Last good inventory",
            description = "File keeping the last inventory put in force, loaded at start when the folder has problems. "
                    + "Empty means ${karaf.data}/urbis/inventory/last-good.zip.")
    String inventory_lastGood() default "";

    @AttributeDefinition(
            name = "Reload quiet period (ms)",
            description = "How long the inventory folder must be quiet before a change is loaded.")
    long inventory_quietPeriodMillis() default 500;

    @AttributeDefinition(
            name = "Default poll interval (ms)",
            description = "How often polled devices are read when their inventory entry sets no pollInterval.")
    long poll_defaultIntervalMillis() default 10_000;

    @AttributeDefinition(
            name = "Concurrent device operations",
            description = "Reads and writes running at once, over all devices.")
    int poll_maxConcurrent() default 16;

    @AttributeDefinition(
            name = "I/O timeout (ms)",
            description = "Longest a single read or write may take before it is abandoned as TIMEOUT.")
    long poll_timeoutMillis() default 5_000;

    @AttributeDefinition(
            name = "First retry delay (ms)",
            description = "Delay before re-reading a device after a failed read; doubles on each further failure.")
    long poll_retryInitialMillis() default 1_000;

    @AttributeDefinition(
            name = "Longest retry delay (ms)",
            description = "Upper bound of the retry delay of a device that keeps failing.")
    long poll_maxBackoffMillis() default 60_000;

    @AttributeDefinition(
            name = "Failures before OFFLINE",
            description = "Consecutive failed reads after which a device is OFFLINE rather than DEGRADED.")
    int health_offlineAfterFailures() default 3;
}
