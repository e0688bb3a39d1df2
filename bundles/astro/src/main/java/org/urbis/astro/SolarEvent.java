package org.urbis.astro;

/** The solar events the platform switches on, with the zenith angle that defines each. */
public enum SolarEvent {
    SUNRISE("sunrise", 90 + 50.0 / 60, true),
    SUNSET("sunset", 90 + 50.0 / 60, false),
    CIVIL_DAWN("civil-dawn", 96, true),
    CIVIL_DUSK("civil-dusk", 96, false);

    private final String label;
    private final double zenith;
    private final boolean morning;

    SolarEvent(String label, double zenith, boolean morning) {
        this.label = label;
        this.zenith = zenith;
        this.morning = morning;
    }

    /** The name used in shell output and schedules, such as {@code civil-dawn}. */
    public String label() {
        return label;
    }

    /** Zenith angle of the sun's centre at the event, in degrees (official 90°50′, civil 96°). */
    public double zenith() {
        return zenith;
    }

    public boolean morning() {
        return morning;
    }
}
