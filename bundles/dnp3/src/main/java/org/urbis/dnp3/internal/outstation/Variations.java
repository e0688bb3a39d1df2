package org.urbis.dnp3.internal.outstation;

import org.urbis.dnp3.PointType;
import org.urbis.dnp3.internal.app.ObjectType;

/** The objects the outstation reports each point type with: flags everywhere, floats for analogs, times on events. */
final class Variations {

    private Variations() {}

    static ObjectType staticType(PointType type) {
        return switch (type) {
            case BINARY_INPUT -> ObjectType.G1V2;
            case DOUBLE_BIT_BINARY_INPUT -> ObjectType.G3V2;
            case BINARY_OUTPUT_STATUS -> ObjectType.G10V2;
            case COUNTER -> ObjectType.G20V1;
            case FROZEN_COUNTER -> ObjectType.G21V1;
            case ANALOG_INPUT -> ObjectType.G30V5;
            case ANALOG_OUTPUT_STATUS -> ObjectType.G40V3;
        };
    }

    /** The event object, null for types without events here (output statuses). */
    static ObjectType eventType(PointType type) {
        return switch (type) {
            case BINARY_INPUT -> ObjectType.G2V2;
            case DOUBLE_BIT_BINARY_INPUT -> ObjectType.G4V2;
            case COUNTER -> ObjectType.G22V5;
            case FROZEN_COUNTER -> ObjectType.G23V5;
            case ANALOG_INPUT -> ObjectType.G32V7;
            default -> null;
        };
    }
}
