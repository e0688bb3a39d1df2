package org.urbis.api.grid;

/**
 * A feeder: the devices tagged {@code feeder=<id>} behind one transformer.
 *
 * @param peakMode   the peak limiting controller's mode: {@code off}, {@code advise} or {@code automatic}
 * @param exportMode the export limiting controller's mode
 */
public record FeederStatus(
        String id,
        String transformerMeter,
        double importLimitKw,
        double exportLimitKw,
        double hysteresisKw,
        String peakMode,
        String exportMode) {}
