package org.urbis.irrigation.internal.balance;

/**
 * What a zone's root zone holds and how fast its heads water it.
 *
 * @param cropCoefficient   plant factor / crop coefficient Kc: the zone's use as a fraction of ET0 (0.05–1.5)
 * @param rootDepth         effective root depth, m (0.05–3)
 * @param availableWater    the soil's available water, mm per m of depth (field capacity minus wilting point, 20–250)
 * @param allowedDepletion  management allowed depletion: the fraction of the root zone's water used before watering (0.1–0.9)
 * @param precipitationRate how fast the zone's heads apply water, mm/h (1–200)
 * @param rainEffectiveness the fraction of rain that reaches the root zone (0–1; runoff, interception)
 */
public record ZoneSoil(
        double cropCoefficient,
        double rootDepth,
        double availableWater,
        double allowedDepletion,
        double precipitationRate,
        double rainEffectiveness) {

    public ZoneSoil {
        check("cropCoefficient", cropCoefficient, 0.05, 1.5);
        check("rootDepth", rootDepth, 0.05, 3);
        check("availableWater", availableWater, 20, 250);
        check("allowedDepletion", allowedDepletion, 0.1, 0.9);
        check("precipitationRate", precipitationRate, 1, 200);
        check("rainEffectiveness", rainEffectiveness, 0, 1);
    }

    private static void check(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + v);
        }
    }

    /** Total available water of the root zone, mm. */
    public double totalAvailable() {
        return availableWater * rootDepth;
    }

    /** Depletion at which the zone is watered, mm below field capacity. */
    public double allowedDepletionMm() {
        return allowedDepletion * totalAvailable();
    }
}
