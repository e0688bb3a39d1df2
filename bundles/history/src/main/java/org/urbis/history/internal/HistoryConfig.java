package org.urbis.history.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the history store, PID {@code org.urbis.history} ({@code etc/org.urbis.history.cfg}). */
@ObjectClassDefinition(
        id = HistoryConfig.PID,
        name = "Urbis history",
        description =
                "How long and how much of the devices' values, health and alarm changes this runtime keeps on disk.")
public @interface HistoryConfig {

    String PID = "org.urbis.history";

    @AttributeDefinition(name = "Store file", description = "Empty means ${karaf.data}/urbis/history/history.mv.db.")
    String file() default "";

    @AttributeDefinition(name = "Retention (days)", description = "Values and changes older than this are dropped.")
    int retentionDays() default 30;

    @AttributeDefinition(
            name = "Size bound (MiB)",
            description = "History data kept at most; beyond it the oldest "
                    + "hours are dropped first and a platform alarm is raised.")
    long maxMegabytes() default 1024;

    @AttributeDefinition(
            name = "Commit interval (ms)",
            description =
                    "Values reach the disk this often: a crash " + "loses at most what came in since the last commit.")
    int commitMillis() default 1000;

    @AttributeDefinition(
            name = "Seal after (s)",
            description = "A point's newest values stay in the write-ahead log "
                    + "this long before they are sealed into a chunk of their own.")
    int sealSeconds() default 600;

    @AttributeDefinition(
            name = "Writer queue",
            description =
                    "Events waiting for the writer at most; beyond it "
                            + "they are dropped, counted and a platform alarm is raised, so that drivers never wait for the disk.")
    int queueCapacity() default 200_000;

    @AttributeDefinition(
            name = "Maximum hold (min)",
            description = "A point's values are kept when they change, so "
                    + "a bucket's mean is over time, each number holding until the next value; when none follows, it holds "
                    + "this long at most (a sensor that stopped reporting does not hold forever).")
    int maxHoldMinutes() default 360;
}
