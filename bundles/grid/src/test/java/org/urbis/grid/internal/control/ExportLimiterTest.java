package org.urbis.grid.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.FeederFormat;

/** A held curtailment is raised only by a step worth a command to every inverter, or released outright. */
class ExportLimiterTest {

    private static final Feeder FEEDER = FeederFormat.parse(
            "pt-f1.feeder.json",
            "{\"feeder\": \"PT-F1\", \"transformerMeter\": "
                    + "\"GM-PT-F1-TX\", \"importLimitKw\": 400, \"exportLimitKw\": 100, \"hysteresisKw\": 10, \"exportController\": \"automatic\"}");
    /** 150 kW of inverters held at 76 %. */
    private static final List<ExportLimiter.Inverter> HELD =
            List.of(new ExportLimiter.Inverter("INV-1", 75, 50, 76), new ExportLimiter.Inverter("INV-2", 75, 50, 76));

    @Test
    void aRoomSmallerThanAStepHoldsTheLimit() {
        // aiming at 95 kW: 5.5 kW of room is 3.7 % of the rating
        Decision d = ExportLimiter.decide(FEEDER, -89.5, HELD);
        assertEquals(List.of(), d.orders(), d.reason());
        assertTrue(d.reason().contains("holding the inverters at 76 %"), d.reason());
    }

    @Test
    void aStepOfRoomRaisesAndPlentyReleases() {
        assertEquals(
                List.of(
                        new Order("INV-1", ExportLimiter.LIMIT_POINT, 81.0),
                        new Order("INV-2", ExportLimiter.LIMIT_POINT, 81.0)),
                ExportLimiter.decide(FEEDER, -88, HELD).orders());
        assertEquals(
                List.of(
                        new Order("INV-1", ExportLimiter.LIMIT_POINT, 100.0),
                        new Order("INV-2", ExportLimiter.LIMIT_POINT, 100.0)),
                ExportLimiter.decide(FEEDER, -60, HELD).orders());
    }

    @Test
    void anExportOverTheLimitIsCurtailedWhateverTheStep() {
        Decision d = ExportLimiter.decide(FEEDER, -101, HELD);
        assertEquals(2, d.orders().size(), d.reason());
        assertTrue(((Number) d.orders().get(0).value()).doubleValue() < 76, d.reason());
    }
}
